// Identity providers, server certificates, account aliases and MFA tags through IamBackend:
// values, AWS's errors, persistence.
#include "common/text_codec.h"
#include "emulator/state/backend_test_util.h"
#include "emulator/state/provider_test_util.h"
#include "emulator/state/provider_util.h"

namespace aic::emulator::state::testing {
namespace {

using Params = std::map<std::string, std::string>;
using EmuProvidersTest = BackendTest;
const std::string kThumb(40, 'a');

TEST_F(EmuProvidersTest, SamlProviderLifecycle) {
  Reply c =
      Ok("CreateSAMLProvider", {{"Name", "Okta_1"}, {"SAMLMetadataDocument", SamlMetadata()}});
  const std::string arn = c.Text("CreateSAMLProviderResult/SAMLProviderArn");
  EXPECT_EQ(arn, "arn:aws:iam::123456789012:saml-provider/Okta_1");
  Reply g = Ok("GetSAMLProvider", {{"SAMLProviderArn", arn}});
  EXPECT_EQ(g.Text("GetSAMLProviderResult/SAMLMetadataDocument"), SamlMetadata());
  EXPECT_EQ(g.Text("GetSAMLProviderResult/CreateDate"), "2027-01-15T08:00:00Z");
  // No validUntil in the metadata: 100 years after creation.
  EXPECT_EQ(g.Text("GetSAMLProviderResult/ValidUntil"), "2127-01-15T08:00:00Z");
  Ok("UpdateSAMLProvider",
     {{"SAMLProviderArn", arn}, {"SAMLMetadataDocument", SamlMetadata("2030-05-01T10:00:00.5Z")}});
  Reply l = Ok("ListSAMLProviders");
  EXPECT_EQ(l.Text("ListSAMLProvidersResult/SAMLProviderList/member/Arn"), arn);
  EXPECT_EQ(l.Text("ListSAMLProvidersResult/SAMLProviderList/member/ValidUntil"),
            "2030-05-01T10:00:00Z");
  Err("CreateSAMLProvider", {{"Name", "Okta_1"}, {"SAMLMetadataDocument", SamlMetadata()}}, 409,
      "EntityAlreadyExists");
  Ok("DeleteSAMLProvider", {{"SAMLProviderArn", arn}});
  Reply e = Err("GetSAMLProvider", {{"SAMLProviderArn", arn}}, 404, "NoSuchEntity");
  EXPECT_EQ(e.Message(), "Manifest not found for arn " + arn);
  Err("DeleteSAMLProvider", {{"SAMLProviderArn", arn}}, 404, "NoSuchEntity");
}

TEST_F(EmuProvidersTest, SamlMetadataMustBeSaml2EntityDescriptor) {
  std::string not_saml = SamlMetadata();
  not_saml.replace(not_saml.find("urn:oasis:names:tc:SAML:2.0:metadata"), 36,
                   "urn:example:not-saml-metadata:0000000");
  Reply r = Err("CreateSAMLProvider", {{"Name", "p"}, {"SAMLMetadataDocument", not_saml}}, 400,
                "InvalidInput");
  EXPECT_EQ(r.Message(), "Could not parse metadata");
  std::string broken = SamlMetadata();
  broken.resize(broken.size() - 10);
  Err("CreateSAMLProvider", {{"Name", "p"}, {"SAMLMetadataDocument", broken}}, 400, "InvalidInput");
  r = Err("CreateSAMLProvider", {{"Name", "p"}, {"SAMLMetadataDocument", "<x/>"}}, 400,
          "ValidationError");
  EXPECT_EQ(r.Message(),
            "1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1000");
  r = Err("CreateSAMLProvider", {{"Name", "bad name"}, {"SAMLMetadataDocument", SamlMetadata()}},
          400, "ValidationError");
  EXPECT_NE(r.Message().find("[\\w._-]+"), std::string::npos) << r.Message();
  Ok("ListSAMLProviders");
}

TEST_F(EmuProvidersTest, SamlTags) {
  const std::string arn = Ok("CreateSAMLProvider", {{"Name", "p"},
                                                    {"SAMLMetadataDocument", SamlMetadata()},
                                                    {"Tags.member.1.Key", "a"},
                                                    {"Tags.member.1.Value", "1"}})
                              .Text("CreateSAMLProviderResult/SAMLProviderArn");
  Ok("TagSAMLProvider", {{"SAMLProviderArn", arn},
                         {"Tags.member.1.Key", "b"},
                         {"Tags.member.1.Value", "2"},
                         {"Tags.member.2.Key", "A"},
                         {"Tags.member.2.Value", "3"}});
  Reply t = Ok("ListSAMLProviderTags", {{"SAMLProviderArn", arn}, {"MaxItems", "1"}});
  EXPECT_EQ(t.Text("ListSAMLProviderTagsResult/Tags/member/Value"), "3");
  EXPECT_EQ(t.Text("ListSAMLProviderTagsResult/IsTruncated"), "true");
  Ok("UntagSAMLProvider", {{"SAMLProviderArn", arn}, {"TagKeys.member.1", "a"}});
  t = Ok("ListSAMLProviderTags", {{"SAMLProviderArn", arn}});
  EXPECT_EQ(Members(t.Node("ListSAMLProviderTagsResult/Tags")), 1);
  Err("TagSAMLProvider",
      {{"SAMLProviderArn", arn + "x"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}},
      404, "NoSuchEntity");
}

TEST_F(EmuProvidersTest, OidcProviderLifecycle) {
  Reply c = Ok("CreateOpenIDConnectProvider", {{"Url", "https://oidc.example.com/tenant"},
                                               {"ClientIDList.member.1", "app"},
                                               {"ClientIDList.member.2", "app"},
                                               {"ThumbprintList.member.1", kThumb}});
  const std::string arn = c.Text("CreateOpenIDConnectProviderResult/OpenIDConnectProviderArn");
  EXPECT_EQ(arn, "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/tenant");
  Reply g = Ok("GetOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}});
  EXPECT_EQ(g.Text("GetOpenIDConnectProviderResult/Url"), "oidc.example.com/tenant");
  EXPECT_EQ(Members(g.Node("GetOpenIDConnectProviderResult/ClientIDList")), 1);
  Ok("AddClientIDToOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}, {"ClientID", "b"}});
  Ok("AddClientIDToOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}, {"ClientID", "b"}});
  Ok("RemoveClientIDFromOpenIDConnectProvider",
     {{"OpenIDConnectProviderArn", arn}, {"ClientID", "app"}});
  Ok("RemoveClientIDFromOpenIDConnectProvider",
     {{"OpenIDConnectProviderArn", arn}, {"ClientID", "never"}});
  Ok("UpdateOpenIDConnectProviderThumbprint", {{"OpenIDConnectProviderArn", arn},
                                               {"ThumbprintList.member.1", std::string(40, 'c')},
                                               {"ThumbprintList.member.2", std::string(40, 'd')}});
  g = Ok("GetOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}});
  EXPECT_EQ(g.Text("GetOpenIDConnectProviderResult/ClientIDList/member"), "b");
  EXPECT_EQ(Members(g.Node("GetOpenIDConnectProviderResult/ThumbprintList")), 2);
  Reply dup = Err("CreateOpenIDConnectProvider",
                  {{"Url", "https://oidc.example.com/tenant"}, {"ThumbprintList.member.1", kThumb}},
                  409, "EntityAlreadyExists");
  EXPECT_EQ(dup.Message(), "Provider with url https://oidc.example.com/tenant already exists.");
  Ok("DeleteOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}});
  Reply e =
      Err("DeleteOpenIDConnectProvider", {{"OpenIDConnectProviderArn", arn}}, 404, "NoSuchEntity");
  EXPECT_EQ(e.Message(), "OpenIDConnect Provider not found for arn " + arn);
}

TEST_F(EmuProvidersTest, OidcValidation) {
  Reply r =
      Err("CreateOpenIDConnectProvider",
          {{"Url", "example.org"}, {"ThumbprintList.member.1", kThumb}}, 400, "ValidationError");
  EXPECT_EQ(r.Message(), "Invalid Open ID Connect Provider URL");
  Err("CreateOpenIDConnectProvider",
      {{"Url", "https://x.example.com?a=b"}, {"ThumbprintList.member.1", kThumb}}, 400,
      "ValidationError");
  r = Err("CreateOpenIDConnectProvider",
          {{"Url", std::string(256, 'b')},
           {"ThumbprintList.member.1", std::string(41, 'b')},
           {"ClientIDList.member.1", std::string(256, 'b')}},
          400, "ValidationError");
  EXPECT_EQ(r.Message(),
            "3 validation errors detected: Value at 'clientIDList' failed to satisfy constraint: "
            "Member must satisfy constraint: [Member must have length less than or equal to 255, "
            "Member must have length greater than or equal to 1]; Value at 'thumbprintList' failed "
            "to satisfy constraint: Member must satisfy constraint: [Member must have length less "
            "than or equal to 40, Member must have length greater than or equal to 40]; Value at "
            "'url' failed to satisfy constraint: Member must have length less than or equal to "
            "255");
  Params six = {{"Url", "https://t.example.com"}};
  for (int i = 1; i <= 6; ++i) six["ThumbprintList.member." + std::to_string(i)] = kThumb;
  r = Err("CreateOpenIDConnectProvider", six, 400, "InvalidInput");
  EXPECT_EQ(r.Message(), "Thumbprint list must contain fewer than 5 entries.");
  Params many = {{"Url", "https://c.example.com"}, {"ThumbprintList.member.1", kThumb}};
  for (int i = 1; i <= 101; ++i)
    many["ClientIDList.member." + std::to_string(i)] = std::to_string(i);
  r = Err("CreateOpenIDConnectProvider", many, 409, "LimitExceeded");
  EXPECT_EQ(r.Message(), "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
  Err("CreateOpenIDConnectProvider", {{"Url", "https://c.example.com"}}, 400, "ValidationError");
  Reply l = Ok("ListOpenIDConnectProviders");
  EXPECT_EQ(Members(l.Node("ListOpenIDConnectProvidersResult/OpenIDConnectProviderList")), 0);
}

TEST_F(EmuProvidersTest, ServerCertificateLifecycle) {
  TestCert ca, leaf, other;
  MakeCert(ca, "ca", 1700000000, 1900000000);
  MakeCert(leaf, "leaf", 1700000000, 1850000000, &ca);
  MakeCert(other, "other", 1700000000, 1850000000);
  Params up = {{"ServerCertificateName", "web"},
               {"Path", "/lb/"},
               {"CertificateBody", leaf.cert_pem},
               {"CertificateChain", ca.cert_pem},
               {"PrivateKey", leaf.key_pem}};
  Reply u = Ok("UploadServerCertificate", up);
  const std::string m = "UploadServerCertificateResult/ServerCertificateMetadata/";
  EXPECT_EQ(u.Text(m + "Arn"), "arn:aws:iam::123456789012:server-certificate/lb/web");
  EXPECT_EQ(u.Text(m + "Expiration"), text::FormatIso8601(1850000000));
  EXPECT_EQ(u.Text(m + "ServerCertificateId").rfind("ASCA", 0), 0u);
  EXPECT_EQ(u.body.find("PRIVATE KEY"), std::string::npos);
  Reply g = Ok("GetServerCertificate", {{"ServerCertificateName", "WEB"}});
  EXPECT_EQ(g.Text("GetServerCertificateResult/ServerCertificate/CertificateBody"), leaf.cert_pem);
  EXPECT_EQ(g.Text("GetServerCertificateResult/ServerCertificate/CertificateChain"), ca.cert_pem);
  EXPECT_EQ(g.body.find("PRIVATE KEY"), std::string::npos);
  Reply dup = Err("UploadServerCertificate", up, 409, "EntityAlreadyExists");
  EXPECT_EQ(dup.Message(), "The Server Certificate with name web already exists.");

  Ok("UpdateServerCertificate", {{"ServerCertificateName", "web"},
                                 {"NewServerCertificateName", "web2"},
                                 {"NewPath", "/new/"}});
  Err("GetServerCertificate", {{"ServerCertificateName", "web"}}, 404, "NoSuchEntity");
  Reply l = Ok("ListServerCertificates", {{"PathPrefix", "/new"}});
  EXPECT_EQ(l.Text("ListServerCertificatesResult/ServerCertificateMetadataList/member/Arn"),
            "arn:aws:iam::123456789012:server-certificate/new/web2");
  l = Ok("ListServerCertificates", {{"PathPrefix", "/lb/"}});
  EXPECT_EQ(Members(l.Node("ListServerCertificatesResult/ServerCertificateMetadataList")), 0);
  Ok("DeleteServerCertificate", {{"ServerCertificateName", "web2"}});
  Reply e =
      Err("DeleteServerCertificate", {{"ServerCertificateName", "web2"}}, 404, "NoSuchEntity");
  EXPECT_EQ(e.Message(), "The Server Certificate with name web2 cannot be found.");
}

TEST_F(EmuProvidersTest, ServerCertificateMaterialIsChecked) {
  TestCert ca, leaf, other;
  MakeCert(ca, "ca", 1700000000, 1900000000);
  MakeCert(leaf, "leaf", 1700000000, 1850000000, &ca);
  MakeCert(other, "other", 1700000000, 1850000000);
  Params p = {{"ServerCertificateName", "c"},
              {"CertificateBody", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"},
              {"PrivateKey", leaf.key_pem}};
  Reply r = Err("UploadServerCertificate", p, 400, "MalformedCertificate");
  EXPECT_EQ(r.Message(),
            "Unable to parse certificate. Please ensure the certificate is in PEM format.");
  p["CertificateBody"] = leaf.cert_pem;
  p["PrivateKey"] = other.key_pem;
  r = Err("UploadServerCertificate", p, 400, "KeyPairMismatch");
  EXPECT_EQ(r.Message().find("PRIVATE"), std::string::npos);
  p["PrivateKey"] = "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n";
  r = Err("UploadServerCertificate", p, 400, "MalformedCertificate");
  EXPECT_EQ(r.Message().find("nope"), std::string::npos);
  p["PrivateKey"] = leaf.key_pem;
  p["CertificateChain"] = other.cert_pem;  // did not sign the body
  r = Err("UploadServerCertificate", p, 400, "MalformedCertificate");
  EXPECT_NE(r.Message().find("Unable to validate certificate chain"), std::string::npos);
  Reply l = Ok("ListServerCertificates");
  EXPECT_EQ(Members(l.Node("ListServerCertificatesResult/ServerCertificateMetadataList")), 0);
}

TEST_F(EmuProvidersTest, ServerCertificatesPersistWithoutTheirKey) {
  const std::string path = ::testing::TempDir() + "/providers_persist.db";
  std::remove(path.c_str());
  Open(path);
  TestCert leaf;
  MakeCert(leaf, "leaf", 1700000000, 1850000000);
  Ok("UploadServerCertificate", {{"ServerCertificateName", "c"},
                                 {"CertificateBody", leaf.cert_pem},
                                 {"PrivateKey", leaf.key_pem},
                                 {"Tags.member.1.Key", "k"},
                                 {"Tags.member.1.Value", "v"}});
  Ok("UpdateServerCertificate",
     {{"ServerCertificateName", "c"}, {"NewServerCertificateName", "d"}});
  Ok("CreateAccountAlias", {{"AccountAlias", "persisted"}});
  Ok("CreateOpenIDConnectProvider",
     {{"Url", "https://p.example.com"}, {"ThumbprintList.member.1", kThumb}});
  Open(path);
  Reply t = Ok("ListServerCertificateTags", {{"ServerCertificateName", "d"}});
  EXPECT_EQ(t.Text("ListServerCertificateTagsResult/Tags/member/Key"), "k");
  Err("GetServerCertificate", {{"ServerCertificateName", "c"}}, 404, "NoSuchEntity");
  EXPECT_EQ(Ok("ListAccountAliases").Text("ListAccountAliasesResult/AccountAliases/member"),
            "persisted");
  Ok("GetOpenIDConnectProvider",
     {{"OpenIDConnectProviderArn", "arn:aws:iam::123456789012:oidc-provider/p.example.com"}});
  backend_.reset();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  ASSERT_NE(f, nullptr);
  std::string bytes;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
  std::fclose(f);
  EXPECT_EQ(bytes.find("PRIVATE KEY"), std::string::npos);
  std::remove(path.c_str());
}

TEST_F(EmuProvidersTest, AccountAlias) {
  EXPECT_TRUE(ValidAccountAlias("abc"));
  EXPECT_TRUE(ValidAccountAlias("a-b-c1"));
  EXPECT_FALSE(ValidAccountAlias("ab"));
  EXPECT_FALSE(ValidAccountAlias("a--b"));
  EXPECT_FALSE(ValidAccountAlias("-ab"));
  EXPECT_FALSE(ValidAccountAlias("ab-"));
  EXPECT_FALSE(ValidAccountAlias("Abc"));
  EXPECT_FALSE(ValidAccountAlias(std::string(64, 'a')));
  Ok("CreateAccountAlias", {{"AccountAlias", "first"}});
  Ok("CreateAccountAlias", {{"AccountAlias", "first"}});
  Ok("CreateAccountAlias", {{"AccountAlias", "second"}});
  Reply l = Ok("ListAccountAliases");
  EXPECT_EQ(Members(l.Node("ListAccountAliasesResult/AccountAliases")), 1);
  EXPECT_EQ(l.Text("ListAccountAliasesResult/AccountAliases/member"), "second");
  Err("DeleteAccountAlias", {{"AccountAlias", "first"}}, 404, "NoSuchEntity");
  Reply r = Err("CreateAccountAlias", {{"AccountAlias", "a--b"}}, 400, "ValidationError");
  EXPECT_EQ(r.Message(),
            "1 validation error detected: Value 'a--b' at 'accountAlias' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: "
            "^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$");
  Ok("DeleteAccountAlias", {{"AccountAlias", "second"}});
  EXPECT_EQ(Members(Ok("ListAccountAliases").Node("ListAccountAliasesResult/AccountAliases")), 0);
}

TEST_F(EmuProvidersTest, MfaTagsAndResync) {
  Ok("CreateUser", {{"UserName", "u"}});
  Ok("CreateUser", {{"UserName", "v"}});
  const std::string serial =
      Ok("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "d"}})
          .Text("CreateVirtualMFADeviceResult/VirtualMFADevice/SerialNumber");
  Ok("TagMFADevice",
     {{"SerialNumber", serial}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}});
  Reply t = Ok("ListMFADeviceTags", {{"SerialNumber", serial}});
  EXPECT_EQ(t.Text("ListMFADeviceTagsResult/Tags/member/Value"), "v");
  Ok("UntagMFADevice", {{"SerialNumber", serial}, {"TagKeys.member.1", "K"}});
  EXPECT_EQ(
      Members(
          Ok("ListMFADeviceTags", {{"SerialNumber", serial}}).Node("ListMFADeviceTagsResult/Tags")),
      0);
  Reply e = Err(
      "TagMFADevice",
      {{"SerialNumber", serial + "x"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}},
      404, "NoSuchEntity");
  EXPECT_EQ(e.Message(), "MFA Device with serial number " + serial + "x does not exist.");
  Params resync = {{"UserName", "u"},
                   {"SerialNumber", serial},
                   {"AuthenticationCode1", "123456"},
                   {"AuthenticationCode2", "654321"}};
  Err("ResyncMFADevice", resync, 404, "NoSuchEntity");  // not enabled yet
  Ok("EnableMFADevice", resync);
  Ok("ResyncMFADevice", resync);
  resync["AuthenticationCode2"] = "12a456";
  Err("ResyncMFADevice", resync, 403, "InvalidAuthenticationCode");
  resync["UserName"] = "v";
  resync["AuthenticationCode2"] = "654321";
  Err("ResyncMFADevice", resync, 404, "NoSuchEntity");
  resync["UserName"] = "nobody";
  Err("ResyncMFADevice", resync, 404, "NoSuchEntity");
}

TEST_F(EmuProvidersTest, AccountSummaryCountsProvidersAndCertificates) {
  TestCert leaf;
  MakeCert(leaf, "leaf", 1700000000, 1850000000);
  Ok("UploadServerCertificate", {{"ServerCertificateName", "c"},
                                 {"CertificateBody", leaf.cert_pem},
                                 {"PrivateKey", leaf.key_pem}});
  Ok("CreateSAMLProvider", {{"Name", "p"}, {"SAMLMetadataDocument", SamlMetadata()}});
  Ok("CreateOpenIDConnectProvider",
     {{"Url", "https://o.example.com"}, {"ThumbprintList.member.1", kThumb}});
  Reply s = Ok("GetAccountSummary");
  std::map<std::string, std::string> summary;
  for (auto e : s.Node("GetAccountSummaryResult/SummaryMap").children("entry")) {
    summary[e.child("key").text().as_string()] = e.child("value").text().as_string();
  }
  EXPECT_EQ(summary["ServerCertificates"], "1");
  EXPECT_EQ(summary["ServerCertificatesQuota"], "20");
  EXPECT_EQ(summary["Providers"], "2");
}

}  // namespace
}  // namespace aic::emulator::state::testing
