// The full import's mapping of roles, instance profiles, policies and account-level shapes to
// lines (import_roles.cc, import_account.cc), without IAM.
#include <gtest/gtest.h>

#include <vector>

#include "connector/aws/import_internal.h"

namespace aic::aws_internal {
namespace {

using json = nlohmann::json;

constexpr char kCrossAccountTrust[] =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"AWS":["arn:aws:iam::999999999999:root","123456789012"]},)"
    R"("Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]})";

RoleDetail SampleRole() {
  RoleDetail r;
  r.path = "/aws-service-role/x/";
  r.role_name = "app";
  r.role_id = "AROAEXAMPLE";
  r.arn = "arn:aws:iam::123456789012:role/aws-service-role/x/app";
  r.create_date = "2026-01-02T03:04:05Z";
  r.assume_role_policy_document = kCrossAccountTrust;
  InstanceProfile mine;
  mine.instance_profile_name = "mine";
  mine.role_names = {"app"};
  InstanceProfile shared;
  shared.instance_profile_name = "shared";
  shared.role_names = {"other", "app"};
  r.instance_profile_list = {mine, shared};
  r.attached_managed_policies = {{"ro", "arn:aws:iam::aws:policy/ReadOnlyAccess"}};
  r.role_policy_list = {{"", "inline1", "{}"}};
  r.tags = {{"team", "ops"}};
  r.role_last_used = {"2026-02-03T04:05:06Z", "eu-west-1"};
  return r;
}

TEST(ImportRolesTest, RoleObjectHasEveryAttributeOfTheFormat) {
  json o = RoleDetailToImportJson(SampleRole());
  EXPECT_EQ(o["_id"], "app");
  EXPECT_EQ(o["__NAME__"], "app");
  EXPECT_EQ(o["RoleId"], "AROAEXAMPLE");
  EXPECT_EQ(o["CreatedDate"], "2026-01-02T03:04:05Z");
  EXPECT_EQ(o["RoleLastUsed"],
            json({{"LastUsedDate", "2026-02-03T04:05:06Z"}, {"Region", "eu-west-1"}}));
  EXPECT_TRUE(o["PermissionsBoundary"].is_null());
  EXPECT_EQ(o["Tags"], json::array({{{"Key", "team"}, {"Value", "ops"}}}));
  EXPECT_EQ(o["policies"], json::array({"arn:aws:iam::aws:policy/ReadOnlyAccess"}));
  EXPECT_EQ(o["inlinePolicies"], json::array({"inline1"}));
  EXPECT_EQ(o["instanceProfiles"], json::array({"mine", "shared"}));
  EXPECT_TRUE(o["serviceLinked"].get<bool>());
  EXPECT_EQ(o["assumeRolePolicy"], json::parse(kCrossAccountTrust));
  ASSERT_EQ(o["trustedPrincipals"].size(), 2u);
  EXPECT_EQ(o["trustedPrincipals"][0]["external"], true);
  EXPECT_EQ(o["trustedPrincipals"][1]["external"], false);  // the role's own account
  EXPECT_EQ(o["trustedPrincipals"][0]["conditions"], json::array({"sts:ExternalId"}));
  EXPECT_FALSE(o.contains("Description"));
  EXPECT_FALSE(o.contains("MaxSessionDuration"));
}

TEST(ImportRolesTest, NeverUsedRoleHasNullLastUse) {
  RoleDetail r = SampleRole();
  r.path = "/";
  r.role_last_used = {};
  r.assume_role_policy_document = "not json";
  json o = RoleDetailToImportJson(r);
  EXPECT_EQ(o["RoleLastUsed"], json({{"LastUsedDate", nullptr}, {"Region", nullptr}}));
  EXPECT_FALSE(o["serviceLinked"].get<bool>());
  EXPECT_EQ(o["assumeRolePolicy"], "not json");
  EXPECT_EQ(o["trustedPrincipals"], json::array());
}

TEST(ImportRolesTest, EmitRoleWritesProfilesOnceAndEveryEdge) {
  std::vector<json> lines;
  ImportStats stats;
  ASSERT_TRUE(EmitRole(
                  [&](const std::string& line) {
                    lines.push_back(json::parse(line));
                    return Status::Ok();
                  },
                  SampleRole(), stats)
                  .ok());
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0]["objectClass"], "__ROLE__");
  EXPECT_EQ(lines[1]["objectClass"], "__INSTANCE_PROFILE__");  // "shared" names "other" first
  EXPECT_EQ(lines[1]["object"]["_id"], "mine");
  EXPECT_EQ(lines[2], json({{"objectClass", "assignment"},
                            {"type", "role-policy"},
                            {"role", "app"},
                            {"policy", "arn:aws:iam::aws:policy/ReadOnlyAccess"}}));
  EXPECT_EQ(lines[3], json({{"objectClass", "assignment"},
                            {"type", "role-trust"},
                            {"role", "app"},
                            {"principal", "arn:aws:iam::999999999999:root"},
                            {"principalType", "AWS"},
                            {"external", true},
                            {"wildcard", false},
                            {"conditions", {"sts:ExternalId"}}}));
  EXPECT_EQ(lines[4]["principal"], "123456789012");
  EXPECT_EQ(stats.roles, 1);
  EXPECT_EQ(stats.instance_profiles, 1);
  EXPECT_EQ(stats.assignments, 3);
}

TEST(ImportRolesTest, PolicyCarriesTheDefaultVersionDocument) {
  ManagedPolicyDetail d;
  d.policy.arn = "arn:aws:iam::123456789012:policy/p";
  d.policy.policy_name = "p";
  d.policy.default_version_id = "v2";
  d.policy_version_list = {{R"({"old":1})", "v1", false, ""}, {R"({"new":2})", "v2", true, ""}};
  EXPECT_EQ(PolicyDetailToImportJson(d)["document"], json({{"new", 2}}));
  d.policy_version_list.clear();
  EXPECT_FALSE(PolicyDetailToImportJson(d).contains("document"));
}

TEST(ImportAccountTest, OidcUrlAndPasswordPolicy) {
  EXPECT_EQ(OidcUrlFromArn("arn:aws:iam::123456789012:oidc-provider/token.example.com/a"),
            "token.example.com/a");
  EXPECT_EQ(OidcUrlFromArn("https://x.example.com"), "x.example.com");
  PasswordPolicy p;
  p.minimum_password_length = 14;
  p.password_reuse_prevention = 24;
  p.require_symbols = false;
  EXPECT_EQ(PasswordPolicyToJson(p), json({{"MinimumPasswordLength", 14},
                                           {"PasswordReusePrevention", 24},
                                           {"RequireSymbols", false}}));
}

}  // namespace
}  // namespace aic::aws_internal
