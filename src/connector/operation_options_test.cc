#include "aws_iam_connector/connector/operation_options.h"

#include <gtest/gtest.h>

namespace aic::connector {
namespace {

using json = nlohmann::json;

const ObjectClassInfo& Account() { return *Schema::Aws().Find(ObjectClass::kAccount); }

TEST(OperationOptionsTest, ParsesEveryParameter) {
  RawOperationOptions raw;
  raw.fields = "/__NAME__, __USER__,Tags,_id";
  raw.page_size = "25";
  raw.paged_results_cookie = "abc";
  raw.sort_keys = "-CreatedDate,+/__USER__,Path";
  auto o = ParseOperationOptions(raw);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->attributes_to_get, (std::vector<std::string>{"__NAME__", "Tags", "_id"}));
  EXPECT_EQ(o->page_size, 25);
  EXPECT_EQ(o->paged_results_cookie, "abc");
  ASSERT_EQ(o->sort_keys.size(), 3u);
  EXPECT_EQ(o->sort_keys[0].ToString(), "-/CreatedDate");
  EXPECT_EQ(o->sort_keys[1].ToString(), "+/__NAME__");
  EXPECT_TRUE(o->sort_keys[2].ascending);
}

TEST(OperationOptionsTest, DefaultsAndStar) {
  auto o = ParseOperationOptions({});
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->attributes_to_get.empty());
  EXPECT_EQ(o->page_size, 0);
  EXPECT_FALSE(o->paged_results_cookie.has_value());
  EXPECT_TRUE(ParseFields("*")->empty());
  EXPECT_TRUE(ParseFields("")->empty());
}

TEST(OperationOptionsTest, StarWithFieldsIsTheDefaultsAndThoseFields) {
  auto fields = ParseFields("accessKeys,*,/__NAME__");
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  EXPECT_EQ(*fields, (std::vector<std::string>{"*", "accessKeys", "__NAME__"}));
  OperationOptions o;
  o.attributes_to_get = *fields;
  auto resolved = ResolveAttributesToGet(Account(), o);
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  std::vector<std::string> expected = Account().DefaultAttributesToGet();
  ASSERT_EQ(std::count(expected.begin(), expected.end(), "accessKeys"), 0);  // not a default
  expected.push_back("accessKeys");
  EXPECT_EQ(*resolved, expected);  // __NAME__ is a default: once
  o.attributes_to_get = {"*", "Nope"};
  EXPECT_FALSE(ResolveAttributesToGet(Account(), o).ok());
}

TEST(OperationOptionsTest, RefusesBadValues) {
  for (const char* bad : {"-1", "abc", "10001", "", "5x", "99999999999999"}) {
    auto r = ParsePageSize(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(r.status().message().find("_pageSize"), std::string::npos);
  }
  EXPECT_EQ(*ParsePageSize("10000"), 10000);
  EXPECT_FALSE(ParseSortKeys("a,,b").ok());
  EXPECT_FALSE(ParseSortKeys("+").ok());
  EXPECT_FALSE(ParseSortKeys("a,b,c,d,e,f,g,h,i").ok());
  EXPECT_FALSE(ParseFields("Tags/Key").ok());
  RawOperationOptions raw;
  raw.paged_results_cookie = std::string(kMaxCookieLength + 1, 'a');
  EXPECT_FALSE(ParseOperationOptions(raw).ok());
}

TEST(OperationOptionsTest, ResolveAttributesToGet) {
  OperationOptions o;
  auto defaults = ResolveAttributesToGet(Account(), o);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(*defaults, Account().DefaultAttributesToGet());
  o.attributes_to_get = {"_id", "accessKeys", "__NAME__"};
  auto asked = ResolveAttributesToGet(Account(), o);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(*asked, (std::vector<std::string>{"_id", "accessKeys", "__NAME__"}));
  o.attributes_to_get = {"Nope"};
  auto unknown = ResolveAttributesToGet(Account(), o);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("unknown attribute 'Nope'"), std::string::npos);
  o.attributes_to_get = {"__PASSWORD__"};
  EXPECT_FALSE(ResolveAttributesToGet(Account(), o).ok());
}

TEST(OperationOptionsTest, ProjectKeepsIdAndNamed) {
  json obj = {{"_id", "a"}, {"__NAME__", "a"}, {"Path", "/"}, {"Arn", "x"}};
  EXPECT_EQ(ProjectObject(obj, {"Path", "Missing"}), json({{"_id", "a"}, {"Path", "/"}}));
}

std::vector<std::string> Ids(const std::vector<json>& objects) {
  std::vector<std::string> out;
  for (const json& o : objects) out.push_back(o["_id"].get<std::string>());
  return out;
}

TEST(OperationOptionsTest, SortByKeys) {
  std::vector<json> objects = {
      {{"_id", "c"}, {"__NAME__", "c"}, {"Path", "/b/"}, {"n", 2}},
      {{"_id", "A"}, {"__NAME__", "A"}, {"Path", "/a/"}, {"n", 10}},
      {{"_id", "b"}, {"__NAME__", "b"}, {"Path", "/b/"}},
      {{"_id", "d"}, {"__NAME__", "d"}, {"Path", "/a/"}, {"n", 1}},
  };
  SortObjects(objects, *ParseSortKeys("__NAME__"), &Account());
  EXPECT_EQ(Ids(objects), (std::vector<std::string>{"A", "b", "c", "d"}));  // no case
  SortObjects(objects, *ParseSortKeys("__NAME__"));
  EXPECT_EQ(Ids(objects), (std::vector<std::string>{"A", "b", "c", "d"}));  // 'A' < 'b' bytes
  SortObjects(objects, *ParseSortKeys("-__NAME__"), &Account());
  EXPECT_EQ(Ids(objects), (std::vector<std::string>{"d", "c", "b", "A"}));
  SortObjects(objects, *ParseSortKeys("Path,-__NAME__"), &Account());
  EXPECT_EQ(Ids(objects), (std::vector<std::string>{"d", "A", "c", "b"}));
  SortObjects(objects, *ParseSortKeys("n"));  // numeric, missing last
  EXPECT_EQ(Ids(objects), (std::vector<std::string>{"d", "c", "A", "b"}));
  SortObjects(objects, *ParseSortKeys("-n"));  // missing still last
  EXPECT_EQ(Ids(objects), (std::vector<std::string>{"A", "c", "d", "b"}));
  EXPECT_TRUE(CheckSortKeys(Account(), *ParseSortKeys("_id,-CreatedDate")).ok());
  EXPECT_FALSE(CheckSortKeys(Account(), *ParseSortKeys("Bogus")).ok());
}

}  // namespace
}  // namespace aic::connector
