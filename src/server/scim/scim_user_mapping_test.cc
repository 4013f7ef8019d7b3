#include "server/scim/scim_user_mapping.h"

#include <gtest/gtest.h>

#include "scim/scim_schema.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

const std::string kBase = "http://localhost:8080/scim/v2/aws";

json Account() {
  return {
      {"_id", "jdoe"},
      {"__NAME__", "jdoe"},
      {"UserId", "AIDAEXAMPLE"},
      {"Arn", "arn:aws:iam::123456789012:user/staff/jdoe"},
      {"Path", "/staff/"},
      {"CreatedDate", "2024-01-02T03:04:05Z"},
      {"Tags", json::array({{{"Key", "team"}, {"Value", "blue"}},
                            {{"Key", "scim:displayName"}, {"Value", "John Doe"}},
                            {{"Key", "scim:enterprise:department"}, {"Value", "Finance"}},
                            {{"Key", "scim:lastModified"}, {"Value", "2024-02-01T00:00:00Z"}}})},
      {"__ENABLE__", true}};
}

TEST(ScimUserMappingTest, AccountBecomesAScimUser) {
  json user = AccountToScimUser(Account(), kBase);
  EXPECT_EQ("AIDAEXAMPLE", user["id"]);
  EXPECT_EQ("jdoe", user["userName"]);
  EXPECT_EQ("John Doe", user["displayName"]);
  EXPECT_EQ(true, user["active"]);
  EXPECT_EQ("Finance", user[std::string(kEnterpriseUserSchema)]["department"]);
  const json& aws = user[std::string(kAwsUserSchema)];
  EXPECT_EQ("/staff/", aws["path"]);
  EXPECT_EQ(json::array({{{"key", "team"}, {"value", "blue"}}}), aws["tags"]);
  EXPECT_EQ("2024-01-02T03:04:05Z", user["meta"]["created"]);
  EXPECT_EQ("2024-02-01T00:00:00Z", user["meta"]["lastModified"]);
  EXPECT_EQ(kBase + "/Users/AIDAEXAMPLE", user["meta"]["location"]);
  EXPECT_EQ(user["meta"]["version"], WeakEtagOf(user));
}

TEST(ScimUserMappingTest, AnUnchangedUserNeedsNoCall) {
  json user = AccountToScimUser(Account(), kBase);
  auto change = ScimUserToAccountChange(user, user, "2025-01-01T00:00:00Z");
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(json::object(), *change);
}

TEST(ScimUserMappingTest, OnlyWhatChangedIsSent) {
  json user = AccountToScimUser(Account(), kBase);
  json wanted = user;
  wanted["active"] = false;
  auto change = ScimUserToAccountChange(user, wanted, "2025-01-01T00:00:00Z");
  ASSERT_TRUE(change.ok());
  EXPECT_EQ(false, (*change)["__ENABLE__"]);
  EXPECT_FALSE(change->contains("__NAME__"));
  EXPECT_FALSE(change->contains("policies"));
  // meta.lastModified moves with any change.
  bool stamped = false;
  for (const json& t : (*change)["Tags"]) {
    if (t["Key"] == "scim:lastModified") stamped = t["Value"] == "2025-01-01T00:00:00Z";
  }
  EXPECT_TRUE(stamped);
}

TEST(ScimUserMappingTest, CreateCarriesEverythingInOneChange) {
  json wanted = {
      {"userName", "new"},
      {"password", "Secret-Passw0rd"},
      {"title", "Engineer"},
      {"entitlements", json::array({{{"value", "arn:aws:iam::aws:policy/ReadOnlyAccess"}}})},
      {std::string(kAwsUserSchema), {{"path", "/x/"}, {"passwordResetRequired", false}}}};
  auto change = ScimUserToAccountChange(json(), wanted, "now");
  ASSERT_TRUE(change.ok());
  EXPECT_EQ("new", (*change)["__NAME__"]);
  EXPECT_EQ("Secret-Passw0rd", (*change)["__PASSWORD__"]);
  EXPECT_EQ("/x/", (*change)["Path"]);
  EXPECT_EQ(false, (*change)["PasswordResetRequired"]);
  EXPECT_EQ(json::array({"arn:aws:iam::aws:policy/ReadOnlyAccess"}), (*change)["policies"]);
  EXPECT_EQ(json::array({{{"Key", "scim:title"}, {"Value", "Engineer"}}}), (*change)["Tags"]);
  EXPECT_FALSE(change->contains("__ENABLE__"));  // active by default
}

TEST(ScimUserMappingTest, TooManyTagsIsRefused) {
  json tags = json::array();
  for (int i = 0; i < 48; ++i) tags.push_back({{"key", "k" + std::to_string(i)}, {"value", "v"}});
  json wanted = {
      {"userName", "x"}, {"title", "t"}, {std::string(kAwsUserSchema), {{"tags", tags}}}};
  auto change = ScimUserToAccountChange(json(), wanted, "now");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(ScimType::kInvalidValue, change.error().type);
}

}  // namespace
}  // namespace aic::scim
