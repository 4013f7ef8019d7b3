#include "aws_iam_connector/secret_string.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace aic {
namespace {

TEST(SecretStringTest, RevealsOnlyOnRequest) {
  SecretString s("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  EXPECT_EQ(s.Reveal(), "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  EXPECT_EQ(fmt::format("key={}", s), "key=****");
  EXPECT_TRUE(s.Equals("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  EXPECT_FALSE(s.Equals("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEz"));
}

TEST(SecretStringTest, CopyMoveClear) {
  SecretString a("abc");
  SecretString b = a;
  EXPECT_TRUE(a == b);
  SecretString c = std::move(a);
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(c.Reveal(), "abc");
  c.Clear();
  EXPECT_TRUE(c.empty());
  b = SecretString("");
  EXPECT_TRUE(b.empty());
}

TEST(SecretStringTest, WipeString) {
  std::string key = "AWS4secret";
  WipeString(key);
  EXPECT_TRUE(key.empty());
}

}  // namespace
}  // namespace aic
