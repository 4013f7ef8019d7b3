#include "aws_iam_connector/connector/filter_planner.h"

#include <gtest/gtest.h>

namespace aic::connector {
namespace {

FilterPlan Plan(std::string_view text) {
  auto f = ParseQueryFilter(text);
  EXPECT_TRUE(f.ok()) << text;
  return PlanFilter(NormalizeFilterFields(*f));
}

TEST(FilterPlannerTest, NameAndIdLookups) {
  FilterPlan p = Plan("__NAME__ eq \"bjensen\"");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kByName);
  EXPECT_EQ(p.lookup_value, "bjensen");
  EXPECT_FALSE(p.residual.has_value());
  EXPECT_FALSE(p.match_none);

  p = Plan("__USER__ eq \"bjensen\"");  // alias folded
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kByName);

  p = Plan("/_id eq \"bjensen\" and groups eq \"dev\"");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kByUid);
  EXPECT_EQ(p.lookup_value, "bjensen");
  ASSERT_TRUE(p.residual.has_value());
  EXPECT_EQ(p.residual->ToString(), "/groups eq \"dev\"");

  p = Plan("__UID__ eq \"a\" and __NAME__ eq \"b\"");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kByUid);
  ASSERT_TRUE(p.residual.has_value());
  EXPECT_EQ(p.residual->ToString(), "/__NAME__ eq \"b\"");
}

TEST(FilterPlannerTest, PathPrefix) {
  FilterPlan p = Plan("Path sw \"/eng/\" and Tags/Key eq \"Dept\"");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kNone);
  ASSERT_TRUE(p.path_prefix.has_value());
  EXPECT_EQ(*p.path_prefix, "/eng/");
  ASSERT_TRUE(p.residual.has_value());
  EXPECT_EQ(p.residual->ToString(), "(/Path sw \"/eng/\" and /Tags/Key eq \"Dept\")");
  EXPECT_FALSE(Plan("Path sw \"eng\"").path_prefix.has_value());
}

TEST(FilterPlannerTest, NotPlannable) {
  FilterPlan p = Plan("__NAME__ eq \"a\" or __NAME__ eq \"b\"");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kNone);
  ASSERT_TRUE(p.residual.has_value());
  p = Plan("!(__NAME__ eq \"a\")");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kNone);
  p = Plan("__NAME__ co \"a\"");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kNone);
  p = Plan("__NAME__ eq 5");
  EXPECT_EQ(p.lookup, FilterPlan::Lookup::kNone);
}

TEST(FilterPlannerTest, TrueAndFalse) {
  FilterPlan all = Plan("true");
  EXPECT_FALSE(all.residual.has_value());
  EXPECT_FALSE(all.match_none);
  EXPECT_TRUE(Plan("false").match_none);
  EXPECT_TRUE(Plan("__NAME__ eq \"a\" and false").match_none);
  EXPECT_FALSE(Plan("__NAME__ eq \"a\" and true").residual.has_value());
}

TEST(FilterPlannerTest, CheckFilterFields) {
  const ObjectClassInfo& account = *Schema::Aws().Find(ObjectClass::kAccount);
  auto ok = ParseQueryFilter("_id eq \"a\" and /Tags/Key pr and groups eq \"x\"");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(CheckFilterFields(*ok, account).ok());
  auto unknown = ParseQueryFilter("a eq 1 or Department eq \"x\"");
  ASSERT_TRUE(unknown.ok());
  Status s = CheckFilterFields(*unknown, account);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(s.message().find("'a'"), std::string::npos);
  auto secret = ParseQueryFilter("__PASSWORD__ eq \"x\"");
  ASSERT_TRUE(secret.ok());
  EXPECT_FALSE(CheckFilterFields(*secret, account).ok());
}

}  // namespace
}  // namespace aic::connector
