#include "connector/json_compare.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace aic::connector::internal {
namespace {

using json = nlohmann::json;

TEST(JsonCompareTest, Strings) {
  EXPECT_TRUE(EqualsIgnoreCase("BJensen", "bjensen"));
  EXPECT_FALSE(EqualsIgnoreCase("bjensen", "bjensen2"));
  EXPECT_LT(CompareIgnoreCase("a", "B"), 0);
  EXPECT_TRUE(StartsWith("/eng/team/", "/ENG/", true));
  EXPECT_FALSE(StartsWith("/eng/team/", "/ENG/", false));
  EXPECT_TRUE(Contains("arn:aws:iam::1:user/X", "USER/", true));
  EXPECT_FALSE(Contains("abc", "d", true));
  EXPECT_EQ(*CompareJson(json("B"), json("a"), false), -1);  // byte order
  EXPECT_EQ(*CompareJson(json("B"), json("a"), true), 1);
}

TEST(JsonCompareTest, NumbersAcrossRepresentations) {
  EXPECT_EQ(*CompareJson(json(3), json(3.0), false), 0);
  EXPECT_EQ(*CompareJson(json(-1), json(std::numeric_limits<std::uint64_t>::max()), false), -1);
  EXPECT_EQ(*CompareJson(json(std::numeric_limits<std::uint64_t>::max()),
                         json(std::numeric_limits<std::int64_t>::max()), false),
            1);
  EXPECT_EQ(*CompareJson(json(true), json(false), false), 1);
  EXPECT_FALSE(CompareJson(json(1), json("1"), false).has_value());
  EXPECT_FALSE(CompareJson(json::object(), json::object(), false).has_value());
}

TEST(JsonCompareTest, SameValue) {
  json a = {"x", "Y"};
  json b = {"y", "X"};
  EXPECT_TRUE(SameValue(&a, &b, true));
  EXPECT_FALSE(SameValue(&a, &b, false));
  json empty = json::array();
  json null;
  EXPECT_TRUE(SameValue(&empty, nullptr, false));
  EXPECT_TRUE(SameValue(&null, &empty, false));
  json dup1 = {"a", "a"};
  json dup2 = {"a", "b"};
  EXPECT_FALSE(SameValue(&dup1, &dup2, false));
}

}  // namespace
}  // namespace aic::connector::internal
