#include "scim/scim_patch.h"

#include <gtest/gtest.h>

#include <string>

namespace aic::scim {
namespace {

using json = nlohmann::json;

const std::string kEnt(kEnterpriseUserSchema);
const std::string kAws(kAwsUserSchema);

json User() {
  return json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User"],
    "id": "2819c223",
    "externalId": "701984",
    "userName": "bjensen@example.com",
    "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen",
             "givenName": "Barbara"},
    "displayName": "Babs Jensen",
    "title": "Tour Guide",
    "active": true,
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
               {"value": "babs@jensen.org", "type": "home"}],
    "addresses": [{"type": "work", "streetAddress": "100 Universal City Plaza",
                   "locality": "Hollywood", "primary": true},
                  {"type": "home", "streetAddress": "456 Hollywood Blvd"}],
    "groups": [{"value": "e9e30dba", "display": "Tour Guides"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "701984", "department": "Tour Operations",
      "manager": {"value": "26118915", "$ref": "../Users/26118915", "displayName": "John Smith"}
    },
    "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User": {
      "path": "/tours/", "arn": "arn:aws:iam::123456789012:user/tours/bjensen",
      "tags": [{"key": "Project", "value": "Meteor"}]
    },
    "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
             "lastModified": "2011-05-13T04:42:34Z"}
  })");
}

json Group() {
  return json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "id": "e9e30dba", "displayName": "Tour Guides",
    "members": [{"value": "2819c223", "display": "Babs Jensen", "type": "User"},
                {"value": "902c246b", "display": "Mandy Pepperidge", "type": "User"}],
    "meta": {"resourceType": "Group"}})");
}

json Body(const json& operations) {
  return {{"schemas", {kPatchOpSchema}}, {"Operations", operations}};
}

json Patch(const json& resource, const json& operations,
           const ResourceTypeDef& type = UserResourceType()) {
  auto r = ApplyPatch(resource, Body(operations), type);
  EXPECT_TRUE(r.ok()) << operations.dump() << ": " << (r.ok() ? "" : r.error().detail);
  return r.ok() ? *r : json();
}

json PatchGroup(const json& operations) { return Patch(Group(), operations, GroupResourceType()); }

ScimError PatchError(const json& resource, const json& body,
                     const ResourceTypeDef& type = UserResourceType()) {
  auto r = ApplyPatch(resource, body, type);
  EXPECT_FALSE(r.ok()) << body.dump() << " gave " << (r.ok() ? r->dump() : "");
  return r.ok() ? ScimError{200, ScimType::kNone, "", 0} : r.error();
}

void ExpectError(const json& operations, int status, ScimType type, const json& resource = User(),
                 const ResourceTypeDef& rt = UserResourceType()) {
  ScimError e = PatchError(resource, Body(operations), rt);
  EXPECT_EQ(e.status, status) << operations.dump();
  EXPECT_EQ(ScimTypeName(e.type), ScimTypeName(type)) << operations.dump() << ": " << e.detail;
}

// ---- the request envelope ----

TEST(ScimPatchRequestTest, Envelope) {
  json op = {{{"op", "replace"}, {"path", "title"}, {"value", "x"}}};
  EXPECT_EQ(PatchError(User(), {{"Operations", op}}).type, ScimType::kInvalidSyntax);
  EXPECT_EQ(PatchError(User(), {{"schemas", {"urn:other"}}, {"Operations", op}}).type,
            ScimType::kInvalidSyntax);
  EXPECT_EQ(PatchError(User(), Body(json::array())).type, ScimType::kInvalidSyntax);
  EXPECT_EQ(PatchError(User(), Body(json::object())).type, ScimType::kInvalidSyntax);
  EXPECT_EQ(PatchError(User(), {{"schemas", {kPatchOpSchema}}}).type, ScimType::kInvalidSyntax);
  EXPECT_EQ(PatchError(User(), json::array()).type, ScimType::kInvalidSyntax);
  EXPECT_EQ(PatchError(User(), "text").type, ScimType::kInvalidSyntax);
  // Member names in any case.
  auto r =
      ApplyPatch(User(), {{"SCHEMAS", {kPatchOpSchema}}, {"operations", op}}, UserResourceType());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["title"], "x");
}

TEST(ScimPatchRequestTest, Operations) {
  ExpectError({"not an object"}, 400, ScimType::kInvalidSyntax);
  ExpectError({{{"path", "title"}, {"value", "x"}}}, 400, ScimType::kInvalidSyntax);
  ExpectError({{{"op", "copy"}, {"path", "title"}, {"value", "x"}}}, 400, ScimType::kInvalidSyntax);
  ExpectError({{{"op", 1}, {"path", "title"}, {"value", "x"}}}, 400, ScimType::kInvalidSyntax);
  ExpectError({{{"op", "add"}, {"path", "title"}}}, 400, ScimType::kInvalidSyntax);
  ExpectError({{{"op", "replace"}, {"path", 5}, {"value", "x"}}}, 400, ScimType::kInvalidPath);
  ExpectError({{{"op", "remove"}}}, 400, ScimType::kNoTarget);
  ExpectError({{{"op", "Remove"}, {"path", ""}}}, 400, ScimType::kNoTarget);
  ExpectError({{{"op", "replace"}, {"value", "not an object"}}}, 400, ScimType::kInvalidValue);
  // Any case for the operation names (Entra sends "Add", "Replace", "Remove").
  for (const char* name : {"add", "Add", "ADD", "replace", "Replace", "rEpLaCe"}) {
    json r = Patch(User(), {{{"op", name}, {"path", "title"}, {"value", "Lead"}}});
    EXPECT_EQ(r["title"], "Lead") << name;
  }
  for (const char* name : {"remove", "Remove", "REMOVE"}) {
    EXPECT_FALSE(Patch(User(), {{{"op", name}, {"path", "title"}}}).contains("title")) << name;
  }
  // A null path is no path; Entra adds a "name" member to operations.
  json r =
      Patch(User(), {{{"op", "replace"}, {"path", nullptr}, {"value", {{"title", "T"}}}},
                     {{"op", "replace"}, {"name", "x"}, {"path", "nickName"}, {"value", "N"}}});
  EXPECT_EQ(r["title"], "T");
  EXPECT_EQ(r["nickName"], "N");
}

TEST(ScimPatchRequestTest, AllOrNothing) {
  json before = User();
  auto r = ApplyPatch(before,
                      Body({{{"op", "replace"}, {"path", "title"}, {"value", "x"}},
                            {{"op", "replace"}, {"path", "id"}, {"value", "other"}}}),
                      UserResourceType());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().type, ScimType::kMutability);
  EXPECT_EQ(before, User());  // the input is never changed
}

// ---- RFC 7644 3.5.2 examples ----

TEST(ScimPatchRfcTest, AddMember) {
  json r = Patch(json::parse(R"({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                 "id": "g", "displayName": "G"})"),
                 json::parse(R"([{"op": "add", "path": "members", "value": [{
                   "display": "Babs Jensen",
                   "$ref": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
                   "value": "2819c223-7f76-453a-919d-413861904646"}]}])"),
                 GroupResourceType());
  ASSERT_EQ(r["members"].size(), 1u);
  EXPECT_EQ(r["members"][0]["display"], "Babs Jensen");
}

TEST(ScimPatchRfcTest, AddWithoutPath) {
  json r = Patch(User(), json::parse(R"([{"op": "add", "value": {
      "emails": [{"value": "babs@jensen.org", "type": "home"}], "nickname": "Babs"}}])"));
  EXPECT_EQ(r["emails"].size(), 2u);  // already there: not added twice
  EXPECT_EQ(r["nickName"], "Babs");   // the schema's spelling
  EXPECT_FALSE(r.contains("nickname"));
}

TEST(ScimPatchRfcTest, RemoveExamples) {
  json r = PatchGroup({{{"op", "remove"}, {"path", R"(members[value eq "2819c223"])"}}});
  ASSERT_EQ(r["members"].size(), 1u);
  EXPECT_EQ(r["members"][0]["value"], "902c246b");
  r = PatchGroup({{{"op", "remove"}, {"path", "members"}}});
  EXPECT_FALSE(r.contains("members"));
  r = Patch(User(),
            {{{"op", "remove"}, {"path", R"(emails[type eq "work" and value ew "example.com"])"}}});
  ASSERT_EQ(r["emails"].size(), 1u);
  EXPECT_EQ(r["emails"][0]["type"], "home");
  r = PatchGroup(json::parse(R"([{"op": "remove", "path": "members"},
      {"op": "add", "path": "members",
       "value": [{"display": "James Smith", "value": "08e1d05d"}]}])"));
  EXPECT_EQ(r["members"], json::parse(R"([{"display": "James Smith", "value": "08e1d05d"}])"));
  // The last remaining value removed: the attribute is unassigned.
  r = Patch(User(), {{{"op", "remove"}, {"path", R"(addresses[type eq "work"])"}},
                     {{"op", "remove"}, {"path", R"(addresses[type eq "home"])"}}});
  EXPECT_FALSE(r.contains("addresses"));
}

TEST(ScimPatchRfcTest, ReplaceExamples) {
  json r = PatchGroup(json::parse(R"([{"op": "replace", "path": "members", "value": [
      {"display": "Babs Jensen", "value": "2819c223"},
      {"display": "James Smith", "value": "08e1d05d"}]}])"));
  EXPECT_EQ(r["members"], json::parse(R"([{"display": "Babs Jensen", "value": "2819c223"},
                                          {"display": "James Smith", "value": "08e1d05d"}])"));
  r = Patch(User(), json::parse(R"([{"op": "replace", "path": "addresses[type eq \"work\"]",
      "value": {"type": "work", "streetAddress": "911 Universal City Plaza",
                "locality": "Hollywood", "region": "CA", "postalCode": "91608",
                "country": "US", "primary": true}}])"));
  EXPECT_EQ(r["addresses"][0]["streetAddress"], "911 Universal City Plaza");
  EXPECT_EQ(r["addresses"][0]["country"], "US");
  EXPECT_EQ(r["addresses"][1]["streetAddress"], "456 Hollywood Blvd");
  r = Patch(User(), json::parse(R"([{"op": "replace",
      "path": "addresses[type eq \"work\"].streetAddress", "value": "1010 Broadway Ave"}])"));
  EXPECT_EQ(r["addresses"][0]["streetAddress"], "1010 Broadway Ave");
  EXPECT_EQ(r["addresses"][0]["locality"], "Hollywood");
  r = Patch(User(), json::parse(R"([{"op": "replace", "value": {
      "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
                 {"value": "babs@jensen.org", "type": "home"}],
      "nickname": "Babs"}}])"));
  EXPECT_EQ(r["emails"].size(), 2u);
  EXPECT_EQ(r["nickName"], "Babs");
}

// ---- Microsoft Entra ID's documented bodies ----

TEST(ScimPatchEntraTest, DisableWithStringBoolean) {
  json body = json::parse(R"({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      "Operations": [{"op": "Replace", "path": "active", "value": "False"}]})");
  auto r = ApplyPatch(User(), body, UserResourceType());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)["active"], false);
  EXPECT_EQ(Patch(User(), {{{"op", "replace"}, {"path", "active"}, {"value", false}}})["active"],
            false);
  EXPECT_EQ(Patch(User(), {{{"op", "Replace"}, {"path", "active"}, {"value", "TRUE"}}})["active"],
            true);
  json aws = Patch(
      User(), {{{"op", "Replace"}, {"path", kAws + ":passwordResetRequired"}, {"value", "true"}}});
  EXPECT_EQ(aws[kAws]["passwordResetRequired"], true);
  ExpectError({{{"op", "Replace"}, {"path", "active"}, {"value", "no"}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "Replace"}, {"path", "active"}, {"value", 0}}}, 400,
              ScimType::kInvalidValue);
}

TEST(ScimPatchEntraTest, ReplaceMultipleAttributes) {
  // Without the aadOptscim062020 flag: one operation per attribute.
  json r = Patch(User(), json::parse(R"([
      {"op": "Replace", "path": "displayName", "value": "Pvlo"},
      {"op": "Replace", "path": "emails[type eq \"work\"].value",
       "value": "TestBcwqnm@test.microsoft.com"},
      {"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
      {"op": "Replace", "path": "name.familyName", "value": "Pkqf"},
      {"op": "Replace", "path": "externalId", "value": "Eqpj"},
      {"op": "Replace",
       "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
       "value": "Eqpj"}])"));
  EXPECT_EQ(r["displayName"], "Pvlo");
  EXPECT_EQ(r["emails"][0]["value"], "TestBcwqnm@test.microsoft.com");
  EXPECT_EQ(r["emails"][0]["primary"], true);
  EXPECT_EQ(r["name"]["givenName"], "Gtfd");
  EXPECT_EQ(r["name"]["familyName"], "Pkqf");
  EXPECT_EQ(r["externalId"], "Eqpj");
  EXPECT_EQ(r[kEnt]["employeeNumber"], "Eqpj");
  // With the flag: a value object with dotted and URN-qualified names.
  r = Patch(User(), json::parse(R"([
      {"op": "replace", "path": "emails[type eq \"work\"].value",
       "value": "TestMhvaes@test.microsoft.com"},
      {"op": "replace", "value": {"displayName": "Bjfe", "name.givenName": "Kkom",
        "name.familyName": "Unua",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Aklq"}}])"));
  EXPECT_EQ(r["displayName"], "Bjfe");
  EXPECT_EQ(r["name"]["givenName"], "Kkom");
  EXPECT_EQ(r["name"]["formatted"], "Ms. Barbara J Jensen, III");
  EXPECT_EQ(r[kEnt]["employeeNumber"], "Aklq");
  EXPECT_EQ(r[kEnt]["department"], "Tour Operations");
}

TEST(ScimPatchEntraTest, AddSingleValuedString) {
  EXPECT_EQ(Patch(User(), {{{"op", "Add"}, {"path", "nickName"}, {"value", "Babs"}}})["nickName"],
            "Babs");
  EXPECT_EQ(Patch(User(), {{{"op", "add"}, {"value", {{"nickName", "Babs"}}}}})["nickName"],
            "Babs");
}

TEST(ScimPatchEntraTest, WorkEmailThatDoesNotExistYet) {
  json u = User();
  u.erase("emails");
  for (const char* op : {"Add", "Replace"}) {
    json r = Patch(
        u, {{{"op", op}, {"path", R"(emails[type eq "work"].value)"}, {"value", "x@y.example"}}});
    EXPECT_EQ(r["emails"], json::parse(R"([{"type": "work", "value": "x@y.example"}])")) << op;
  }
  // Among other values of the attribute, too (Entra's fax and mobile numbers).
  json r = Patch(
      User(),
      {{{"op", "Add"}, {"path", R"(phoneNumbers[type eq "fax"].value)"}, {"value", "555-1234"}}});
  EXPECT_EQ(r["phoneNumbers"], json::parse(R"([{"type": "fax", "value": "555-1234"}])"));
  r = Patch(User(), {{{"op", "Replace"},
                      {"path", R"(emails[type eq "other"].Value)"},
                      {"value", "proxy@example.com"}}});
  ASSERT_EQ(r["emails"].size(), 3u);
  EXPECT_EQ(r["emails"][2], json::parse(R"({"type": "other", "value": "proxy@example.com"})"));
  // A conjunction of eq comparisons seeds the new value with all of them.
  r = Patch(u, {{{"op", "replace"},
                 {"path", R"(emails[type eq "work" and primary eq true].value)"},
                 {"value", "x@y.example"}}});
  EXPECT_EQ(r["emails"],
            json::parse(R"([{"type": "work", "primary": true, "value": "x@y.example"}])"));
  // Without a sub-attribute, the value object joins the seed.
  r = Patch(u, {{{"op", "replace"},
                 {"path", R"(addresses[type eq "other"])"},
                 {"value", {{"formatted", "Office 12"}}}}});
  EXPECT_EQ(r["addresses"][2], json::parse(R"({"type": "other", "formatted": "Office 12"})"));
  // Any other filter that matches nothing: 400 noTarget (RFC 7644 3.5.2.3).
  ExpectError(
      {{{"op", "replace"}, {"path", R"(emails[value co "@nowhere"].value)"}, {"value", "x"}}}, 400,
      ScimType::kNoTarget);
  ExpectError({{{"op", "replace"},
                {"path", R"(emails[type eq "a" or type eq "b"].value)"},
                {"value", "x"}}},
              400, ScimType::kNoTarget);
  ExpectError({{{"op", "add"}, {"path", R"(emails[not (type eq "work")].value)"}, {"value", "x"}}},
              400, ScimType::kNoTarget, u);
}

TEST(ScimPatchEntraTest, GroupMembers) {
  // Add: the null $ref is dropped; an existing member is not added twice.
  json r = PatchGroup(json::parse(R"([{"name": "addMember", "op": "Add", "path": "members",
      "value": [{"$ref": null, "value": "f648f8d5ea4e4cd38e9c"},
                {"$ref": null, "value": "2819c223"}]}])"));
  ASSERT_EQ(r["members"].size(), 3u);
  EXPECT_EQ(r["members"][2], json::parse(R"({"value": "f648f8d5ea4e4cd38e9c"})"));
  // Remove, without the compliance flag: a value array.
  r = PatchGroup(json::parse(R"([{"name": "removeMember", "op": "Remove", "path": "members",
      "value": [{"$ref": null, "value": "2819c223"}]}])"));
  EXPECT_EQ(r["members"].size(), 1u);
  EXPECT_EQ(r["members"][0]["value"], "902c246b");
  r = PatchGroup(json::parse(R"([{"op": "Remove", "path": "members", "value": [
      {"value": "2819c223"}, {"value": "902c246b"}]}])"));
  EXPECT_FALSE(r.contains("members"));
  r = PatchGroup(
      json::parse(R"([{"op": "Remove", "path": "members", "value": {"value": "u1091"}}])"));
  EXPECT_EQ(r["members"].size(), 2u);  // not a member: nothing to do
  // With the flag: a value filter.
  r = PatchGroup(json::parse(R"([{"op": "remove",
      "path": "members[value eq \"902c246b\"]"}])"));
  EXPECT_EQ(r["members"].size(), 1u);
  r = PatchGroup(json::parse(R"([{"op": "Replace", "path": "displayName",
      "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}])"));
  EXPECT_EQ(r["displayName"], "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName");
}

TEST(ScimPatchEntraTest, ManagerAsAnId) {
  json r = Patch(User(), {{{"op", "Replace"}, {"path", kEnt + ":manager"}, {"value", "f9a4e1c2"}}});
  EXPECT_EQ(r[kEnt]["manager"], json::parse(R"({"value": "f9a4e1c2"})"));
  r = Patch(User(), {{{"op", "Add"}, {"path", kEnt + ":manager.value"}, {"value", "f9a4e1c2"}}});
  EXPECT_EQ(r[kEnt]["manager"]["value"], "f9a4e1c2");
  r = Patch(User(), {{{"op", "Remove"}, {"path", kEnt + ":manager"}}});
  EXPECT_FALSE(r[kEnt].contains("manager"));
}

// ---- Okta's documented bodies ----

TEST(ScimPatchOktaTest, DeactivateAndPassword) {
  json r = Patch(User(), json::parse(R"([{"op": "replace", "value": {"active": false}}])"));
  EXPECT_EQ(r["active"], false);
  r = Patch(User(), json::parse(R"([{"op": "replace", "value": {"password": "1mz050nq"}}])"));
  EXPECT_EQ(r["password"], "1mz050nq");
}

TEST(ScimPatchOktaTest, ReplaceSeveralWithoutPath) {
  json r = Patch(User(), json::parse(R"([{"op": "replace", "value": {
      "name": {"givenName": "Another", "middleName": "Excited"},
      "displayName": "Another User", "title": "Tester",
      "emails": [{"value": "new@okta.local", "type": "work", "primary": true}],
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "QA"}}}])"));
  EXPECT_EQ(r["name"]["givenName"], "Another");
  EXPECT_EQ(r["name"]["middleName"], "Excited");
  EXPECT_EQ(r["name"]["familyName"], "Jensen");  // 3.5.2.3: unchanged sub-attributes stay
  EXPECT_EQ(r["displayName"], "Another User");
  EXPECT_EQ(r["emails"].size(), 1u);
  EXPECT_EQ(r[kEnt]["department"], "QA");
  EXPECT_EQ(r[kEnt]["employeeNumber"], "701984");
}

TEST(ScimPatchOktaTest, GroupRenameAndMembership) {
  // The rename carries the group's own id: unchanged, so accepted.
  json r = PatchGroup(json::parse(R"([{"op": "replace", "value": {
      "id": "e9e30dba", "displayName": "Test SCIMv20"}}])"));
  EXPECT_EQ(r["displayName"], "Test SCIMv20");
  r = PatchGroup(json::parse(R"([
      {"op": "remove", "path": "members[value eq \"902c246b\"]"},
      {"op": "add", "path": "members", "value": [{"value": "23a35c27",
                                                  "display": "test.user@okta.local"}]}])"));
  ASSERT_EQ(r["members"].size(), 2u);
  EXPECT_EQ(r["members"][1]["value"], "23a35c27");
  r = PatchGroup(json::parse(R"([{"op": "replace", "path": "members", "value": [
      {"value": "23a35c27", "display": "test.user@okta.local"}]}])"));
  EXPECT_EQ(r["members"].size(), 1u);
}

// ---- semantics ----

TEST(ScimPatchTest, AddToMultiValued) {
  json r = Patch(
      User(),
      {{{"op", "add"}, {"path", "emails"}, {"value", {{{"value", "x@y"}, {"type", "other"}}}}}});
  EXPECT_EQ(r["emails"].size(), 3u);
  // A lone value (not an array) is one value.
  r = Patch(User(), {{{"op", "add"}, {"path", "emails"}, {"value", {{"value", "x@y"}}}}});
  EXPECT_EQ(r["emails"].size(), 3u);
  // Identical, or contained (the value compares without case: caseExact false): not added.
  r = Patch(User(), {{{"op", "add"},
                      {"path", "emails"},
                      {"value", {{{"value", "BABS@jensen.org"}, {"type", "home"}}}}}});
  EXPECT_EQ(r["emails"].size(), 2u);
  r = Patch(User(),
            {{{"op", "add"}, {"path", "emails"}, {"value", {{{"value", "babs@jensen.org"}}}}}});
  EXPECT_EQ(r["emails"].size(), 2u);
  // A value that says more about an existing one replaces it.
  r = Patch(User(),
            {{{"op", "add"},
              {"path", "emails"},
              {"value", {{{"value", "babs@jensen.org"}, {"type", "home"}, {"display", "Babs"}}}}}});
  ASSERT_EQ(r["emails"].size(), 2u);
  EXPECT_EQ(r["emails"][1]["display"], "Babs");
}

TEST(ScimPatchTest, Primary) {
  json r = Patch(User(), {{{"op", "add"},
                           {"path", "emails"},
                           {"value", {{{"value", "n@x"}, {"type", "other"}, {"primary", true}}}}}});
  EXPECT_EQ(r["emails"][0]["primary"], false);
  EXPECT_EQ(r["emails"][2]["primary"], true);
  r = Patch(User(),
            {{{"op", "replace"}, {"path", R"(emails[type eq "home"].primary)"}, {"value", true}}});
  EXPECT_EQ(r["emails"][0]["primary"], false);
  EXPECT_EQ(r["emails"][1]["primary"], true);
  r = Patch(User(), {{{"op", "replace"},
                      {"path", R"(addresses[type eq "home"])"},
                      {"value", {{"type", "home"}, {"primary", "True"}}}}});
  EXPECT_EQ(r["addresses"][0]["primary"], false);
  EXPECT_EQ(r["addresses"][1]["primary"], true);
  EXPECT_FALSE(r["addresses"][1].contains("streetAddress"));  // the value was replaced
  ExpectError(
      {{{"op", "add"},
        {"path", "emails"},
        {"value", {{{"value", "a@x"}, {"primary", true}}, {{"value", "b@x"}, {"primary", true}}}}}},
      400, ScimType::kInvalidValue);
  ExpectError({{{"op", "replace"}, {"path", "emails.primary"}, {"value", true}}}, 400,
              ScimType::kInvalidValue);
}

TEST(ScimPatchTest, ComplexAttributes) {
  json r = Patch(User(), {{{"op", "replace"}, {"path", "name"}, {"value", {{"givenName", "B"}}}}});
  EXPECT_EQ(r["name"]["givenName"], "B");
  EXPECT_EQ(r["name"]["familyName"], "Jensen");
  r = Patch(User(), {{{"op", "remove"}, {"path", "name.formatted"}}});
  EXPECT_FALSE(r["name"].contains("formatted"));
  r = Patch(User(), {{{"op", "remove"}, {"path", "name"}}});
  EXPECT_FALSE(r.contains("name"));
  json u = User();
  u.erase("name");
  r = Patch(u, {{{"op", "add"}, {"path", "name.givenName"}, {"value", "B"}}});
  EXPECT_EQ(r["name"], json::parse(R"({"givenName": "B"})"));
  // A sub-attribute of a multi-valued attribute without a filter: every value.
  r = Patch(User(), {{{"op", "replace"}, {"path", "addresses.country"}, {"value", "US"}}});
  EXPECT_EQ(r["addresses"][0]["country"], "US");
  EXPECT_EQ(r["addresses"][1]["country"], "US");
  r = Patch(User(), {{{"op", "remove"}, {"path", "emails.type"}}});
  EXPECT_FALSE(r["emails"][0].contains("type"));
  EXPECT_FALSE(r["emails"][1].contains("type"));
  // Removing the last sub-attribute unassigns the value.
  r = Patch(User(), {{{"op", "remove"}, {"path", "name.formatted"}},
                     {{"op", "remove"}, {"path", "name.familyName"}},
                     {{"op", "remove"}, {"path", "name.givenName"}}});
  EXPECT_FALSE(r.contains("name"));
}

TEST(ScimPatchTest, Extensions) {
  json r = Patch(
      User(),
      {{{"op", "add"}, {"value", {{kAws, {{"tags", {{{"key", "Team"}, {"value", "Blue"}}}}}}}}}});
  ASSERT_EQ(r[kAws]["tags"].size(), 2u);
  EXPECT_EQ(r[kAws]["path"], "/tours/");
  r = Patch(User(), {{{"op", "remove"}, {"path", kAws + R"(:tags[key eq "Project"])"}}});
  EXPECT_FALSE(r[kAws].contains("tags"));
  r = Patch(User(), {{{"op", "replace"}, {"path", kEnt}, {"value", {{"department", "QA"}}}}});
  EXPECT_EQ(r[kEnt]["department"], "QA");
  EXPECT_EQ(r[kEnt]["employeeNumber"], "701984");
  r = Patch(User(), {{{"op", "remove"}, {"path", kEnt}}});
  EXPECT_FALSE(r.contains(kEnt));
  EXPECT_EQ(r["schemas"], json({kUserSchema, kAwsUserSchema}));
  // The first attribute of an extension adds it to "schemas".
  json u = User();
  u.erase(kEnt);
  u["schemas"] = {kUserSchema};
  r = Patch(u, {{{"op", "add"}, {"path", kEnt + ":department"}, {"value", "QA"}}});
  EXPECT_EQ(r["schemas"], json({kUserSchema, kEnterpriseUserSchema, kAwsUserSchema}));
  // The AWS extension's arn is readOnly: removing the whole extension would change it.
  ExpectError({{{"op", "remove"}, {"path", kAws}}}, 400, ScimType::kMutability);
  // An extension of another resource type is no path of this one.
  ExpectError({{{"op", "add"}, {"path", std::string(kAwsGroupSchema) + ":path"}, {"value", "/"}}},
              400, ScimType::kInvalidPath);
  ExpectError({{{"op", "add"}, {"value", {{kEnt, "not an object"}}}}}, 400,
              ScimType::kInvalidValue);
}

TEST(ScimPatchTest, CanonicalSpelling) {
  json r = Patch(User(), {{{"op", "replace"}, {"path", "DISPLAYNAME"}, {"value", "X"}},
                          {{"op", "replace"}, {"path", "Name.GivenName"}, {"value", "Y"}},
                          {{"op", "add"}, {"value", {{"NICKNAME", "Z"}}}}});
  EXPECT_EQ(r["displayName"], "X");
  EXPECT_EQ(r["name"]["givenName"], "Y");
  EXPECT_EQ(r["nickName"], "Z");
  EXPECT_FALSE(r.contains("DISPLAYNAME"));
  // A resource stored with odd spelling is corrected where it is written.
  json u = User();
  u["TITLE"] = u["title"];
  u.erase("title");
  r = Patch(u, {{{"op", "replace"}, {"path", "title"}, {"value", "T"}}});
  EXPECT_EQ(r["title"], "T");
  EXPECT_FALSE(r.contains("TITLE"));
}

TEST(ScimPatchTest, NullValues) {
  json r = Patch(User(), {{{"op", "replace"}, {"path", "title"}, {"value", nullptr}}});
  EXPECT_FALSE(r.contains("title"));
  r = Patch(User(), {{{"op", "add"}, {"path", "title"}, {"value", nullptr}}});
  EXPECT_EQ(r["title"], "Tour Guide");
  r = Patch(User(), {{{"op", "replace"}, {"value", {{"title", nullptr}, {"nickName", "N"}}}}});
  EXPECT_FALSE(r.contains("title"));
  r = Patch(User(), {{{"op", "remove"}, {"path", "title"}, {"value", nullptr}}});
  EXPECT_FALSE(r.contains("title"));
  r = Patch(User(), {{{"op", "remove"}, {"path", "nickName"}}});  // absent: nothing to do
  EXPECT_FALSE(r.contains("nickName"));
}

TEST(ScimPatchTest, Mutability) {
  // readOnly: a change fails, the same value passes.
  ExpectError({{{"op", "replace"}, {"path", "id"}, {"value", "other"}}}, 400,
              ScimType::kMutability);
  ExpectError({{{"op", "remove"}, {"path", "id"}}}, 400, ScimType::kMutability);
  ExpectError({{{"op", "add"}, {"path", "groups"}, {"value", {{{"value", "x"}}}}}}, 400,
              ScimType::kMutability);
  ExpectError({{{"op", "remove"}, {"path", "groups"}}}, 400, ScimType::kMutability);
  ExpectError(
      {{{"op", "replace"}, {"path", "meta.lastModified"}, {"value", "2020-01-01T00:00:00Z"}}}, 400,
      ScimType::kMutability);
  ExpectError({{{"op", "replace"}, {"path", kAws + ":arn"}, {"value", "arn:x"}}}, 400,
              ScimType::kMutability);
  ExpectError({{{"op", "replace"}, {"path", kEnt + ":manager.displayName"}, {"value", "X"}}}, 400,
              ScimType::kMutability);
  ExpectError({{{"op", "replace"}, {"value", {{"id", "other"}}}}}, 400, ScimType::kMutability);
  json r = Patch(User(), {{{"op", "replace"}, {"path", "id"}, {"value", "2819c223"}},
                          {{"op", "replace"}, {"path", "meta.resourceType"}, {"value", "User"}},
                          {{"op", "add"},
                           {"path", "groups"},
                           {"value", {{{"value", "e9e30dba"}, {"display", "Tour Guides"}}}}}});
  EXPECT_EQ(r["id"], "2819c223");
  // A readOnly sub-attribute inside a writable complex value is ignored (as on POST).
  r = Patch(User(), {{{"op", "replace"},
                      {"path", kEnt + ":manager"},
                      {"value", {{"value", "boss"}, {"displayName", "Ignored"}}}}});
  EXPECT_EQ(r[kEnt]["manager"]["value"], "boss");
  EXPECT_EQ(r[kEnt]["manager"]["displayName"], "John Smith");
  // schemas is the service's own: writes to it are ignored.
  r = Patch(User(), {{{"op", "replace"}, {"path", "schemas"}, {"value", {"urn:x"}}}});
  EXPECT_EQ(r["schemas"].size(), 3u);
  // immutable: members.value can be given to a new member, never changed.
  ExpectError(
      {{{"op", "replace"}, {"path", R"(members[value eq "2819c223"].value)"}, {"value", "other"}}},
      400, ScimType::kMutability, Group(), GroupResourceType());
  ExpectError({{{"op", "replace"},
                {"path", R"(members[value eq "2819c223"])"},
                {"value", {{"value", "other"}}}}},
              400, ScimType::kMutability, Group(), GroupResourceType());
  ExpectError({{{"op", "remove"}, {"path", R"(members[value eq "2819c223"].value)"}}}, 400,
              ScimType::kMutability, Group(), GroupResourceType());
  r = PatchGroup({{{"op", "replace"},
                   {"path", R"(members[value eq "2819c223"].display)"},
                   {"value", "Barbara"}}});
  EXPECT_EQ(r["members"][0]["display"], "Barbara");
  r = PatchGroup({{{"op", "replace"},
                   {"path", R"(members[value eq "2819c223"])"},
                   {"value", {{"value", "2819c223"}, {"display", "B"}}}}});
  EXPECT_EQ(r["members"][0], json::parse(R"({"value": "2819c223", "display": "B"})"));
  // writeOnly: writable.
  r = Patch(User(), {{{"op", "add"}, {"path", "password"}, {"value", "s3cret!"}}});
  EXPECT_EQ(r["password"], "s3cret!");
}

TEST(ScimPatchTest, RequiredAttributes) {
  ExpectError({{{"op", "remove"}, {"path", "userName"}}}, 400, ScimType::kInvalidValue);
  ExpectError({{{"op", "replace"}, {"path", "userName"}, {"value", nullptr}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "remove"}, {"path", "displayName"}}}, 400, ScimType::kInvalidValue, Group(),
              GroupResourceType());
  json r = Patch(User(), {{{"op", "remove"}, {"path", "userName"}},
                          {{"op", "add"}, {"path", "userName"}, {"value", "new"}}});
  EXPECT_EQ(r["userName"], "new");
}

TEST(ScimPatchTest, BadValuesAndPaths) {
  ExpectError({{{"op", "replace"}, {"path", "nosuch"}, {"value", "x"}}}, 400,
              ScimType::kInvalidPath);
  ExpectError({{{"op", "replace"}, {"path", "name.nosuch"}, {"value", "x"}}}, 400,
              ScimType::kInvalidPath);
  ExpectError({{{"op", "add"}, {"value", {{"nosuch", "x"}}}}}, 400, ScimType::kInvalidPath);
  ExpectError({{{"op", "replace"}, {"path", R"(emails[type eq "work"].nosuch)"}, {"value", "x"}}},
              400, ScimType::kInvalidPath);
  ExpectError({{{"op", "replace"}, {"path", R"(name[givenName eq "x"])"}, {"value", "x"}}}, 400,
              ScimType::kInvalidPath);
  ExpectError({{{"op", "replace"}, {"path", R"(emails[type eq "work")"}, {"value", "x"}}}, 400,
              ScimType::kInvalidPath);
  ExpectError({{{"op", "replace"}, {"path", "urn:example:x:2.0:User:a"}, {"value", "x"}}}, 400,
              ScimType::kInvalidPath);
  ExpectError({{{"op", "replace"}, {"path", "userName"}, {"value", 5}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "replace"}, {"path", "userName"}, {"value", {"a"}}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "replace"}, {"path", "name"}, {"value", {{"nosuch", "x"}}}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "add"}, {"path", "emails"}, {"value", {{{"value", 5}}}}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "add"}, {"path", "emails"}, {"value", {{{"value", "a"}}, {{"x", 1}}}}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "add"}, {"path", "emails"}, {"value", {{"a", "b"}, {"c"}}}}}, 400,
              ScimType::kInvalidValue);
  ExpectError({{{"op", "replace"}, {"path", "name"}, {"value", 5}}}, 400, ScimType::kInvalidValue);
}

TEST(ScimPatchTest, ResultIsNormalised) {
  json u = User();
  u["nickName"] = nullptr;
  u["phoneNumbers"] = json::array();
  json r = Patch(u, {{{"op", "replace"}, {"path", "title"}, {"value", "T"}}});
  EXPECT_FALSE(r.contains("nickName"));
  EXPECT_FALSE(r.contains("phoneNumbers"));
  EXPECT_EQ(r["schemas"], json({kUserSchema, kEnterpriseUserSchema, kAwsUserSchema}));
}

}  // namespace
}  // namespace aic::scim
