#include "aws_iam_connector/json_text.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

TEST(JsonTextTest, ParsesValidText) {
  auto doc = ParseJson(R"({"a": [1, {"b": "}"}], "c": 18446744073709551615})");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ((*doc)["a"][1]["b"], "}");
  auto ordered = ParseOrderedJson(R"({"z": 1, "a": 2})");
  ASSERT_TRUE(ordered.ok());
  EXPECT_EQ(ordered->begin().key(), "z");
}

TEST(JsonTextTest, NumbersThatDoNotFitAreInvalidInputNamingThePath) {
  for (const char* text : {"1e999", "-1e999", "[1, 2, 1e400]"}) {
    auto doc = ParseJson(text);
    ASSERT_FALSE(doc.ok()) << text;
    EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(doc.status().message().find("number out of range"), std::string::npos);
  }
  auto nested = ParseOrderedJson(R"({"configurationProperties": {"x": [0, {"pageSize": 1e999}]}})");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.status().message().rfind("configurationProperties.x[1].pageSize: ", 0), 0u)
      << nested.status().message();
  EXPECT_EQ(ParseJson("1e999").status().message().rfind("(document): ", 0), 0u);
}

TEST(JsonTextTest, MalformedEmptyAndDeepAreInvalidInput) {
  for (std::string text : {"", "  ", "{\"a\": ", "{'a': 1}", "[1,]"}) {
    auto doc = ParseJson(text);
    ASSERT_FALSE(doc.ok()) << text;
    EXPECT_EQ(doc.status().code(), ErrorCode::kInvalidInput);
  }
  std::string deep(65, '[');
  EXPECT_FALSE(ParseJson(deep + std::string(65, ']')).ok());
  EXPECT_TRUE(ParseJson(std::string(64, '[') + std::string(64, ']')).ok());
}

TEST(JsonTextTest, ErrorsNeverEchoValues) {
  auto doc = ParseJson(R"({"secretKey": "hunter2-secret", "n": 1e999})");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().find("hunter2"), std::string::npos);
}

TEST(JsonTextTest, JsonIntInChecksTypeAndRange) {
  using nlohmann::json;
  EXPECT_EQ(JsonIntIn(json(80), 0, 65535), 80);
  EXPECT_FALSE(JsonIntIn(json(4294967297LL), 0, 65535));  // would truncate to 1 as an int
  EXPECT_FALSE(JsonIntIn(json(18446744073709551615ULL), 0, INT64_MAX));
  EXPECT_FALSE(JsonIntIn(json(-1), 0, 10));
  EXPECT_FALSE(JsonIntIn(json(1.0), 0, 10));
  EXPECT_FALSE(JsonIntIn(json::parse("123456789012345678901234567890"), 0, INT64_MAX));
  EXPECT_FALSE(JsonIntIn(json("1"), 0, 10));
}

}  // namespace
}  // namespace aic
