#include "emulator/state/role_trust.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aic::emulator::state {
namespace {

constexpr const char* kUser = "arn:aws:iam::123456789012:user/alice";
constexpr const char* kRole = "arn:aws:iam::123456789012:role/ops/deployer";
constexpr const char* kSession = "arn:aws:sts::123456789012:assumed-role/deployer/s1";
constexpr const char* kSaml = "arn:aws:iam::123456789012:saml-provider/okta";
constexpr const char* kOidc = "arn:aws:iam::123456789012:oidc-provider/issuer.example.com";

std::string Stmt(const std::string& effect, const std::string& principal,
                 const std::string& action = R"("sts:AssumeRole")",
                 const std::string& condition = "") {
  std::string s =
      R"({"Effect":")" + effect + R"(","Principal":)" + principal + R"(,"Action":)" + action;
  if (!condition.empty()) s += R"(,"Condition":)" + condition;
  return s + "}";
}

std::string Doc(const std::vector<std::string>& statements) {
  std::string s = R"({"Version":"2012-10-17","Statement":[)";
  for (std::size_t i = 0; i < statements.size(); ++i) s += (i ? "," : "") + statements[i];
  return s + "]}";
}

TrustRequest UserCaller(std::map<std::string, std::string> context = {}) {
  TrustRequest r;
  r.actions = {"sts:AssumeRole"};
  r.principal_arn = kUser;
  r.account = "123456789012";
  r.context = std::move(context);
  r.context["aws:principalarn"] = kUser;
  r.context["aws:principalaccount"] = "123456789012";
  return r;
}

TrustRequest OtherAccountCaller(std::map<std::string, std::string> context = {}) {
  TrustRequest r = UserCaller(std::move(context));
  r.principal_arn = "arn:aws:iam::210987654321:user/bob";
  r.account = "210987654321";
  r.context["aws:principalarn"] = r.principal_arn;
  r.context["aws:principalaccount"] = r.account;
  return r;
}

TrustRequest RoleSessionCaller() {
  TrustRequest r;
  r.actions = {"sts:AssumeRole"};
  r.principal_arn = kRole;
  r.session_arn = kSession;
  r.account = "123456789012";
  return r;
}

TrustRequest FederatedCaller(const std::string& provider, const std::string& action,
                             std::map<std::string, std::string> context = {}) {
  TrustRequest r;
  r.actions = {action};
  r.federated = provider;
  r.context = std::move(context);
  return r;
}

struct Case {
  const char* name;
  std::string document;
  TrustRequest request;
  TrustDecision want;
};

TEST(RoleTrustTest, Table) {
  const std::string ext = R"({"StringEquals":{"sts:ExternalId":"secret-42"}})";
  const std::vector<Case> cases = {
      {"account root", Doc({Stmt("Allow", R"({"AWS":"arn:aws:iam::123456789012:root"})")}),
       UserCaller(), TrustDecision::kAllow},
      {"bare account id", Doc({Stmt("Allow", R"({"AWS":"123456789012"})")}), UserCaller(),
       TrustDecision::kAllow},
      {"other account's root", Doc({Stmt("Allow", R"({"AWS":"arn:aws:iam::210987654321:root"})")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"user ARN exact", Doc({Stmt("Allow", R"({"AWS":")" + std::string(kUser) + R"("})")}),
       UserCaller(), TrustDecision::kAllow},
      {"another user", Doc({Stmt("Allow", R"({"AWS":"arn:aws:iam::123456789012:user/bob"})")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"AWS star", Doc({Stmt("Allow", R"({"AWS":"*"})")}), OtherAccountCaller(),
       TrustDecision::kAllow},
      {"Principal star", Doc({Stmt("Allow", R"("*")")}),
       FederatedCaller(kSaml, "sts:AssumeRoleWithSAML"), TrustDecision::kImplicitDeny},
      {"Principal star, SAML action", Doc({Stmt("Allow", R"("*")", R"("sts:AssumeRoleWithSAML")")}),
       FederatedCaller(kSaml, "sts:AssumeRoleWithSAML"), TrustDecision::kAllow},
      {"AWS list",
       Doc({Stmt("Allow",
                 R"({"AWS":["arn:aws:iam::111111111111:root",")" + std::string(kUser) + R"("]})")}),
       UserCaller(), TrustDecision::kAllow},
      {"role ARN matches its sessions",
       Doc({Stmt("Allow", R"({"AWS":")" + std::string(kRole) + R"("})")}), RoleSessionCaller(),
       TrustDecision::kAllow},
      {"session ARN exact", Doc({Stmt("Allow", R"({"AWS":")" + std::string(kSession) + R"("})")}),
       RoleSessionCaller(), TrustDecision::kAllow},
      {"service only refuses a user", Doc({Stmt("Allow", R"({"Service":"ec2.amazonaws.com"})")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"service principal", Doc({Stmt("Allow", R"({"Service":["ec2.amazonaws.com"]})")}),
       [] {
         TrustRequest r;
         r.actions = {"sts:AssumeRole"};
         r.service = "ec2.amazonaws.com";
         return r;
       }(),
       TrustDecision::kAllow},
      {"wrong action", Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:TagSession")")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"action wildcard, case-insensitive",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"(["STS:Assume*"])")}), UserCaller(),
       TrustDecision::kAllow},
      {"explicit deny wins",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})"),
            Stmt("Deny", R"({"AWS":")" + std::string(kUser) + R"("})")}),
       UserCaller(), TrustDecision::kExplicitDeny},
      {"deny of someone else",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})"),
            Stmt("Deny", R"({"AWS":"arn:aws:iam::123456789012:user/x"})")}),
       UserCaller(), TrustDecision::kAllow},
      {"external id missing",
       Doc({Stmt("Allow", R"({"AWS":"210987654321"})", R"("sts:AssumeRole")", ext)}),
       OtherAccountCaller(), TrustDecision::kImplicitDeny},
      {"external id wrong",
       Doc({Stmt("Allow", R"({"AWS":"210987654321"})", R"("sts:AssumeRole")", ext)}),
       OtherAccountCaller({{"sts:externalid", "nope"}}), TrustDecision::kImplicitDeny},
      {"external id right",
       Doc({Stmt("Allow", R"({"AWS":"210987654321"})", R"("sts:AssumeRole")", ext)}),
       OtherAccountCaller({{"sts:externalid", "secret-42"}}), TrustDecision::kAllow},
      {"condition key case-insensitive",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringEquals":{"STS:EXTERNALID":["a1","b2"]}})")}),
       UserCaller({{"sts:externalid", "b2"}}), TrustDecision::kAllow},
      {"StringLike session name",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringLike":{"sts:RoleSessionName":"ci-*"}})")}),
       UserCaller({{"sts:rolesessionname", "ci-build-7"}}), TrustDecision::kAllow},
      {"StringLike no match",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringLike":{"sts:RoleSessionName":"ci-?"}})")}),
       UserCaller({{"sts:rolesessionname", "ci-12"}}), TrustDecision::kImplicitDeny},
      {"StringNotEquals principal arn",
       Doc({Stmt(
           "Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
           R"({"StringNotEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:user/alice"}})")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"StringNotEquals with the key absent holds",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringNotEquals":{"sts:ExternalId":"x"}})")}),
       UserCaller(), TrustDecision::kAllow},
      {"PrincipalAccount",
       Doc({Stmt("Allow", R"({"AWS":"*"})", R"("sts:AssumeRole")",
                 R"({"StringEquals":{"aws:PrincipalAccount":"123456789012"}})")}),
       OtherAccountCaller(), TrustDecision::kImplicitDeny},
      {"MFA required, absent",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"MFA required, present",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"Bool":{"aws:MultiFactorAuthPresent":true}})")}),
       UserCaller({{"aws:multifactorauthpresent", "true"}}), TrustDecision::kAllow},
      {"IfExists operator, key present",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringEqualsIfExists":{"sts:ExternalId":"x"}})")}),
       UserCaller({{"sts:externalid", "x"}}), TrustDecision::kAllow},
      {"IfExists operator, key absent",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringEqualsIfExists":{"sts:ExternalId":"x"}})")}),
       UserCaller(), TrustDecision::kAllow},
      {"absent key fails StringEquals",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"StringEquals":{"aws:SourceIp":"10.0.0.1"}})")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"Date condition in a Deny",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})"),
            Stmt("Deny", R"({"AWS":"*"})", R"("sts:AssumeRole")",
                 R"({"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}})")}),
       UserCaller({{"aws:currenttime", "2026-11-29T23:00:00Z"}}), TrustDecision::kExplicitDeny},
      {"Date condition in a Deny, not yet",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})"),
            Stmt("Deny", R"({"AWS":"*"})", R"("sts:AssumeRole")",
                 R"({"DateGreaterThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}})")}),
       UserCaller({{"aws:currenttime", "2026-11-29T23:00:00Z"}}), TrustDecision::kAllow},
      {"IpAddress on the source",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
                 R"({"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}})")}),
       UserCaller({{"aws:sourceip", "127.0.0.1"}}), TrustDecision::kAllow},
      {"NotPrincipal excluding the caller",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})"),
            R"({"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:user/alice"]},"Action":"sts:AssumeRole"})"}),
       UserCaller(), TrustDecision::kAllow},
      {"SAML federated",
       Doc({Stmt("Allow", R"({"Federated":")" + std::string(kSaml) + R"("})",
                 R"("sts:AssumeRoleWithSAML")",
                 R"({"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}})")}),
       FederatedCaller(kSaml, "sts:AssumeRoleWithSAML",
                       {{"saml:aud", "https://signin.aws.amazon.com/saml"}}),
       TrustDecision::kAllow},
      {"SAML wrong provider",
       Doc({Stmt("Allow", R"({"Federated":")" + std::string(kSaml) + R"("})",
                 R"("sts:AssumeRoleWithSAML")")}),
       FederatedCaller("arn:aws:iam::123456789012:saml-provider/other", "sts:AssumeRoleWithSAML"),
       TrustDecision::kImplicitDeny},
      {"SAML trust does not allow AssumeRole",
       Doc({Stmt("Allow", R"({"Federated":")" + std::string(kSaml) + R"("})",
                 R"("sts:AssumeRoleWithSAML")")}),
       UserCaller(), TrustDecision::kImplicitDeny},
      {"OIDC aud and sub",
       Doc({Stmt(
           "Allow", R"({"Federated":")" + std::string(kOidc) + R"("})",
           R"("sts:AssumeRoleWithWebIdentity")",
           R"({"StringEquals":{"issuer.example.com:aud":"app1"},"StringLike":{"issuer.example.com:sub":"repo:org/*"}})")}),
       FederatedCaller(
           kOidc, "sts:AssumeRoleWithWebIdentity",
           {{"issuer.example.com:aud", "app1"}, {"issuer.example.com:sub", "repo:org/x"}}),
       TrustDecision::kAllow},
      {"OIDC wrong sub",
       Doc({Stmt("Allow", R"({"Federated":")" + std::string(kOidc) + R"("})",
                 R"("sts:AssumeRoleWithWebIdentity")",
                 R"({"StringLike":{"issuer.example.com:sub":"repo:org/*"}})")}),
       FederatedCaller(kOidc, "sts:AssumeRoleWithWebIdentity",
                       {{"issuer.example.com:sub", "repo:evil/x"}}),
       TrustDecision::kImplicitDeny},
      {"well-known IdP",
       Doc({Stmt("Allow", R"({"Federated":"accounts.google.com"})",
                 R"("sts:AssumeRoleWithWebIdentity")")}),
       FederatedCaller("accounts.google.com", "sts:AssumeRoleWithWebIdentity"),
       TrustDecision::kAllow},
      {"single statement object",
       R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}})",
       UserCaller(), TrustDecision::kAllow},
      {"NotPrincipal in a Deny",
       Doc({Stmt("Allow", R"({"AWS":"123456789012"})"),
            R"({"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/bob"},"Action":"sts:AssumeRole"})"}),
       UserCaller(), TrustDecision::kExplicitDeny},
      {"not JSON", "{not json", UserCaller(), TrustDecision::kImplicitDeny},
      {"no Statement", R"({"Version":"2012-10-17"})", UserCaller(), TrustDecision::kImplicitDeny},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MatchTrustPolicy(c.document, c.request), c.want) << c.name;
  }
}

TEST(RoleTrustTest, EveryActionMustBeAllowed) {
  const std::string only_assume = Doc({Stmt("Allow", R"({"AWS":"123456789012"})")});
  const std::string both =
      Doc({Stmt("Allow", R"({"AWS":"123456789012"})", R"(["sts:AssumeRole","sts:TagSession"])")});
  TrustRequest r = UserCaller();
  r.actions = {"sts:AssumeRole", "sts:TagSession"};
  EXPECT_EQ(MatchTrustPolicy(only_assume, r), TrustDecision::kImplicitDeny);
  EXPECT_EQ(MatchTrustPolicy(both, r), TrustDecision::kAllow);
  r.actions = {"sts:AssumeRole", "sts:SetSourceIdentity"};
  EXPECT_EQ(MatchTrustPolicy(both, r), TrustDecision::kImplicitDeny);
}

}  // namespace
}  // namespace aic::emulator::state
