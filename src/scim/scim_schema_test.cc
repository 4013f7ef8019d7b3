#include "scim/scim_schema.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace aic::scim {
namespace {

using json = nlohmann::json;

const AttributeDef* Attr(const ResourceTypeDef& type, std::string_view path) {
  auto p = ParseAttrPath(path);
  if (!p.ok()) return nullptr;
  auto r = Resolve(type, *p);
  if (!r) return nullptr;
  return r->sub != nullptr ? r->sub : r->attr;
}

TEST(ScimSchemaTest, ResourceTypes) {
  const ResourceTypeDef& user = UserResourceType();
  EXPECT_EQ(user.id, "User");
  EXPECT_EQ(user.endpoint, "/Users");
  EXPECT_EQ(user.schema->id, kUserSchema);
  ASSERT_EQ(user.extensions.size(), 2u);
  EXPECT_EQ(user.extensions[0].first->id, kEnterpriseUserSchema);
  EXPECT_EQ(user.extensions[1].first->id, kAwsUserSchema);
  EXPECT_FALSE(user.extensions[0].second);
  const ResourceTypeDef& group = GroupResourceType();
  EXPECT_EQ(group.id, "Group");
  EXPECT_EQ(group.endpoint, "/Groups");
  ASSERT_EQ(group.extensions.size(), 1u);
  EXPECT_EQ(group.extensions[0].first->id, kAwsGroupSchema);
  std::set<std::string> ids;
  for (const SchemaDef* s : AllSchemas()) ids.insert(s->id);
  EXPECT_EQ(ids,
            (std::set<std::string>{std::string(kUserSchema), std::string(kGroupSchema),
                                   std::string(kEnterpriseUserSchema), std::string(kAwsUserSchema),
                                   std::string(kAwsGroupSchema)}));
}

TEST(ScimSchemaTest, AttributeCharacteristics) {
  const ResourceTypeDef& user = UserResourceType();
  const AttributeDef* user_name = Attr(user, "userName");
  ASSERT_NE(user_name, nullptr);
  EXPECT_TRUE(user_name->required);
  EXPECT_FALSE(user_name->case_exact);
  EXPECT_EQ(user_name->uniqueness, Uniqueness::kServer);
  const AttributeDef* password = Attr(user, "password");
  ASSERT_NE(password, nullptr);
  EXPECT_EQ(password->mutability, Mutability::kWriteOnly);
  EXPECT_EQ(password->returned, Returned::kNever);
  EXPECT_EQ(Attr(user, "active")->type, AttrType::kBoolean);
  EXPECT_EQ(Attr(user, "groups")->mutability, Mutability::kReadOnly);
  EXPECT_EQ(Attr(user, "entitlements")->mutability, Mutability::kReadWrite);
  EXPECT_EQ(Attr(user, "emails.type")->canonical_values,
            (std::vector<std::string>{"work", "home", "other"}));
  EXPECT_EQ(Attr(user, "phoneNumbers.type")->canonical_values.size(), 6u);
  EXPECT_EQ(Attr(user, "id")->returned, Returned::kAlways);
  EXPECT_TRUE(Attr(user, "id")->case_exact);
  EXPECT_TRUE(Attr(user, "externalId")->case_exact);
  EXPECT_EQ(Attr(user, "meta")->mutability, Mutability::kReadOnly);
  EXPECT_EQ(Attr(user, "meta.lastModified")->type, AttrType::kDateTime);
  std::string ent(kEnterpriseUserSchema), aws(kAwsUserSchema);
  EXPECT_EQ(Attr(user, ent + ":manager.displayName")->mutability, Mutability::kReadOnly);
  EXPECT_EQ(Attr(user, aws + ":arn")->mutability, Mutability::kReadOnly);
  EXPECT_EQ(Attr(user, aws + ":permissionsBoundary")->type, AttrType::kReference);
  EXPECT_EQ(Attr(user, aws + ":passwordLastUsed")->type, AttrType::kDateTime);
  EXPECT_TRUE(Attr(user, aws + ":tags")->multi_valued);
  EXPECT_EQ(Attr(user, aws + ":passwordResetRequired")->type, AttrType::kBoolean);
  const ResourceTypeDef& group = GroupResourceType();
  EXPECT_TRUE(Attr(group, "displayName")->required);
  EXPECT_EQ(Attr(group, "members.value")->mutability, Mutability::kImmutable);
  EXPECT_EQ(Attr(group, "members.type")->canonical_values,
            (std::vector<std::string>{"User", "Group"}));
  EXPECT_EQ(Attr(group, std::string(kAwsGroupSchema) + ":arn")->mutability, Mutability::kReadOnly);
}

TEST(ScimSchemaTest, ParseAttrPath) {
  auto p = ParseAttrPath("userName");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (AttrPath{"", "userName", ""}));
  p = ParseAttrPath("name.givenName");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (AttrPath{"", "name", "givenName"}));
  p = ParseAttrPath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (AttrPath{std::string(kEnterpriseUserSchema), "manager", "value"}));
  p = ParseAttrPath("URN:IETF:params:scim:schemas:core:2.0:User:userName");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->schema, "URN:IETF:params:scim:schemas:core:2.0:User");
  EXPECT_EQ(p->attr, "userName");
  p = ParseAttrPath(kEnterpriseUserSchema);  // the whole extension
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (AttrPath{std::string(kEnterpriseUserSchema), "", ""}));
  p = ParseAttrPath("urn:example:custom:2.0:Thing:color");  // unknown URN: split at its last ':'
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p, (AttrPath{"urn:example:custom:2.0:Thing", "color", ""}));
  p = ParseAttrPath("members.$ref");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->sub_attr, "$ref");
  EXPECT_EQ(AttrPathToString(AttrPath{std::string(kEnterpriseUserSchema), "manager", "value"}),
            std::string(kEnterpriseUserSchema) + ":manager.value");
}

TEST(ScimSchemaTest, ParseAttrPathRejects) {
  for (const char* bad : {"", "1abc", "name.", ".name", "name.given.name", "na me", "name[x]",
                          "urn:example:", "emails.$value", "a$b", "urn:ietf:params:scim:"}) {
    auto p = ParseAttrPath(bad);
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.error().status, 400);
    EXPECT_EQ(p.error().type, ScimType::kInvalidPath) << bad;
  }
  auto p = ParseAttrPath("name.giv@nName");
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.error().detail.find("character 9 ('@')"), std::string::npos) << p.error().detail;
}

TEST(ScimSchemaTest, ResolveIsCaseInsensitive) {
  const ResourceTypeDef& user = UserResourceType();
  auto r = Resolve(user, AttrPath{"", "USERNAME", ""});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->attr->name, "userName");
  EXPECT_EQ(r->schema, user.schema);
  EXPECT_EQ(r->sub, nullptr);
  r = Resolve(user, AttrPath{"urn:ietf:params:scim:schemas:core:2.0:user", "Name", "GIVENNAME"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sub->name, "givenName");
  r = Resolve(user, AttrPath{"URN:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                             "department", ""});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->schema->id, kEnterpriseUserSchema);
  r = Resolve(user, AttrPath{"", "meta", "lastmodified"});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->sub->name, "lastModified");
  EXPECT_EQ(r->schema, user.schema);
}

TEST(ScimSchemaTest, ResolveRejects) {
  const ResourceTypeDef& user = UserResourceType();
  EXPECT_FALSE(Resolve(user, AttrPath{"", "nosuch", ""}));
  EXPECT_FALSE(Resolve(user, AttrPath{"", "name", "nosuch"}));
  EXPECT_FALSE(Resolve(user, AttrPath{"", "userName", "x"}));   // no sub-attribute of a string
  EXPECT_FALSE(Resolve(user, AttrPath{"", "department", ""}));  // extension needs its URN
  EXPECT_FALSE(Resolve(user, AttrPath{std::string(kAwsGroupSchema), "path", ""}));  // other type
  EXPECT_FALSE(Resolve(user, AttrPath{std::string(kEnterpriseUserSchema), "id", ""}));
  EXPECT_FALSE(Resolve(user, AttrPath{std::string(kEnterpriseUserSchema), "", ""}));
  EXPECT_FALSE(Resolve(GroupResourceType(), AttrPath{"", "userName", ""}));
  EXPECT_TRUE(Resolve(GroupResourceType(), AttrPath{"", "externalId", ""}));
}

TEST(ScimSchemaTest, SchemaToJsonIsRfc7643Section7) {
  json j = SchemaToJson(*UserResourceType().schema, "https://h/scim/v2/aws");
  EXPECT_EQ(j["schemas"], json::array({kSchemaSchema}));
  EXPECT_EQ(j["id"], kUserSchema);
  EXPECT_EQ(j["name"], "User");
  EXPECT_EQ(j["meta"]["resourceType"], "Schema");
  EXPECT_EQ(j["meta"]["location"],
            "https://h/scim/v2/aws/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
  const json& first = j["attributes"][0];
  EXPECT_EQ(first["name"], "userName");
  EXPECT_EQ(first["type"], "string");
  EXPECT_EQ(first["multiValued"], false);
  EXPECT_EQ(first["required"], true);
  EXPECT_EQ(first["caseExact"], false);
  EXPECT_EQ(first["mutability"], "readWrite");
  EXPECT_EQ(first["returned"], "default");
  EXPECT_EQ(first["uniqueness"], "server");
  EXPECT_FALSE(first.contains("canonicalValues"));
  bool saw_emails = false;
  for (const json& a : j["attributes"]) {
    if (a["name"] != "emails") continue;
    saw_emails = true;
    EXPECT_EQ(a["type"], "complex");
    EXPECT_EQ(a["multiValued"], true);
    EXPECT_EQ(a["subAttributes"].size(), 4u);
    EXPECT_EQ(a["subAttributes"][2]["canonicalValues"], json({"work", "home", "other"}));
  }
  EXPECT_TRUE(saw_emails);
  json group = SchemaToJson(*GroupResourceType().schema, "");
  const json& members = group["attributes"][1];
  EXPECT_EQ(members["subAttributes"][0]["mutability"], "immutable");
  EXPECT_EQ(members["subAttributes"][1]["referenceTypes"], json({"User", "Group"}));
}

TEST(ScimSchemaTest, ResourceTypeToJsonIsRfc7643Section6) {
  json j = ResourceTypeToJson(UserResourceType(), "https://h/scim/v2/aws");
  EXPECT_EQ(j, json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    "id": "User", "name": "User", "endpoint": "/Users", "description": "User Account",
    "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
    "schemaExtensions": [
      {"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": false},
      {"schema": "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User", "required": false}
    ],
    "meta": {"resourceType": "ResourceType",
             "location": "https://h/scim/v2/aws/ResourceTypes/User"}
  })"));
}

TEST(ScimSchemaTest, Names) {
  EXPECT_EQ(AttrTypeName(AttrType::kDateTime), "dateTime");
  EXPECT_EQ(MutabilityName(Mutability::kWriteOnly), "writeOnly");
  EXPECT_EQ(ReturnedName(Returned::kRequest), "request");
  EXPECT_EQ(UniquenessName(Uniqueness::kGlobal), "global");
}

}  // namespace
}  // namespace aic::scim
