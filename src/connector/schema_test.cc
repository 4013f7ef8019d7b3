#include "aws_iam_connector/connector/schema.h"

#include <gtest/gtest.h>

#include <set>

#include "aws_iam_connector/connector/object_class.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

std::set<std::string> Flags(const json& property) {
  std::set<std::string> out;
  for (const auto& f : property.at("flags")) out.insert(f.get<std::string>());
  return out;
}

TEST(SchemaTest, AliasesFoldToCanonicalNames) {
  EXPECT_EQ(CanonicalAttributeName("__USER__"), "__NAME__");
  EXPECT_EQ(CanonicalAttributeName("PermissionBoundary"), "PermissionsBoundary");
  EXPECT_EQ(CanonicalAttributeName("__UID__"), "_id");
  EXPECT_EQ(CanonicalAttributeName("Path"), "Path");
}

TEST(SchemaTest, AccountHasEverySpecAttribute) {
  const ObjectClassInfo* account = Schema::Aws().Find(ObjectClass::kAccount);
  ASSERT_NE(account, nullptr);
  for (const char* name :
       {"__NAME__", "UserId", "Arn", "Path", "CreatedDate", "PasswordLastUsed",
        "PermissionsBoundary", "Tags", "__PASSWORD__", "PasswordResetRequired", "__ENABLE__",
        "groups", "groupIds", "policies", "inlinePolicies", "accessKeys", "mfaDevices"}) {
    EXPECT_NE(account->Find(name), nullptr) << name;
  }
  // Usage from the credential report (SPEC 11): read-only, not returned by default.
  for (const char* name : {"mfaActive", "passwordEnabled", "passwordLastChanged",
                           "passwordNextRotation", "lastActivity", "accessKeyUsage"}) {
    ASSERT_NE(account->Find(name), nullptr) << name;
    EXPECT_TRUE(account->Find(name)->read_only()) << name;
    EXPECT_FALSE(account->Find(name)->returned_by_default) << name;
  }
  EXPECT_EQ(account->Find("lastActivity")->type, AttributeType::kDate);
  EXPECT_EQ(account->Find("mfaActive")->type, AttributeType::kBoolean);
  EXPECT_TRUE(account->Find("accessKeyUsage")->multi_valued);
  EXPECT_EQ(account->attributes().size(), 23u);
  EXPECT_TRUE(account->Find("groupIds")->read_only());
  EXPECT_FALSE(account->Find("groupIds")->returned_by_default);
  EXPECT_EQ(account->Find("groups")->rule, ValueRule::kIamGroupName);
  EXPECT_TRUE(account->Find("__NAME__")->required);
  EXPECT_TRUE(account->Find("UserId")->read_only());
  EXPECT_FALSE(account->Find("__PASSWORD__")->readable);
  EXPECT_TRUE(account->Find("groups")->multi_valued);
  EXPECT_EQ(account->Find("Tags")->max_values, kMaxTags);
  EXPECT_FALSE(account->read_only());
  EXPECT_TRUE(account->IsCaseInsensitive("_id"));
  EXPECT_TRUE(account->IsCaseInsensitive("__USER__"));
  EXPECT_FALSE(account->IsCaseInsensitive("Path"));
}

TEST(SchemaTest, GroupIsWritableAndPolicyReadOnly) {
  const ObjectClassInfo* group = Schema::Aws().Find(ObjectClass::kGroup);
  const ObjectClassInfo* policy = Schema::Aws().Find(ObjectClass::kPolicy);
  ASSERT_NE(group, nullptr);
  ASSERT_NE(policy, nullptr);
  EXPECT_FALSE(group->read_only());
  EXPECT_TRUE(policy->read_only());
  for (const char* name : {"__NAME__", "GroupId", "Arn", "Path", "CreatedDate", "policies",
                           "inlinePolicies", "members", "memberIds"}) {
    EXPECT_NE(group->Find(name), nullptr) << name;
  }
  EXPECT_EQ(group->attributes().size(), 9u);
  EXPECT_TRUE(group->Find("__NAME__")->required);
  EXPECT_TRUE(group->Find("__NAME__")->updateable);
  EXPECT_EQ(group->Find("__NAME__")->rule, ValueRule::kIamGroupName);
  EXPECT_TRUE(group->Find("Path")->updateable);
  for (const char* list : {"policies", "members"}) {
    EXPECT_TRUE(group->Find(list)->updateable) << list;
    EXPECT_TRUE(group->Find(list)->multi_valued) << list;
  }
  EXPECT_EQ(group->Find("members")->rule, ValueRule::kIamName);
  EXPECT_FALSE(group->Find("members")->returned_by_default);
  for (const char* name : {"GroupId", "Arn", "CreatedDate", "inlinePolicies", "memberIds"}) {
    EXPECT_TRUE(group->Find(name)->read_only()) << name;
  }
  EXPECT_FALSE(group->Find("memberIds")->returned_by_default);
  EXPECT_TRUE(group->IsCaseInsensitive("_id"));
  for (const char* name : {"__NAME__", "PolicyId", "Path", "Description", "DefaultVersionId",
                           "AttachmentCount", "PermissionsBoundaryUsageCount", "IsAttachable",
                           "CreatedDate", "UpdatedDate", "Scope", "document"}) {
    EXPECT_NE(policy->Find(name), nullptr) << name;
  }
  EXPECT_FALSE(policy->uid_is_name());
  EXPECT_FALSE(policy->IsCaseInsensitive("_id"));
  EXPECT_EQ(policy->Find("AttachmentCount")->type, AttributeType::kInteger);
}

TEST(SchemaTest, DefaultAttributesLeaveOutNotReturnedByDefault) {
  auto defaults = Schema::Aws().Find(ObjectClass::kAccount)->DefaultAttributesToGet();
  std::set<std::string> set(defaults.begin(), defaults.end());
  EXPECT_TRUE(set.count("__NAME__"));
  EXPECT_TRUE(set.count("groups"));
  EXPECT_TRUE(set.count("Tags"));
  EXPECT_FALSE(set.count("__PASSWORD__"));
  EXPECT_FALSE(set.count("accessKeys"));
  EXPECT_FALSE(set.count("mfaDevices"));
  EXPECT_FALSE(set.count("__ENABLE__"));
}

TEST(SchemaTest, ObjectTypesJsonHasOpenIdmShape) {
  json types = Schema::Aws().ToObjectTypes();
  ASSERT_TRUE(types.is_object());
  EXPECT_EQ(types.size(), 4u);
  for (const char* oc : {"__ACCOUNT__", "__GROUP__", "__POLICY__", "__ALL__"}) {
    ASSERT_TRUE(types.contains(oc)) << oc;
    const json& t = types[oc];
    EXPECT_EQ(t["$schema"], "http://json-schema.org/draft-03/schema");
    EXPECT_EQ(t["id"], oc);
    EXPECT_EQ(t["type"], "object");
    EXPECT_EQ(t["nativeType"], oc);
    EXPECT_TRUE(t["properties"].is_object());
  }
  EXPECT_TRUE(types["__ALL__"]["properties"].empty());

  const json& props = types["__ACCOUNT__"]["properties"];
  EXPECT_EQ(props["__NAME__"],
            json::parse(R"({"type":"string","nativeName":"__NAME__","nativeType":"string",
                             "required":true,"flags":[]})"));
  EXPECT_EQ(props["__PASSWORD__"]["nativeType"], "JAVA_TYPE_GUARDEDSTRING");
  EXPECT_EQ(Flags(props["__PASSWORD__"]),
            (std::set<std::string>{"NOT_READABLE", "NOT_RETURNED_BY_DEFAULT"}));
  EXPECT_EQ(Flags(props["UserId"]), (std::set<std::string>{"NOT_CREATABLE", "NOT_UPDATEABLE"}));
  EXPECT_EQ(props["groups"]["type"], "array");
  EXPECT_EQ(props["groups"]["items"], json::parse(R"({"type":"string","nativeType":"string"})"));
  EXPECT_EQ(props["Tags"]["items"]["type"], "object");
  EXPECT_EQ(props["CreatedDate"]["type"], "string");
  EXPECT_EQ(props["CreatedDate"]["format"], "date-time");
  EXPECT_EQ(props["__ENABLE__"]["type"], "boolean");
  EXPECT_EQ(Flags(props["accessKeys"]),
            (std::set<std::string>{"NOT_CREATABLE", "NOT_UPDATEABLE", "NOT_RETURNED_BY_DEFAULT"}));
  EXPECT_FALSE(props.contains("_id"));
  EXPECT_EQ(types["__POLICY__"]["properties"]["AttachmentCount"]["type"], "integer");
  EXPECT_EQ(Schema::Aws().ObjectTypeNames(),
            (std::vector<std::string>{"__ACCOUNT__", "__GROUP__", "__POLICY__", "__ALL__"}));
}

}  // namespace
}  // namespace aic::connector
