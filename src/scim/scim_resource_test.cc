#include "scim/scim_resource.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aic::scim {
namespace {

using json = nlohmann::json;

const std::string kEnt(kEnterpriseUserSchema);
const std::string kAws(kAwsUserSchema);

json Check(const json& body, const ResourceTypeDef& type = UserResourceType()) {
  auto r = CheckResource(body, type);
  EXPECT_TRUE(r.ok()) << body.dump() << ": " << (r.ok() ? "" : r.error().detail);
  return r.ok() ? *r : json();
}

ScimError CheckError(const json& body, const ResourceTypeDef& type = UserResourceType()) {
  auto r = CheckResource(body, type);
  EXPECT_FALSE(r.ok()) << body.dump() << " gave " << (r.ok() ? r->dump() : "");
  return r.ok() ? ScimError{} : r.error();
}

std::vector<AttrPath> List(std::string_view text) {
  auto r = ParseAttributeList(text);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? *r : std::vector<AttrPath>{};
}

// RFC 7643 8.2's user, as the service would return it (with a password it must never return).
json Stored() {
  return json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "id": "2819c223", "externalId": "701984", "userName": "bjensen@example.com",
    "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen",
             "givenName": "Barbara"},
    "displayName": "Babs Jensen", "active": true, "password": "t1meMa$heen",
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
               {"value": "babs@jensen.org", "type": "home"}],
    "groups": [{"value": "e9e30dba", "display": "Tour Guides"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "701984", "manager": {"value": "26118915", "displayName": "John Smith"}},
    "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
             "location": "https://example.com/v2/Users/2819c223"}
  })");
}

// ---- CheckResource ----

TEST(ScimCheckResourceTest, EntraCreateUser) {
  json r = Check(json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
    "active": true,
    "emails": [{"primary": true, "type": "work", "value": "Test_User_11bb11bb@testuser.com"}],
    "meta": {"resourceType": "User"},
    "name": {"formatted": "givenName familyName", "familyName": "familyName",
             "givenName": "givenName"},
    "roles": []
  })"));
  EXPECT_EQ(r, json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "externalId": "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",
    "userName": "Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",
    "active": true,
    "emails": [{"primary": true, "type": "work", "value": "Test_User_11bb11bb@testuser.com"}],
    "name": {"formatted": "givenName familyName", "familyName": "familyName",
             "givenName": "givenName"}
  })"));
}

TEST(ScimCheckResourceTest, OktaCreateAndPut) {
  json r = Check(json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "userName": "test.user@okta.local",
    "name": {"givenName": "Test", "familyName": "User"},
    "emails": [{"primary": true, "value": "test.user@okta.local", "type": "work"}],
    "displayName": "Test User", "locale": "en-US", "externalId": "00ujl29u0le5T6Aj10h7",
    "groups": [], "password": "1mz050nq", "active": true
  })"));
  EXPECT_EQ(r["password"], "1mz050nq");  // writeOnly: kept for the service to store
  EXPECT_FALSE(r.contains("groups"));
  // PUT carries id, groups and meta (readOnly: ignored) and an empty middle name (kept).
  r = Check(json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
    "id": "23a35c27", "userName": "test.user@okta.local",
    "name": {"givenName": "Another", "middleName": "", "familyName": "User"},
    "active": true, "groups": [{"value": "x"}], "meta": {"resourceType": "User"}
  })"));
  EXPECT_FALSE(r.contains("id"));
  EXPECT_FALSE(r.contains("meta"));
  EXPECT_FALSE(r.contains("groups"));
  EXPECT_EQ(r["name"]["middleName"], "");
}

TEST(ScimCheckResourceTest, Groups) {
  // Entra's group: a schema URN of its own, ignored; Okta's: an empty members array.
  json r = Check(json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group",
                "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
    "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "displayName",
    "meta": {"resourceType": "Group"}})"),
                 GroupResourceType());
  EXPECT_EQ(r, json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", "displayName": "displayName"})"));
  r = Check(json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                            "displayName": "Test SCIMv2", "members": []})"),
            GroupResourceType());
  EXPECT_FALSE(r.contains("members"));
  r = Check(json::parse(R"({"displayName": "G", "members": [{"value": "u1", "$ref": null}],
      "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:Group": {"path": "/x/",
                                                                     "arn": "ignored"}})"),
            GroupResourceType());
  EXPECT_EQ(r["members"], json::parse(R"([{"value": "u1"}])"));
  EXPECT_EQ(r[std::string(kAwsGroupSchema)], json::parse(R"({"path": "/x/"})"));
  EXPECT_EQ(r["schemas"], json({kGroupSchema, kAwsGroupSchema}));
  EXPECT_EQ(CheckError(json{{"members", json::array()}}, GroupResourceType()).type,
            ScimType::kInvalidValue);
}

TEST(ScimCheckResourceTest, NormalisesSpellingAndTypes) {
  json r = Check(json::parse(R"({
    "USERNAME": "b", "Active": "False", "NAME": {"GivenName": "B"},
    "Emails": [{"VALUE": "b@x", "Primary": "true"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:user": {"Department": "QA"},
    "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User:passwordResetRequired": "TRUE",
    "title": null
  })"));
  EXPECT_EQ(r, json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User"],
    "userName": "b", "active": false, "name": {"givenName": "B"},
    "emails": [{"value": "b@x", "primary": true}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "QA"},
    "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User": {"passwordResetRequired": true}
  })"));
  // readOnly sub-attributes and attributes of extensions are dropped.
  r = Check(json{{"userName", "b"},
                 {kEnt, {{"manager", {{"value", "m"}, {"displayName", "Boss"}}}}},
                 {kAws, {{"arn", "arn:x"}, {"passwordLastUsed", "2020-01-01T00:00:00Z"}}}});
  EXPECT_EQ(r[kEnt]["manager"], json::parse(R"({"value": "m"})"));
  EXPECT_FALSE(r.contains(kAws));
  EXPECT_EQ(r["schemas"], json({kUserSchema, kEnterpriseUserSchema}));
  // A bare string for a complex attribute with a "value" (the manager's id, an email).
  r = Check(json{{"userName", "b"}, {kEnt, {{"manager", "m"}}}, {"emails", "b@x"}});
  EXPECT_EQ(r[kEnt]["manager"], json::parse(R"({"value": "m"})"));
  EXPECT_EQ(r["emails"], json::parse(R"([{"value": "b@x"}])"));
  // A dotted name at the top level merges into its complex attribute.
  r = Check(json{{"userName", "b"}, {"name", {{"familyName", "F"}}}, {"name.givenName", "G"}});
  EXPECT_EQ(r["name"], json::parse(R"({"familyName": "F", "givenName": "G"})"));
}

TEST(ScimCheckResourceTest, Rejects) {
  EXPECT_EQ(CheckError(json::array()).type, ScimType::kInvalidSyntax);
  EXPECT_EQ(CheckError("x").type, ScimType::kInvalidSyntax);
  ScimError e = CheckError(json::object());
  EXPECT_EQ(e.type, ScimType::kInvalidValue);
  EXPECT_NE(e.detail.find("userName"), std::string::npos);
  EXPECT_EQ(CheckError(json{{"userName", ""}}).type, ScimType::kInvalidValue);
  EXPECT_EQ(CheckError(json{{"userName", nullptr}}).type, ScimType::kInvalidValue);
  e = CheckError(
      json{{"userName", "b"}, {"roles", {{{"value", "admin"}}}}, {"profileUrl", "https://x"}});
  EXPECT_EQ(e.status, 400);
  EXPECT_EQ(e.type, ScimType::kInvalidValue);
  EXPECT_NE(e.detail.find("\"roles\""), std::string::npos) << e.detail;
  EXPECT_NE(e.detail.find("\"profileUrl\""), std::string::npos) << e.detail;
  e = CheckError(json{{"userName", "b"}, {"name", {{"nickname", "x"}}}});
  EXPECT_NE(e.detail.find("name.nickname"), std::string::npos) << e.detail;
  e = CheckError(json{{"userName", "b"}, {kEnt, {{"shoeSize", "9"}}}});
  EXPECT_NE(e.detail.find("shoeSize"), std::string::npos) << e.detail;
  EXPECT_EQ(CheckError(json{{"userName", "b"}, {"active", "yes"}}).type, ScimType::kInvalidValue);
  EXPECT_EQ(CheckError(json{{"userName", 7}}).type, ScimType::kInvalidValue);
  EXPECT_EQ(CheckError(json{{"userName", "b"}, {"emails", {{{"value", true}}}}}).type,
            ScimType::kInvalidValue);
  EXPECT_EQ(CheckError(json{{"userName", "b"}, {"name", "B"}}).type, ScimType::kInvalidValue);
  EXPECT_EQ(CheckError(json{{"userName", "b"}, {kEnt, "x"}}).type, ScimType::kInvalidValue);
  EXPECT_EQ(CheckError(json{{"userName", "b"}, {"emails.value", "b@x"}}).type,
            ScimType::kInvalidValue);
  EXPECT_EQ(
      CheckError(json{{"userName", "b"}, {kAws, {{"passwordLastUsed", "yesterday"}, {"path", 5}}}})
          .type,
      ScimType::kInvalidValue);
  e = CheckError(
      json{{"userName", "b"},
           {"emails", {{{"value", "a"}, {"primary", true}}, {{"value", "b"}, {"primary", true}}}}});
  EXPECT_EQ(e.type, ScimType::kInvalidValue);
  EXPECT_NE(e.detail.find("primary"), std::string::npos);
}

// ---- ParseAttributeList ----

TEST(ScimAttributeListTest, Parses) {
  auto l = List(
      " userName, name.givenName ,,urn:ietf:params:scim:schemas:extension:enterprise:"
      "2.0:User:manager.value,");
  ASSERT_EQ(l.size(), 3u);
  EXPECT_EQ(l[0], (AttrPath{"", "userName", ""}));
  EXPECT_EQ(l[1], (AttrPath{"", "name", "givenName"}));
  EXPECT_EQ(l[2], (AttrPath{kEnt, "manager", "value"}));
  EXPECT_TRUE(List("").empty());
  auto bad = ParseAttributeList("userName,na me");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().type, ScimType::kInvalidPath);
}

// ---- Project ----

TEST(ScimProjectTest, DefaultDropsNeverReturned) {
  json p = Project(Stored(), UserResourceType(), {}, {});
  json want = Stored();
  want.erase("password");
  EXPECT_EQ(p, want);
}

TEST(ScimProjectTest, Attributes) {
  json p = Project(Stored(), UserResourceType(), List("userName,name.givenName"), {});
  EXPECT_EQ(p, json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      "id": "2819c223", "userName": "bjensen@example.com", "name": {"givenName": "Barbara"}})"));
  p = Project(Stored(), UserResourceType(), List("emails.value,password"), {});
  EXPECT_EQ(p["emails"], json::parse(R"([{"value": "bjensen@example.com"},
                                         {"value": "babs@jensen.org"}])"));
  EXPECT_FALSE(p.contains("password"));  // returned never, even when asked
  p = Project(Stored(), UserResourceType(), List("EMAILS,Meta.Created"), {});
  EXPECT_EQ(p["emails"].size(), 2u);
  EXPECT_EQ(p["emails"][0].size(), 3u);
  EXPECT_EQ(p["meta"], json::parse(R"({"created": "2010-01-23T04:56:22Z"})"));
  p = Project(Stored(), UserResourceType(), List(kEnt + ":manager.value"), {});
  EXPECT_EQ(p[kEnt], json::parse(R"({"manager": {"value": "26118915"}})"));
  p = Project(Stored(), UserResourceType(), List(kEnt), {});  // a whole extension
  EXPECT_EQ(p[kEnt], Stored()[kEnt]);
  EXPECT_FALSE(p.contains("userName"));
  EXPECT_EQ(p["id"], "2819c223");
  // Unknown names are ignored; "attributes" wins over "excludedAttributes".
  p = Project(Stored(), UserResourceType(), List("nosuch,displayName"), List("displayName"));
  EXPECT_EQ(p, json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      "id": "2819c223", "displayName": "Babs Jensen"})"));
}

TEST(ScimProjectTest, ExcludedAttributes) {
  json p = Project(Stored(), UserResourceType(), {}, List("emails,name.formatted,id,schemas"));
  EXPECT_FALSE(p.contains("emails"));
  EXPECT_FALSE(p["name"].contains("formatted"));
  EXPECT_EQ(p["name"]["givenName"], "Barbara");
  EXPECT_EQ(p["id"], "2819c223");  // returned always
  EXPECT_TRUE(p.contains("schemas"));
  EXPECT_FALSE(p.contains("password"));
  p = Project(Stored(), UserResourceType(), {}, List(kEnt + ":manager"));
  EXPECT_EQ(p[kEnt], json::parse(R"({"employeeNumber": "701984"})"));
  p = Project(Stored(), UserResourceType(), {},
              List(kEnt + ":manager," + kEnt + ":employeeNumber"));
  EXPECT_FALSE(p.contains(kEnt));
  // Entra's GET /Groups/{id}?excludedAttributes=members.
  json g = json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "id": "g1", "displayName": "G", "members": [{"value": "u1"}],
      "meta": {"resourceType": "Group"}})");
  p = Project(g, GroupResourceType(), {}, List("members"));
  EXPECT_EQ(p, json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      "id": "g1", "displayName": "G", "meta": {"resourceType": "Group"}})"));
}

TEST(ScimProjectTest, OddResources) {
  EXPECT_EQ(Project(json::array(), UserResourceType(), {}, {}), json::array());
  json u = {{"userName", "b"}, {"extra", 1}};
  EXPECT_EQ(Project(u, UserResourceType(), {}, {}), u);  // not an attribute: kept by default
  EXPECT_EQ(Project(u, UserResourceType(), List("userName"), {}), json({{"userName", "b"}}));
}

}  // namespace
}  // namespace aic::scim
