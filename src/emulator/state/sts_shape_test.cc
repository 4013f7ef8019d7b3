// Checks the XML of every STS operation against the sts model, and the STS rules that need the
// backend (trust policies, durations, session credentials, federation, partitions).
#include "common/text_codec.h"
#include "emulator/state/provider_test_util.h"
#include "emulator/state/shape_checker_test_util.h"
#include "emulator/state/sts_identity_tokens.h"
#include "emulator/state/sts_session.h"

namespace aic::emulator::state::testing {
namespace {

constexpr const char* kAccount = "123456789012";
constexpr const char* kRootTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]})";

std::string SamlResponse(const std::string& role_arn, const std::string& provider_arn,
                         const std::string& not_on_or_after = "2099-01-01T00:00:00Z",
                         const std::string& session = "alice@example.com") {
  std::string xml =
      R"(<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">)"
      R"(<saml:Issuer>https://idp.example.com</saml:Issuer><saml:Assertion>)"
      R"(<saml:Issuer>https://idp.example.com</saml:Issuer><saml:Subject>)"
      R"(<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice</saml:NameID>)"
      R"(<saml:SubjectConfirmation><saml:SubjectConfirmationData NotOnOrAfter=")" +
      not_on_or_after +
      R"(" Recipient="https://signin.aws.amazon.com/saml"/></saml:SubjectConfirmation></saml:Subject>)"
      R"(<saml:Conditions><saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience>)"
      R"(</saml:AudienceRestriction></saml:Conditions><saml:AttributeStatement>)"
      R"(<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>)" +
      role_arn + "," + provider_arn +
      R"(</saml:AttributeValue></saml:Attribute>)"
      R"(<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>)" +
      session +
      R"(</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>)";
  return text::Base64Encode(xml);
}

std::string Jwt(const std::string& iss, const std::string& aud, long long exp,
                const std::string& sub = "user-123456") {
  auto b64 = [](const std::string& s) {
    return text::Base64Encode(s, text::Base64Variant::kUrlNoPadding);
  };
  return b64(R"({"alg":"RS256","typ":"JWT"})") + "." +
         b64(R"({"iss":")" + iss + R"(","sub":")" + sub + R"(","aud":")" + aud + R"(","exp":)" +
             std::to_string(exp) + "}") +
         ".c2lnbmF0dXJl";
}

class EmuStsTest : public ShapeTest {
 public:
  Reply Sts(const std::string& action, std::map<std::string, std::string> params = {},
            Caller caller = {}, const std::string& region = "us-east-1") {
    ActionRequest req;
    req.service = "sts";
    req.action = action;
    params["Action"] = action;
    params["Version"] = "2011-06-15";
    req.params = std::move(params);
    req.request_id = "req-1";
    req.caller = std::move(caller);
    req.region = region;
    ActionResponse resp = backend_->Handle(req);
    Reply r;
    r.status = resp.http_status;
    r.body = resp.body;
    EXPECT_TRUE(r.doc->load_string(r.body.c_str())) << r.body;
    return r;
  }
  // The Caller the front would make for a key the backend issued.
  Caller CallerOf(const std::string& key_id) {
    auto rec = backend_->LookupAccessKey(key_id);
    EXPECT_TRUE(rec.has_value()) << key_id;
    return rec ? rec->caller : Caller{};
  }
  void MakeRole(const std::string& name, const std::string& trust = kRootTrust,
                const std::string& max = "3600") {
    Ok("CreateRole",
       {{"RoleName", name}, {"AssumeRolePolicyDocument", trust}, {"MaxSessionDuration", max}});
  }
  std::string UserKey(const std::string& user) {
    Ok("CreateUser", {{"UserName", user}});
    return Ok("CreateAccessKey", {{"UserName", user}})
        .Text("CreateAccessKeyResult/AccessKey/AccessKeyId");
  }
};

TEST_F(EmuStsTest, EveryOperationFollowsTheModel) {
  const json model = LoadModel("sts");
  MakeRole("r");
  const std::string role_arn = std::string("arn:aws:iam::") + kAccount + ":role/r";
  Reply a = Sts("AssumeRole", {{"RoleArn", role_arn},
                               {"RoleSessionName", "s1"},
                               {"Policy", kRootTrust},
                               {"Tags.member.1.Key", "team"},
                               {"Tags.member.1.Value", "blue"},
                               {"SourceIdentity", "alice"}});
  CheckAction(model, a, "AssumeRole");
  EXPECT_EQ(a.Text("AssumeRoleResult/SourceIdentity"), "alice");
  EXPECT_NE(a.Text("AssumeRoleResult/PackedPolicySize"), "");
  CheckAction(model, Sts("GetCallerIdentity"), "GetCallerIdentity");
  CheckAction(model, Sts("GetSessionToken"), "GetSessionToken");
  Reply f = Sts("GetFederationToken", {{"Name", "bob"}, {"Policy", kRootTrust}});
  CheckAction(model, f, "GetFederationToken");
  CheckAction(model, Sts("GetAccessKeyInfo", {{"AccessKeyId", "AKIAIOSFODNN7EXAMPLE"}}),
              "GetAccessKeyInfo");
  CheckAction(model,
              Sts("DecodeAuthorizationMessage",
                  {{"EncodedMessage", EncodeAuthorizationMessage(R"({"allowed":false})")}}),
              "DecodeAuthorizationMessage");

  const std::string saml_arn =
      Ok("CreateSAMLProvider", {{"Name", "idp"}, {"SAMLMetadataDocument", SamlMetadata()}})
          .Text("CreateSAMLProviderResult/SAMLProviderArn");
  MakeRole(
      "saml-role",
      R"({"Statement":[{"Effect":"Allow","Principal":{"Federated":")" + saml_arn +
          R"("},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]})");
  const std::string saml_role = std::string("arn:aws:iam::") + kAccount + ":role/saml-role";
  Reply s = Sts("AssumeRoleWithSAML",
                {{"RoleArn", saml_role},
                 {"PrincipalArn", saml_arn},
                 {"SAMLAssertion", SamlResponse(saml_role, saml_arn)}},
                Caller{}, "");
  CheckAction(model, s, "AssumeRoleWithSAML");
  EXPECT_EQ(s.Text("AssumeRoleWithSAMLResult/Subject"), "alice");
  EXPECT_EQ(s.Text("AssumeRoleWithSAMLResult/SubjectType"), "persistent");
  EXPECT_EQ(s.Text("AssumeRoleWithSAMLResult/Issuer"), "https://idp.example.com");
  EXPECT_EQ(s.Text("AssumeRoleWithSAMLResult/AssumedRoleUser/Arn"),
            "arn:aws:sts::123456789012:assumed-role/saml-role/alice@example.com");

  const std::string oidc_arn =
      Ok("CreateOpenIDConnectProvider", {{"Url", "https://oidc.example.com/path"},
                                         {"ClientIDList.member.1", "app"},
                                         {"ThumbprintList.member.1", std::string(40, 'a')}})
          .Text("CreateOpenIDConnectProviderResult/OpenIDConnectProviderArn");
  MakeRole(
      "web-role",
      R"({"Statement":[{"Effect":"Allow","Principal":{"Federated":")" + oidc_arn +
          R"("},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"oidc.example.com/path:aud":"app"}}}]})");
  Reply w = Sts("AssumeRoleWithWebIdentity",
                {{"RoleArn", std::string("arn:aws:iam::") + kAccount + ":role/web-role"},
                 {"RoleSessionName", "web"},
                 {"WebIdentityToken", Jwt("https://oidc.example.com/path", "app", 1900000000)}},
                Caller{}, "");
  CheckAction(model, w, "AssumeRoleWithWebIdentity");
  EXPECT_EQ(w.Text("AssumeRoleWithWebIdentityResult/SubjectFromWebIdentityToken"), "user-123456");
  EXPECT_EQ(w.Text("AssumeRoleWithWebIdentityResult/Audience"), "app");
  EXPECT_EQ(w.Text("AssumeRoleWithWebIdentityResult/Provider"), "https://oidc.example.com/path");
  EXPECT_EQ(checked_, 8);
}

TEST_F(EmuStsTest, AssumeRoleNeedsTheRoleAndItsTrust) {
  const std::string missing = "arn:aws:iam::123456789012:role/nope";
  Reply r = Sts("AssumeRole", {{"RoleArn", missing}, {"RoleSessionName", "s1"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Code(), "AccessDenied");
  EXPECT_EQ(r.Message(),
            "User: arn:aws:iam::123456789012:root is not authorized to perform: "
            "sts:AssumeRole on resource: " +
                missing);
  MakeRole(
      "svc",
      R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})");
  std::string key = UserKey("alice");
  r = Sts("AssumeRole",
          {{"RoleArn", "arn:aws:iam::123456789012:role/svc"}, {"RoleSessionName", "s1"}},
          CallerOf(key));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Message(),
            "User: arn:aws:iam::123456789012:user/alice is not authorized to "
            "perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/svc");
  // Tags need sts:TagSession in the trust policy.
  MakeRole(
      "plain",
      R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]})");
  r = Sts("AssumeRole", {{"RoleArn", "arn:aws:iam::123456789012:role/plain"},
                         {"RoleSessionName", "s1"},
                         {"Tags.member.1.Key", "k"},
                         {"Tags.member.1.Value", "v"}});
  EXPECT_EQ(r.Code(), "AccessDenied");
}

TEST_F(EmuStsTest, DurationsAndChaining) {
  MakeRole("r", kRootTrust, "7200");
  const std::string arn = "arn:aws:iam::123456789012:role/r";
  Reply r =
      Sts("AssumeRole", {{"RoleArn", arn}, {"RoleSessionName", "s1"}, {"DurationSeconds", "7201"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.Code(), "ValidationError");
  EXPECT_EQ(r.Message(),
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  r = Sts("AssumeRole", {{"RoleArn", arn}, {"RoleSessionName", "s1"}, {"DurationSeconds", "7200"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Text("AssumeRoleResult/Credentials/Expiration"),
            text::FormatIso8601(std::int64_t{1800000000 + 7200}));
  // Role chaining: the role trusts itself; a session asking for more than an hour is refused.
  Ok("UpdateAssumeRolePolicy",
     {{"RoleName", "r"},
      {"PolicyDocument",
       R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":["123456789012","arn:aws:iam::123456789012:role/r"]},"Action":"sts:AssumeRole"}]})"}});
  Caller session = CallerOf(r.Text("AssumeRoleResult/Credentials/AccessKeyId"));
  Reply chained =
      Sts("AssumeRole", {{"RoleArn", arn}, {"RoleSessionName", "c1"}, {"DurationSeconds", "3601"}},
          session);
  EXPECT_EQ(chained.Message(),
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
            "role chaining.");
  chained = Sts("AssumeRole", {{"RoleArn", arn}, {"RoleSessionName", "c1"}}, session);
  EXPECT_EQ(chained.status, 200) << chained.body;
  // RoleLastUsed is recorded with the signing region.
  Reply got = Ok("GetRole", {{"RoleName", "r"}});
  EXPECT_EQ(got.Text("GetRoleResult/Role/RoleLastUsed/Region"), "us-east-1");
  EXPECT_NE(got.Text("GetRoleResult/Role/RoleLastUsed/LastUsedDate"), "");
}

TEST_F(EmuStsTest, SessionAndFederationTokens) {
  std::string key = UserKey("alice");
  Reply t = Sts("GetSessionToken", {{"DurationSeconds", "129600"}}, CallerOf(key));
  ASSERT_EQ(t.status, 200) << t.body;
  EXPECT_EQ(t.Text("GetSessionTokenResult/Credentials/Expiration"),
            text::FormatIso8601(std::int64_t{1800000000 + 129600}));
  Caller session = CallerOf(t.Text("GetSessionTokenResult/Credentials/AccessKeyId"));
  EXPECT_EQ(session.arn, "arn:aws:iam::123456789012:user/alice");
  Reply again = Sts("GetSessionToken", {}, session);
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.Message(), "Cannot call GetSessionToken with session credentials");
  // The root's sessions last at most an hour.
  Reply root = Sts("GetSessionToken", {{"DurationSeconds", "7200"}});
  EXPECT_EQ(root.Text("GetSessionTokenResult/Credentials/Expiration"),
            text::FormatIso8601(std::int64_t{1800000000 + 3600}));
  // MFA: the device must be the caller's.
  Reply mfa = Sts("GetSessionToken",
                  {{"SerialNumber", "arn:aws:iam::123456789012:mfa/x"}, {"TokenCode", "123456"}},
                  CallerOf(key));
  EXPECT_EQ(mfa.Code(), "AccessDenied");

  Reply f = Sts("GetFederationToken", {{"Name", "bob"}}, CallerOf(key));
  ASSERT_EQ(f.status, 200) << f.body;
  EXPECT_EQ(f.Text("GetFederationTokenResult/FederatedUser/Arn"),
            "arn:aws:sts::123456789012:federated-user/bob");
  EXPECT_EQ(f.Text("GetFederationTokenResult/FederatedUser/FederatedUserId"), "123456789012:bob");
  Reply bad = Sts("GetFederationToken", {{"Name", "b"}});
  EXPECT_EQ(bad.Code(), "ValidationError");
}

TEST_F(EmuStsTest, PartitionFollowsTheSigningRegion) {
  MakeRole(
      "r",
      R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws-cn:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})");
  Reply id = Sts("GetCallerIdentity", {}, Caller{}, "cn-north-1");
  EXPECT_EQ(id.Text("GetCallerIdentityResult/Arn"), "arn:aws-cn:iam::123456789012:root");
  Reply r = Sts("AssumeRole",
                {{"RoleArn", "arn:aws-cn:iam::123456789012:role/r"}, {"RoleSessionName", "s1"}},
                Caller{}, "cn-north-1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Text("AssumeRoleResult/AssumedRoleUser/Arn"),
            "arn:aws-cn:sts::123456789012:assumed-role/r/s1");
  Reply f = Sts("GetFederationToken", {{"Name", "bob"}}, Caller{}, "us-gov-west-1");
  EXPECT_EQ(f.Text("GetFederationTokenResult/FederatedUser/Arn"),
            "arn:aws-us-gov:sts::123456789012:federated-user/bob");
}

TEST_F(EmuStsTest, FederationRefusals) {
  const std::string saml_arn =
      Ok("CreateSAMLProvider", {{"Name", "idp"}, {"SAMLMetadataDocument", SamlMetadata()}})
          .Text("CreateSAMLProviderResult/SAMLProviderArn");
  MakeRole("saml-role", R"({"Statement":[{"Effect":"Allow","Principal":{"Federated":")" + saml_arn +
                            R"("},"Action":"sts:AssumeRoleWithSAML"}]})");
  const std::string role = "arn:aws:iam::123456789012:role/saml-role";
  Reply r = Sts("AssumeRoleWithSAML",
                {{"RoleArn", role},
                 {"PrincipalArn", saml_arn},
                 {"SAMLAssertion", SamlResponse(role, saml_arn, "2020-01-01T00:00:00Z")}});
  EXPECT_EQ(r.Code(), "ExpiredTokenException");
  r = Sts("AssumeRoleWithSAML",
          {{"RoleArn", role}, {"PrincipalArn", saml_arn}, {"SAMLAssertion", "bm90IHhtbA=="}});
  EXPECT_EQ(r.Code(), "InvalidIdentityToken");
  const std::string other = "arn:aws:iam::123456789012:role/other";
  r = Sts("AssumeRoleWithSAML", {{"RoleArn", other},
                                 {"PrincipalArn", saml_arn},
                                 {"SAMLAssertion", SamlResponse(other, saml_arn)}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.Message(), "Not authorized to perform sts:AssumeRoleWithSAML");

  r = Sts("AssumeRoleWithWebIdentity",
          {{"RoleArn", role},
           {"RoleSessionName", "w1"},
           {"WebIdentityToken", Jwt("https://nobody.example.com", "a", 1900000000)}});
  EXPECT_EQ(r.Code(), "InvalidIdentityToken");
  EXPECT_EQ(r.Message(),
            "No OpenIDConnect provider found in your account for https://nobody.example.com");
  Ok("CreateOpenIDConnectProvider", {{"Url", "https://oidc.example.com"},
                                     {"ClientIDList.member.1", "app"},
                                     {"ThumbprintList.member.1", std::string(40, 'a')}});
  r = Sts("AssumeRoleWithWebIdentity",
          {{"RoleArn", role},
           {"RoleSessionName", "w1"},
           {"WebIdentityToken", Jwt("https://oidc.example.com", "other", 1900000000)}});
  EXPECT_EQ(r.Message(), "Incorrect token audience");
  r = Sts("AssumeRoleWithWebIdentity",
          {{"RoleArn", role},
           {"RoleSessionName", "w1"},
           {"WebIdentityToken", Jwt("https://oidc.example.com", "app", 1700000000)}});
  EXPECT_EQ(r.Code(), "ExpiredTokenException");
  r = Sts("AssumeRoleWithWebIdentity",
          {{"RoleArn", role},
           {"RoleSessionName", "w1"},
           {"WebIdentityToken", Jwt("https://oidc.example.com", "app", 1900000000)}});
  EXPECT_EQ(r.Message(), "Not authorized to perform sts:AssumeRoleWithWebIdentity");
  r = Sts("DecodeAuthorizationMessage", {{"EncodedMessage", "not-ours"}});
  EXPECT_EQ(r.Code(), "InvalidAuthorizationMessageException");
}

TEST(StsIdentityTokensTest, ParsesSamlAndJwt) {
  auto a =
      ParseSamlAssertion(SamlResponse("arn:aws:iam::1:role/r", "arn:aws:iam::1:saml-provider/p"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(a->roles.size(), 1u);
  EXPECT_EQ(a->roles[0].first, "arn:aws:iam::1:role/r");
  EXPECT_EQ(a->roles[0].second, "arn:aws:iam::1:saml-provider/p");
  EXPECT_EQ(a->recipient, "https://signin.aws.amazon.com/saml");
  EXPECT_EQ(a->audiences, std::vector<std::string>{"urn:amazon:webservices"});
  EXPECT_EQ(a->session_name, "alice@example.com");
  EXPECT_FALSE(ParseSamlAssertion("!!!").ok());
  auto t = ParseWebIdentityToken(Jwt("https://i.example.com", "aud1", 42));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->iss, "https://i.example.com");
  EXPECT_EQ(t->aud, std::vector<std::string>{"aud1"});
  EXPECT_EQ(*t->exp, 42);
  EXPECT_FALSE(ParseWebIdentityToken("a.b").ok());
  EXPECT_EQ(OidcHostPath("https://i.example.com/x/"), "i.example.com/x");
}

}  // namespace
}  // namespace aic::emulator::state::testing
