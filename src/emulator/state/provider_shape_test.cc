// Checks the XML of the identity provider, server certificate, account alias and MFA tag
// actions against the AWS model (shape_checker_test_util.h).
#include "emulator/state/provider_test_util.h"
#include "emulator/state/shape_checker_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuProviderShapeTest = ShapeTest;

TEST_F(EmuProviderShapeTest, ProviderResponsesFollowTheModel) {
  const json model = LoadModel("iam");
  auto run = [&](const std::string& action, std::map<std::string, std::string> p = {}) {
    Reply r = Call(action, p);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    CheckAction(model, r, action);
    return r;
  };
  const std::map<std::string, std::string> tag = {{"Tags.member.1.Key", "k"},
                                                  {"Tags.member.1.Value", "v"}};
  auto with = [](std::map<std::string, std::string> a,
                 const std::map<std::string, std::string>& b) {
    a.insert(b.begin(), b.end());
    return a;
  };

  Reply saml = run("CreateSAMLProvider",
                   with({{"Name", "idp"}, {"SAMLMetadataDocument", SamlMetadata()}}, tag));
  const std::string saml_arn = saml.Text("CreateSAMLProviderResult/SAMLProviderArn");
  run("GetSAMLProvider", {{"SAMLProviderArn", saml_arn}});
  run("UpdateSAMLProvider", {{"SAMLProviderArn", saml_arn},
                             {"SAMLMetadataDocument", SamlMetadata("2031-01-01T00:00:00Z")}});
  run("ListSAMLProviders");
  run("TagSAMLProvider", with({{"SAMLProviderArn", saml_arn}}, tag));
  run("ListSAMLProviderTags", {{"SAMLProviderArn", saml_arn}});
  run("UntagSAMLProvider", {{"SAMLProviderArn", saml_arn}, {"TagKeys.member.1", "k"}});
  run("DeleteSAMLProvider", {{"SAMLProviderArn", saml_arn}});

  Reply oidc =
      run("CreateOpenIDConnectProvider", with({{"Url", "https://oidc.example.com/path"},
                                               {"ClientIDList.member.1", "app"},
                                               {"ThumbprintList.member.1", std::string(40, 'a')}},
                                              tag));
  const std::string oidc_arn =
      oidc.Text("CreateOpenIDConnectProviderResult/OpenIDConnectProviderArn");
  run("GetOpenIDConnectProvider", {{"OpenIDConnectProviderArn", oidc_arn}});
  run("ListOpenIDConnectProviders");
  run("AddClientIDToOpenIDConnectProvider",
      {{"OpenIDConnectProviderArn", oidc_arn}, {"ClientID", "app2"}});
  run("RemoveClientIDFromOpenIDConnectProvider",
      {{"OpenIDConnectProviderArn", oidc_arn}, {"ClientID", "app"}});
  run("UpdateOpenIDConnectProviderThumbprint",
      {{"OpenIDConnectProviderArn", oidc_arn}, {"ThumbprintList.member.1", std::string(40, 'b')}});
  run("TagOpenIDConnectProvider", with({{"OpenIDConnectProviderArn", oidc_arn}}, tag));
  run("ListOpenIDConnectProviderTags", {{"OpenIDConnectProviderArn", oidc_arn}});
  run("UntagOpenIDConnectProvider",
      {{"OpenIDConnectProviderArn", oidc_arn}, {"TagKeys.member.1", "k"}});
  run("DeleteOpenIDConnectProvider", {{"OpenIDConnectProviderArn", oidc_arn}});

  TestCert ca, leaf;
  MakeCert(ca, "ca", 1700000000, 1900000000);
  MakeCert(leaf, "leaf", 1700000000, 1850000000, &ca);
  run("UploadServerCertificate", with({{"ServerCertificateName", "cert"},
                                       {"Path", "/web/"},
                                       {"CertificateBody", leaf.cert_pem},
                                       {"CertificateChain", ca.cert_pem},
                                       {"PrivateKey", leaf.key_pem}},
                                      tag));
  run("GetServerCertificate", {{"ServerCertificateName", "cert"}});
  run("ListServerCertificates", {{"PathPrefix", "/web/"}});
  run("TagServerCertificate", with({{"ServerCertificateName", "cert"}}, tag));
  run("ListServerCertificateTags", {{"ServerCertificateName", "cert"}});
  run("UntagServerCertificate", {{"ServerCertificateName", "cert"}, {"TagKeys.member.1", "k"}});
  run("UpdateServerCertificate", {{"ServerCertificateName", "cert"},
                                  {"NewServerCertificateName", "cert2"},
                                  {"NewPath", "/new/"}});
  run("DeleteServerCertificate", {{"ServerCertificateName", "cert2"}});

  run("CreateAccountAlias", {{"AccountAlias", "my-corp"}});
  run("ListAccountAliases");
  run("DeleteAccountAlias", {{"AccountAlias", "my-corp"}});

  run("CreateUser", {{"UserName", "u"}});
  Reply mfa = run("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "d"}});
  const std::string serial = mfa.Text("CreateVirtualMFADeviceResult/VirtualMFADevice/SerialNumber");
  run("EnableMFADevice", {{"UserName", "u"},
                          {"SerialNumber", serial},
                          {"AuthenticationCode1", "111111"},
                          {"AuthenticationCode2", "222222"}});
  run("TagMFADevice", with({{"SerialNumber", serial}}, tag));
  run("ListMFADeviceTags", {{"SerialNumber", serial}});
  run("UntagMFADevice", {{"SerialNumber", serial}, {"TagKeys.member.1", "k"}});
  run("ResyncMFADevice", {{"UserName", "u"},
                          {"SerialNumber", serial},
                          {"AuthenticationCode1", "333333"},
                          {"AuthenticationCode2", "444444"}});
}

}  // namespace
}  // namespace aic::emulator::state::testing
