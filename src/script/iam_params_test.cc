#include "script/iam_params.h"

#include <gtest/gtest.h>

namespace aic::script {
namespace {

using json = nlohmann::json;

TEST(IamParamsTest, FlattensScalarsListsAndTags) {
  json p = {{"UserName", "alice"},
            {"MaxItems", 10},
            {"Force", true},
            {"PolicyArns", {"a1", "a2"}},
            {"Tags", json::array({{{"Key", "k"}, {"Value", "v"}}})}};
  auto r = FlattenIamParams("CreateUser", p);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  IamParams want = {{"Force", "true"},
                    {"MaxItems", "10"},
                    {"PolicyArns.member.1", "a1"},
                    {"PolicyArns.member.2", "a2"},
                    {"Tags.member.1.Key", "k"},
                    {"Tags.member.1.Value", "v"},
                    {"UserName", "alice"}};
  EXPECT_EQ(*r, want);
}

TEST(IamParamsTest, EmptyAndNilParamsSendNothing) {
  EXPECT_TRUE(FlattenIamParams("ListUsers", json())->empty());
  EXPECT_TRUE(FlattenIamParams("ListUsers", json::array())->empty());
}

TEST(IamParamsTest, RefusesBadActionsAndShapes) {
  EXPECT_EQ(FlattenIamParams("", json()).status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(FlattenIamParams("List&Users", json()).status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(FlattenIamParams(std::string(200, 'A'), json()).status().code(),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(FlattenIamParams("ListUsers", json::array({"x"})).status().code(),
            ErrorCode::kInvalidInput);
  json many = json::object();
  many["L"] = json::array();
  for (int i = 0; i < 2000; ++i) many["L"].push_back("v");
  EXPECT_EQ(FlattenIamParams("ListUsers", many).status().code(), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace aic::script
