#include "connector/text_util.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws_iam_connector/connector/object_class.h"
#include "aws_iam_connector/connector/query_filter.h"

namespace aic::connector::internal {
namespace {

TEST(TextUtilTest, Utf8SequenceLength) {
  EXPECT_EQ(Utf8SequenceLength("\xc3\xa9", 0), 2u);
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82\xac", 0), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xf0\x9f\x98\x80", 0), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xc0\x80", 0), 0u);      // overlong
  EXPECT_EQ(Utf8SequenceLength("\xed\xa0\x80", 0), 0u);  // surrogate
  EXPECT_EQ(Utf8SequenceLength("\xe2\x82", 0), 0u);      // truncated
  EXPECT_EQ(Utf8SequenceLength("\xff", 0), 0u);
}

TEST(TextUtilTest, SafeEchoIsValidUtf8AndBounded) {
  EXPECT_EQ(SafeEcho("plain"), "plain");
  EXPECT_EQ(SafeEcho("a\xff"
                     "b\n"),
            "a?b?");
  EXPECT_EQ(SafeEcho("\xc3\xa9\xc3\xa9", 3), "\xc3\xa9...");  // never cuts a character
  EXPECT_EQ(SafeEcho(std::string(200, 'x')).size(), kMaxEchoLength + 3);
}

TEST(TextUtilTest, ErrorMessagesSurviveJsonDump) {
  auto oc = ParseObjectClass("\xff\xfe" + std::string(500, 'a'));
  ASSERT_FALSE(oc.ok());
  EXPECT_NO_THROW((void)nlohmann::json(oc.status().message()).dump());
  EXPECT_LT(oc.status().message().size(), 200u);
  auto f = ParseQueryFilter("a \xff\xfe \"x\"");
  ASSERT_FALSE(f.ok());
  EXPECT_NO_THROW((void)nlohmann::json(f.status().message()).dump());
  auto field = ParseQueryFilter("a\xff eq 1");
  ASSERT_FALSE(field.ok());
  EXPECT_NE(field.status().message().find("position 1: invalid UTF-8 in field path"),
            std::string::npos);
}

}  // namespace
}  // namespace aic::connector::internal
