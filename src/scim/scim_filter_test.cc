#include "scim/scim_filter.h"

#include <gtest/gtest.h>

#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace aic::scim {
namespace {

using json = nlohmann::json;

// RFC 7643 section 8.2's full user, as this service stores it (no ims, photos, x509).
json Bjensen() {
  return json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
    "id": "2819c223-7f76-453a-919d-413861904646",
    "externalId": "701984",
    "userName": "bjensen@example.com",
    "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen",
             "givenName": "Barbara", "middleName": "Jane"},
    "displayName": "Babs Jensen",
    "nickName": "Babs",
    "title": "Tour Guide",
    "userType": "Employee",
    "active": true,
    "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
               {"value": "babs@jensen.org", "type": "home"}],
    "phoneNumbers": [{"value": "555-555-5555", "type": "work"},
                     {"value": "555-555-4444", "type": "mobile"}],
    "groups": [{"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
      "employeeNumber": "701984", "department": "Tour Operations",
      "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
    },
    "meta": {"resourceType": "User", "created": "2010-01-23T04:56:22Z",
             "lastModified": "2011-05-13T04:42:34Z", "version": "W/\"a330bc54f0671c9\""}
  })");
}

bool Eval(std::string_view text, const json& resource = Bjensen(),
          const ResourceTypeDef& type = UserResourceType()) {
  auto f = ParseFilter(text);
  EXPECT_TRUE(f.ok()) << text << ": " << (f.ok() ? "" : f.error().detail);
  if (!f.ok()) return false;
  return Matches(*f, resource, type);
}

ScimError ParseError(std::string_view text) {
  auto f = ParseFilter(text);
  EXPECT_FALSE(f.ok()) << text << " parsed as " << (f.ok() ? f->ToString() : "");
  return f.ok() ? ScimError{} : f.error();
}

TEST(ScimFilterParseTest, CanonicalForms) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"(userName eq "bjensen")", R"(userName eq "bjensen")"},
      {R"(userName EQ "bjensen")", R"(userName eq "bjensen")"},
      {"title pr", "title pr"},
      {"title PR", "title pr"},
      {R"(a eq 1 and b eq 2 or c eq 3)", "((a eq 1 and b eq 2) or c eq 3)"},
      {R"(a eq 1 or b eq 2 and c eq 3)", "(a eq 1 or (b eq 2 and c eq 3))"},
      {R"(a eq 1 AND (b eq 2 OR c eq 3))", "(a eq 1 and (b eq 2 or c eq 3))"},
      {R"(not (a pr))", "not (a pr)"},
      {R"(NOT(a pr))", "not (a pr)"},
      {R"(a eq true and b eq False and c eq NULL)", "((a eq true and b eq false) and c eq null)"},
      {R"(n gt -1.5e3)", "n gt -1500.0"},
      {R"(n le 42)", "n le 42"},
      {R"(s eq "a\"b\\c\/d\n\u00e9")", R"(s eq "a\"b\\c/d\né")"},
      {R"(  ( ( x eq "y" ) )  )", R"(x eq "y")"},
      {R"(a eq 1 and(b eq 2))", "(a eq 1 and b eq 2)"},
      {"a\teq\t1", "a eq 1"},
      {R"(emails[type eq "work" and value co "@example.com"])",
       R"(emails[(type eq "work" and value co "@example.com")])"},
      {R"(emails[not (type eq "work")])", R"(emails[not (type eq "work")])"},
      {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")",
       R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")"},
      {R"(members.$ref pr)", "members.$ref pr"},
      // Entra's attr[filter].sub form joins the comparison to the value filter.
      {R"(emails[type eq "work"].value eq "x@y")",
       R"(emails[(type eq "work" and value eq "x@y")])"},
      {R"(emails[type eq "work"].value pr)", R"(emails[(type eq "work" and value pr)])"},
      {R"(notes eq "x")", R"(notes eq "x")"},  // "not" only with a parenthesis
      {R"(order eq 1)", "order eq 1"},
  };
  for (const auto& [text, canonical] : cases) {
    auto f = ParseFilter(text);
    ASSERT_TRUE(f.ok()) << text << ": " << f.error().detail;
    EXPECT_EQ(f->ToString(), canonical) << text;
    auto again = ParseFilter(f->ToString());
    ASSERT_TRUE(again.ok()) << f->ToString();
    EXPECT_EQ(*again, *f) << text;
  }
}

TEST(ScimFilterParseTest, Ast) {
  auto f = ParseFilter(R"(userType eq "Employee" and emails[type eq "work"])");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->kind(), Filter::Kind::kAnd);
  const Filter& left = f->children()[0];
  EXPECT_EQ(left.kind(), Filter::Kind::kCompare);
  EXPECT_EQ(left.attr(), (AttrPath{"", "userType", ""}));
  EXPECT_EQ(left.op(), CompareOp::kEq);
  EXPECT_EQ(left.value(), "Employee");
  const Filter& right = f->children()[1];
  EXPECT_EQ(right.kind(), Filter::Kind::kValuePath);
  EXPECT_EQ(right.attr().attr, "emails");
  EXPECT_EQ(right.children()[0].attr().attr, "type");
  EXPECT_EQ(CompareOpName(CompareOp::kGe), "ge");
}

TEST(ScimFilterParseTest, ErrorsNameTheCharacter) {
  struct Case {
    const char* text;
    const char* detail_part;
  };
  const Case cases[] = {
      {"", "at the end (character 1)"},
      {R"(userName eq)", "at the end (character 12)"},
      {R"(userName xx "a")", "operator (eq ne co sw ew gt ge lt le pr) at character 10"},
      {R"((userName pr)", "expected ')' at the end"},
      {R"(userName eq "bjensen)", "unterminated string at character 13"},
      {R"(userName eq bjensen)", "expected a value"},
      {R"(emails[type eq "work")", "expected ']'"},
      {R"(userName pr extra)", "at character 13"},
      {"and", "at the end"},
      {R"(emails[value[x eq 1]])", "cannot hold another value filter"},
      {"not title pr", "at character 5"},
      {R"(1userName eq "a")", "invalid attribute path"},
      {R"(name.given.name eq "a")", "invalid attribute path"},
      {R"(userName eq "\x")", "invalid JSON string at character 13"},
      {R"(userName eq 01)", "invalid number"},
      {R"(userName eq 1e999)", "invalid number"},
      {R"(userName eq "a" xor b pr)",
       "expected \"and\", \"or\" or the end of the filter at character 17"},
      {R"(userName eq"a")", "expected a space and a value"},
      {R"(userName(eq "a"))", "expected a space and an operator"},
      {R"(emails.value[type eq "x"])", "not a sub-attribute"},
      {R"(emails[type eq "work"].)", "expected a sub-attribute name"},
      {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr)",
       "expected an attribute name after the URN"},
      {R"(active gt true)", "cannot order the boolean or binary attribute \"active\""},
      {R"(emails[primary lt true])", "cannot order the boolean or binary attribute"},
      {R"(emails[type eq "work"].primary ge false)", "\"emails.primary\""},
  };
  for (const Case& c : cases) {
    ScimError e = ParseError(c.text);
    EXPECT_EQ(e.status, 400) << c.text;
    EXPECT_EQ(e.type, ScimType::kInvalidFilter) << c.text;
    EXPECT_NE(e.detail.find(c.detail_part), std::string::npos)
        << c.text << " -> " << e.detail << " (wanted: " << c.detail_part << ")";
  }
}

TEST(ScimFilterParseTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '(');
  deep += "a pr";
  deep += std::string(10000, ')');
  EXPECT_EQ(ParseError(deep).type, ScimType::kInvalidFilter);
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "not (";
  EXPECT_EQ(ParseError(nots + "a pr").type, ScimType::kInvalidFilter);
  std::string ors = R"(id eq "0")";
  for (int i = 1; i < 1000; ++i) ors += R"( or id eq ")" + std::to_string(i) + "\"";
  auto f = ParseFilter(ors);  // long flat chains are fine, up to 1000 comparisons
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(Matches(*f, json{{"id", "999"}}, UserResourceType()));
  EXPECT_FALSE(Matches(*f, json{{"id", "1000"}}, UserResourceType()));
  EXPECT_NE(ParseError(ors + " or a pr").detail.find("more than 1000 comparisons"),
            std::string::npos);
}

// Random token soups: every one parses or is invalidFilter, and what parses round-trips.
TEST(ScimFilterParseTest, RandomInputNeverCrashes) {
  const char* tokens[] = {
      "userName", "emails", "name.givenName", " ",    "  ",          "(",    ")",  "[",
      "]",        "\"",     "\"x\"",          "\\",   "eq",          "pr",   "gt", "and",
      "or",       "not",    "true",           "null", "-1.5e3",      "0",    ".",  ":",
      "urn:x:y:", "value",  "type",           "$ref", "\"\\u00e9\"", "\xff", "\t"};
  std::mt19937 rng(20240601);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j) text += tokens[rng() % std::size(tokens)];
    auto f = ParseFilter(text);
    if (!f.ok()) {
      EXPECT_EQ(f.error().type, ScimType::kInvalidFilter) << text;
      continue;
    }
    auto again = ParseFilter(f->ToString());
    ASSERT_TRUE(again.ok()) << text << " -> " << f->ToString();
    EXPECT_EQ(*again, *f) << text;
    Matches(*f, Bjensen(), UserResourceType());
  }
}

// RFC 7644 3.4.2.2, Figure 2: every example filter, on RFC 7643 8.2's user.
TEST(ScimFilterMatchTest, RfcExamples) {
  EXPECT_TRUE(Eval(R"(userName eq "bjensen@example.com")"));
  EXPECT_FALSE(Eval(R"(name.familyName co "O'Malley")"));
  EXPECT_TRUE(Eval(R"(name.familyName co "ens")"));
  EXPECT_FALSE(Eval(R"(userName sw "J")"));
  EXPECT_TRUE(Eval(R"(userName sw "B")"));
  EXPECT_TRUE(Eval(R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b")"));
  EXPECT_TRUE(Eval("title pr"));
  EXPECT_FALSE(Eval(R"(meta.lastModified gt "2011-05-13T04:42:34Z")"));
  EXPECT_TRUE(Eval(R"(meta.lastModified ge "2011-05-13T04:42:34Z")"));
  EXPECT_FALSE(Eval(R"(meta.lastModified lt "2011-05-13T04:42:34Z")"));
  EXPECT_TRUE(Eval(R"(meta.lastModified le "2011-05-13T04:42:34Z")"));
  EXPECT_TRUE(Eval(R"(title pr and userType eq "Employee")"));
  EXPECT_TRUE(Eval(R"(title pr or userType eq "Intern")"));
  EXPECT_TRUE(Eval(R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")"));
  EXPECT_TRUE(Eval(
      R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))"));
  EXPECT_FALSE(Eval(R"(userType ne "Employee" and not (emails co "example.com" or )"
                    R"(emails.value co "example.org"))"));
  EXPECT_TRUE(Eval(R"(userType eq "Employee" and (emails.type eq "work"))"));
  EXPECT_TRUE(
      Eval(R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])"));
  EXPECT_TRUE(Eval(R"(emails[type eq "work" and value co "@example.com"] or )"
                   R"(ims[type eq "xmpp" and value co "@foo.com"])"));
}

TEST(ScimFilterMatchTest, CaseSensitivityFollowsCaseExact) {
  EXPECT_TRUE(Eval(R"(userName eq "BJENSEN@EXAMPLE.COM")"));
  EXPECT_TRUE(Eval(R"(USERNAME Eq "bjensen@example.com")"));
  EXPECT_TRUE(Eval(R"(name.FAMILYNAME co "JEN")"));
  EXPECT_TRUE(Eval(R"(displayName ew "JENSEN")"));
  EXPECT_TRUE(Eval(R"(emails[TYPE eq "WORK"])"));
  EXPECT_TRUE(Eval(R"(id eq "2819c223-7f76-453a-919d-413861904646")"));
  EXPECT_FALSE(Eval(R"(id eq "2819C223-7F76-453A-919D-413861904646")"));  // caseExact
  EXPECT_FALSE(Eval(R"(externalId co "X")"));
  EXPECT_TRUE(Eval(R"(meta.resourceType eq "User")"));
  EXPECT_FALSE(Eval(R"(meta.resourceType eq "user")"));  // caseExact
  EXPECT_TRUE(Eval(R"(userName gt "BJ")"));
  EXPECT_TRUE(Eval(R"(userName lt "C")"));
}

TEST(ScimFilterMatchTest, DateTimesCompareChronologically) {
  EXPECT_TRUE(Eval(R"(meta.lastModified eq "2011-05-13T05:42:34+01:00")"));
  EXPECT_FALSE(Eval(R"(meta.lastModified lt "2011-05-13T05:42:34+01:00")"));
  EXPECT_TRUE(Eval(R"(meta.lastModified eq "2011-05-13T04:42:34.000Z")"));
  EXPECT_TRUE(Eval(R"(meta.created lt "2011-01-01T00:00:00Z")"));
  EXPECT_TRUE(Eval(R"(meta.created sw "2010-01")"));
  EXPECT_FALSE(Eval(R"(meta.created gt "not a date")"));  // compared as text: "2" < "n"
}

TEST(ScimFilterMatchTest, TypesAndOperators) {
  EXPECT_TRUE(Eval("active eq true"));
  EXPECT_FALSE(Eval("active eq false"));
  EXPECT_TRUE(Eval("active ne false"));
  EXPECT_FALSE(Eval(R"(active eq "true")"));  // a string is not a boolean
  EXPECT_FALSE(Eval("userName eq 5"));
  EXPECT_FALSE(Eval("userName co true"));
  EXPECT_TRUE(Eval(R"(emails[primary eq true].value eq "bjensen@example.com")"));
  EXPECT_TRUE(Eval(R"(emails ew ".org")"));  // complex multi-valued: by its "value"
  EXPECT_TRUE(Eval(R"(groups eq "e9e30dba-f08f-4109-8486-d5c6a331660a")"));
  EXPECT_FALSE(Eval(R"(name eq "Barbara")"));  // complex without "value": nothing
  EXPECT_TRUE(Eval(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq )"
                   R"("26118915-6090-4610-87e4-49d8ca9f808d")"));
  EXPECT_TRUE(Eval(R"(phoneNumbers.value sw "555-555-4")"));
  EXPECT_TRUE(Eval(R"(emails.value ne "bjensen@example.com")"));  // the home email differs
  EXPECT_FALSE(Eval(R"(not (emails.value eq "bjensen@example.com"))"));
}

TEST(ScimFilterMatchTest, PresenceAndNull) {
  json u = Bjensen();
  u["nickName"] = "";
  u["title"] = nullptr;
  u["phoneNumbers"] = json::array();
  u["name"] = {{"givenName", nullptr}};
  EXPECT_FALSE(Eval("nickName pr", u));
  EXPECT_FALSE(Eval("title pr", u));
  EXPECT_FALSE(Eval("phoneNumbers pr", u));
  EXPECT_FALSE(Eval("name pr", u));
  EXPECT_TRUE(Eval("emails pr", u));
  EXPECT_TRUE(Eval("title eq null", u));
  EXPECT_TRUE(Eval("locale eq null", u));
  EXPECT_FALSE(Eval("userName eq null", u));
  EXPECT_TRUE(Eval("userName ne null", u));
  EXPECT_FALSE(Eval("title ne null", u));
  EXPECT_FALSE(Eval("userName co null", u));
  EXPECT_FALSE(Eval(R"(title ne "x")", u));  // unassigned: no value differs
}

TEST(ScimFilterMatchTest, UnknownAttributesMatchNothing) {
  EXPECT_FALSE(Eval(R"(nosuch eq "x")"));
  EXPECT_FALSE(Eval("nosuch pr"));
  EXPECT_TRUE(Eval(R"(not (nosuch eq "x"))"));
  EXPECT_FALSE(Eval(R"(name.nosuch eq "x")"));
  EXPECT_FALSE(Eval(R"(emails[nosuch eq "x"])"));
  EXPECT_FALSE(Eval(R"(department eq "Tour Operations")"));  // an extension needs its URN
  EXPECT_FALSE(Eval(R"(urn:example:other:2.0:User:department eq "Tour Operations")"));
  json u = Bjensen();
  u["roles"] = json::array({{{"value", "admin"}}});  // in the JSON, not in the schema
  EXPECT_FALSE(Eval(R"(roles.value eq "admin")", u));
}

TEST(ScimFilterMatchTest, ExtensionsAndCommonAttributes) {
  const std::string ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  EXPECT_TRUE(Eval(ent + R"(:department eq "tour operations")"));
  EXPECT_TRUE(Eval(ent + R"(:manager.value pr)"));
  EXPECT_TRUE(Eval(ent + R"(:employeeNumber gt "700000")"));
  EXPECT_TRUE(Eval(R"(externalId eq "701984")"));
  EXPECT_TRUE(Eval(R"(meta.version eq "W/\"a330bc54f0671c9\"")"));
  json u = Bjensen();
  u.erase(ent);
  EXPECT_FALSE(Eval(ent + R"(:department pr)", u));
  EXPECT_TRUE(Eval(R"(not ()" + ent + R"(:department pr))", u));
}

TEST(ScimFilterMatchTest, Precedence) {
  EXPECT_TRUE(Eval(R"(active eq false and title pr or userType eq "Employee")"));
  EXPECT_TRUE(Eval(R"(userType eq "Employee" or title eq "x" and active eq false)"));
  EXPECT_FALSE(Eval(R"((userType eq "Employee" or title eq "x") and active eq false)"));
  EXPECT_FALSE(Eval(R"(title eq "x" and (userType eq "y" or active eq true))"));
  EXPECT_TRUE(Eval(R"(not (title eq "x") and not (not (title pr)))"));
}

TEST(ScimFilterMatchTest, ValuePathsMatchOneValue) {
  // Both conditions must hold for the same email.
  EXPECT_FALSE(Eval(R"(emails[type eq "home" and value co "example.com"])"));
  EXPECT_TRUE(Eval(R"(emails[type eq "home"] and emails[value co "example.com"])"));
  EXPECT_TRUE(Eval(R"(emails[type eq "home"].value eq "babs@jensen.org")"));
  EXPECT_FALSE(Eval(R"(emails[type eq "work"].value eq "babs@jensen.org")"));
  EXPECT_TRUE(Eval(R"(emails[not (type eq "work")])"));
  EXPECT_TRUE(Eval(R"(phoneNumbers[type eq "mobile" or type eq "fax"])"));
  EXPECT_FALSE(Eval(R"(userName[value eq "x"])"));  // not complex
}

TEST(ScimFilterMatchTest, Groups) {
  json g = json::parse(R"({
    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
    "id": "e9e30dba", "displayName": "Tour Guides",
    "members": [{"value": "2819c223", "display": "Babs Jensen", "type": "User"},
                {"value": "902c246b", "display": "Mandy Pepperidge", "type": "User"}]})");
  const ResourceTypeDef& group = GroupResourceType();
  EXPECT_TRUE(Eval(R"(displayName eq "tour guides")", g, group));
  EXPECT_TRUE(Eval(R"(members[value eq "902c246b"])", g, group));
  EXPECT_TRUE(Eval(R"(members eq "2819c223")", g, group));
  EXPECT_FALSE(Eval(R"(members[type eq "Group"])", g, group));
  EXPECT_FALSE(Eval("userName pr", g, group));
}

TEST(ScimFilterMatchTest, TolerantOfOddResources) {
  json odd = {{"userName", 5}, {"emails", "not-an-array"}, {"name", "flat"}};
  EXPECT_FALSE(Eval(R"(userName eq "5")", odd));
  EXPECT_FALSE(Eval(R"(emails.value eq "x")", odd));
  EXPECT_FALSE(Eval(R"(emails[type eq "work"])", odd));
  EXPECT_FALSE(Eval(R"(name.givenName pr)", odd));
  EXPECT_FALSE(Eval("title pr", json::array()));
  EXPECT_TRUE(Eval(R"(username eq "5")", json{{"USERNAME", "5"}}));  // member names: any case
}

TEST(ScimFilterEqualityTest, EqualityOn) {
  const ResourceTypeDef& user = UserResourceType();
  auto f = ParseFilter(R"(userName eq "bjensen")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(EqualityOn(*f, user, "userName"), "bjensen");
  EXPECT_EQ(EqualityOn(*f, user, "USERNAME"), "bjensen");
  EXPECT_EQ(EqualityOn(*f, user, "externalId"), std::nullopt);
  f = ParseFilter(R"(urn:ietf:params:scim:schemas:core:2.0:User:UserName EQ "Bjensen")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(EqualityOn(*f, user, "userName"), "Bjensen");
  f = ParseFilter(R"(id eq "abc")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(EqualityOn(*f, user, "id"), "abc");
  for (const char* no : {R"(userName ne "b")", R"(userName eq "b" and active eq true)",
                         R"(userName eq 5)", R"(userName pr)", R"(not (userName eq "b"))",
                         R"(emails[value eq "b"])", R"(name.givenName eq "b")"}) {
    f = ParseFilter(no);
    ASSERT_TRUE(f.ok()) << no;
    EXPECT_EQ(EqualityOn(*f, user, "userName"), std::nullopt) << no;
  }
  f = ParseFilter(R"(displayName eq "Tour Guides")");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(EqualityOn(*f, GroupResourceType(), "displayName"), "Tour Guides");
  EXPECT_EQ(EqualityOn(*f, GroupResourceType(), "nosuch"), std::nullopt);
}

TEST(ScimFilterEqualityTest, MatchesElement) {
  auto f = ParseFilter(R"(x[type eq "work" and primary eq true])");
  ASSERT_TRUE(f.ok());
  const Filter& inner = f->children()[0];
  auto emails = Resolve(UserResourceType(), AttrPath{"", "emails", ""});
  ASSERT_TRUE(emails);
  EXPECT_TRUE(MatchesElement(inner, {{"type", "Work"}, {"primary", true}}, *emails->attr));
  EXPECT_FALSE(MatchesElement(inner, {{"type", "work"}}, *emails->attr));
}

}  // namespace
}  // namespace aic::scim
