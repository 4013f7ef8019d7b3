#include "aws_iam_connector/connector/object_class.h"

#include <gtest/gtest.h>

#include <string>

#include "aws_iam_connector/connector/uid.h"

namespace aic::connector {
namespace {

TEST(ObjectClassTest, ParsesCanonicalNamesAndUserAlias) {
  EXPECT_EQ(*ParseObjectClass("__ACCOUNT__"), ObjectClass::kAccount);
  EXPECT_EQ(*ParseObjectClass("__USER__"), ObjectClass::kAccount);
  EXPECT_EQ(*ParseObjectClass("__GROUP__"), ObjectClass::kGroup);
  EXPECT_EQ(*ParseObjectClass("__POLICY__"), ObjectClass::kPolicy);
  EXPECT_EQ(*ParseObjectClass("__ROLE__"), ObjectClass::kRole);
  EXPECT_EQ(*ParseObjectClass("__ALL__"), ObjectClass::kAll);
  auto bad = ParseObjectClass("__account__");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find("__account__"), std::string::npos);
  EXPECT_EQ(ObjectClassName(ObjectClass::kPolicy), "__POLICY__");
  EXPECT_EQ(ObjectClassName(ObjectClass::kRole), "__ROLE__");
}

TEST(UidTest, RefusesEmptyAndOversized) {
  EXPECT_TRUE(MakeUid("bjensen").ok());
  EXPECT_FALSE(MakeUid("").ok());
  EXPECT_FALSE(MakeUid(std::string(kMaxUidLength + 1, 'a')).ok());
}

}  // namespace
}  // namespace aic::connector
