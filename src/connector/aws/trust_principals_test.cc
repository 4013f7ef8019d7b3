// DecodeTrustPolicy over AWS's documented trust policy examples and the edge cases of the
// policy grammar (IAM User Guide: "Creating a role to delegate permissions to an AWS service",
// "... for a third party (ExternalId)", "... for SAML 2.0 federation", "... for OIDC
// federation" with GitHub's token.actions.githubusercontent.com, "AWS JSON policy elements:
// NotPrincipal").
#include "connector/aws/trust_principals.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aic::aws_internal {
namespace {

constexpr const char* kOwn = "111122223333";

struct Case {
  const char* name;
  std::string document;
  std::vector<TrustedPrincipal> want;
};

std::string Doc(const std::string& statements) {
  return R"({"Version":"2012-10-17","Statement":)" + statements + "}";
}

TrustedPrincipal P(const char* type, const char* principal, bool external, bool wildcard,
                   std::vector<std::string> conditions = {}) {
  return TrustedPrincipal{type, principal, external, wildcard, std::move(conditions)};
}

const std::vector<Case>& Cases() {
  static const std::vector<Case> kCases =
      {
          {"service_ec2",
           Doc(R"([{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}])"),
           {P("Service", "ec2.amazonaws.com", false, false)}},
          {"services_list_single_statement_object",
           Doc(R"({"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com","edgelambda.amazonaws.com"]},"Action":["sts:AssumeRole"]})"),
           {P("Service", "lambda.amazonaws.com", false, false),
            P("Service", "edgelambda.amazonaws.com", false, false)}},
          {"cross_account_root_with_external_id",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique ID Assigned by Example Corp"}}}])"),
           {P("AWS", "arn:aws:iam::444455556666:root", true, false, {"sts:ExternalId"})}},
          {"cross_account_bare_account_id",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole"}])"),
           {P("AWS", "444455556666", true, false)}},
          {"own_account_root_and_user",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","arn:aws:iam::111122223333:user/alice"]},"Action":"sts:AssumeRole"}])"),
           {P("AWS", "arn:aws:iam::111122223333:root", false, false),
            P("AWS", "arn:aws:iam::111122223333:user/alice", false, false)}},
          {"own_account_bare_id",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}])"),
           {P("AWS", "111122223333", false, false)}},
          {"anyone_string",
           Doc(R"([{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"}])"),
           {P("AWS", "*", true, true)}},
          {"anyone_aws_star_with_org_condition",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-123"}}}])"),
           {P("AWS", "*", true, true, {"aws:PrincipalOrgID"})}},
          {"saml_with_saml_aud",
           Doc(R"([{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider"},"Action":"sts:AssumeRoleWithSAML","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}])"),
           {P("Federated", "arn:aws:iam::111122223333:saml-provider/ExampleOrgSSOProvider", false,
              false, {"SAML:aud"})}},
          {"saml_provider_of_other_account",
           Doc(R"([{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::444455556666:saml-provider/Other"},"Action":"sts:AssumeRoleWithSAML"}])"),
           {P("Federated", "arn:aws:iam::444455556666:saml-provider/Other", true, false)}},
          {"oidc_github_actions",
           Doc(R"([{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/octo-repo:*"}}}])"),
           {P("Federated",
              "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", false,
              false,
              {"token.actions.githubusercontent.com:aud",
               "token.actions.githubusercontent.com:sub"})}},
          {"public_web_identity_provider",
           Doc(R"([{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"accounts.google.com:aud":"app"}}}])"),
           {P("Federated", "accounts.google.com", true, false, {"accounts.google.com:aud"})}},
          {"not_principal_allow",
           Doc(R"([{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole"}])"),
           {P("AWS", "arn:aws:iam::111122223333:user/bob", true, true)}},
          {"deny_statement_ignored",
           Doc(R"([{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}])"),
           {P("Service", "ec2.amazonaws.com", false, false)}},
          {"tag_session_only_does_not_count",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:TagSession"}])"),
           {}},
          {"sts_wildcard_and_star_actions",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/a"},"Action":"sts:*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/b"},"Action":"*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/c"},"Action":"STS:assumerole*"}])"),
           {P("AWS", "arn:aws:iam::444455556666:role/a", true, false),
            P("AWS", "arn:aws:iam::111122223333:role/b", false, false),
            P("AWS", "arn:aws:iam::111122223333:role/c", false, false)}},
          {"not_action_leaving_assume_role",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"NotAction":"s3:*"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"NotAction":"sts:*"}])"),
           {P("AWS", "arn:aws:iam::111122223333:root", false, false)}},
          {"wildcard_inside_arn_and_sorted_unique_conditions",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/team-*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x","aws:SourceAccount":"1"},"Bool":{"aws:MultiFactorAuthPresent":"true"},"StringLike":{"sts:ExternalId":"y*"}}}])"),
           {P("AWS", "arn:aws:iam::111122223333:role/team-*", false, true,
              {"aws:MultiFactorAuthPresent", "aws:SourceAccount", "sts:ExternalId"})}},
          {"canonical_user_and_deleted_principal_id",
           Doc(R"([{"Effect":"Allow","Principal":{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be","AWS":"AROADBQP57FF2AEXAMPLE"},"Action":"sts:AssumeRole"}])"),
           {P("AWS", "AROADBQP57FF2AEXAMPLE", false, false),
            P("CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
              true, false)}},
          {"gov_cloud_partition_own_account",
           Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws-us-gov:iam::111122223333:root"},"Action":"sts:AssumeRole"}])"),
           {P("AWS", "arn:aws-us-gov:iam::111122223333:root", false, false)}},
          {"malformed_json", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)", {}},
          {"not_an_object", R"(["sts:AssumeRole"])", {}},
          {"empty_document", "", {}},
          {"bad_statement_members_are_skipped",
           Doc(R"([42,{"Effect":"Allow","Principal":{"Service":7},"Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}])"),
           {P("Service", "ecs-tasks.amazonaws.com", false, false)}},
      };
  return kCases;
}

class DecodeTrustPolicyTest : public ::testing::TestWithParam<Case> {};

TEST_P(DecodeTrustPolicyTest, Decodes) {
  const Case& c = GetParam();
  const auto got = DecodeTrustPolicy(c.document, kOwn);
  ASSERT_EQ(got.size(), c.want.size()) << TrustedPrincipalsToJson(got).dump();
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i], c.want[i]) << i << ": " << TrustedPrincipalsToJson({got[i]}).dump();
  }
}

INSTANTIATE_TEST_SUITE_P(AwsExamples, DecodeTrustPolicyTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

TEST(DecodeTrustPolicyTest, EmptyOwnAccountMakesEveryAccountExternal) {
  const auto got = DecodeTrustPolicy(
      Doc(R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root","Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}])"),
      "");
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].external);
  EXPECT_FALSE(got[1].external);
}

TEST(TrustedPrincipalsToJsonTest, KeysAsDocumented) {
  const auto j = TrustedPrincipalsToJson({P("AWS", "*", true, true, {"aws:PrincipalOrgID"})});
  EXPECT_EQ(
      j,
      nlohmann::json::parse(
          R"([{"type":"AWS","principal":"*","external":true,"wildcard":true,"conditions":["aws:PrincipalOrgID"]}])"));
  EXPECT_EQ(TrustedPrincipalsToJson({}), nlohmann::json::array());
}

TEST(AccountIdOfArnTest, Fields) {
  EXPECT_EQ(AccountIdOfArn("arn:aws:iam::123456789012:role/x"), "123456789012");
  EXPECT_EQ(AccountIdOfArn("arn:aws:sts::123456789012:assumed-role/r/s"), "123456789012");
  EXPECT_EQ(AccountIdOfArn("arn:aws:iam::aws:policy/ReadOnlyAccess"), "aws");
  EXPECT_EQ(AccountIdOfArn("123456789012"), "");
  EXPECT_EQ(AccountIdOfArn("arn:aws:iam"), "");
}

}  // namespace
}  // namespace aic::aws_internal
