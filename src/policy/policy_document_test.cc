// Parsing: statement positions, element shapes, errors, ConditionKeys, wildcards, typed values.
#include "policy/policy_document.h"

#include <gtest/gtest.h>

#include <random>

#include "policy/condition_values.h"
#include "policy/test_util.h"
#include "policy/wildcard.h"

namespace aic::policy {
namespace {

using testing::MustParse;

Position P(int line, int column) { return Position{line, column}; }
bool Same(Position a, Position b) { return a.line == b.line && a.column == b.column; }

TEST(PolicyDocumentTest, StatementPositionsInAnArray) {
  const char* doc =
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [\n"
      "    {\n"
      "      \"Effect\": \"Allow\", \"Action\": \"iam:Get*\", \"Resource\": \"*\"\n"
      "    },\n"
      "    {\"Effect\": \"Deny\", \"Action\": \"iam:*\", \"Resource\": \"*\",\n"
      "     \"Condition\": {\"StringEquals\": {\"aws:username\": \"}{\\\"\"}}}\n"
      "  ]\n"
      "}\n";
  const PolicyHandle p = MustParse(doc);
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->statements.size(), 2u);
  EXPECT_TRUE(Same(p->statements[0].start, P(3, 17)));  // just after the '['
  EXPECT_TRUE(Same(p->statements[0].end, P(6, 6)));
  EXPECT_TRUE(Same(p->statements[1].start, P(6, 6)));  // the previous one's end
  EXPECT_TRUE(Same(p->statements[1].end, P(8, 62)));
}

TEST(PolicyDocumentTest, SingleStatementObject) {
  const PolicyHandle p = MustParse(
      R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*"},"Version":"2012-10-17"})");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->statements.size(), 1u);
  EXPECT_TRUE(Same(p->statements[0].start, P(1, 15)));  // just after the '{'
  EXPECT_TRUE(Same(p->statements[0].end, P(1, 60)));
  EXPECT_TRUE(p->variables_enabled);
}

TEST(PolicyDocumentTest, ColumnsCountCharacters) {
  const PolicyHandle p = MustParse(
      "{\"Id\":\"\xC3\xA9\xC3\xA9\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(Same(p->statements[0].start, P(1, 25)));
}

TEST(PolicyDocumentTest, LineEnds) {
  const PolicyHandle p =
      MustParse("{\r\n\"Statement\":\r[\n {\"Effect\":\"Allow\",\"Action\":\"*\"}\r\n]}");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(Same(p->statements[0].start, P(3, 2)));
  EXPECT_TRUE(Same(p->statements[0].end, P(4, 33)));
}

TEST(PolicyDocumentTest, Errors) {
  for (
      const char* doc : {
          "",
          "not json",
          "[]",
          "{}",
          R"({"Statement":"x"})",
          R"({"Statement":[1]})",
          R"({"Statement":{"Action":"*"}})",
          R"({"Statement":{"Effect":"allow","Action":"*"}})",
          R"({"Statement":{"Effect":"Allow"}})",
          R"({"Statement":{"Effect":"Allow","Action":"*","NotAction":"*"}})",
          R"({"Statement":{"Effect":"Allow","Action":5}})",
          R"({"Statement":{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}})",
          R"({"Statement":{"Effect":"Allow","Action":"*","Principal":"me"}})",
          R"({"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEquals":"x"}}})",
          R"({"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEquals":{"k":null}}}})",
          R"({"Version":1,"Statement":[]})",
          R"({"Statement":{"Sid":1,"Effect":"Allow","Action":"*"}})",
      }) {
    const auto r = ParsePolicy(doc, PolicySource{});
    EXPECT_FALSE(r.ok()) << doc;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
    }
  }
}

TEST(PolicyDocumentTest, EmptyStatementListAndUnknownElements) {
  const PolicyHandle p = MustParse(R"({"Version":"2012-10-17","Id":"x","Statement":[]})");
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->statements.empty());
  EXPECT_NE(MustParse(R"({"Statement":{"Effect":"Allow","Action":"*","Other":1}})"), nullptr);
}

TEST(PolicyDocumentTest, ConditionKeysInOrderWithoutDuplicates) {
  const PolicyHandle p = MustParse(R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"*","Resource":"*","Condition":{
       "StringEquals":{"aws:username":"a","aws:PrincipalTag/Team":"b"},
       "Bool":{"aws:SecureTransport":"true"}}},
    {"Effect":"Deny","Action":"*","Resource":"*","Condition":{
       "StringLike":{"AWS:UserName":"x"},"Null":{"aws:TokenIssueTime":"true"}}}]})");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(ConditionKeys(*p),
            (std::vector<std::string>{"aws:username", "aws:PrincipalTag/Team",
                                      "aws:SecureTransport", "aws:TokenIssueTime"}));
}

TEST(PolicyDocumentTest, ConditionValuesOfEveryJsonType) {
  const PolicyHandle p = MustParse(R"({"Statement":{"Effect":"Allow","Action":"*","Condition":{
    "StringEquals":{"k":["s",1,true,2.5]}}}})");
  ASSERT_NE(p, nullptr);
  const auto& values = p->statements[0].conditions[0].values;
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[1].tmpl.text, "1");
  EXPECT_EQ(values[2].tmpl.text, "true");
  EXPECT_EQ(values[3].tmpl.text, "2.5");
}

TEST(WildcardTest, Matching) {
  EXPECT_TRUE(WildcardMatch("*", ""));
  EXPECT_TRUE(WildcardMatch("a*b*c", "aXbYc"));
  EXPECT_FALSE(WildcardMatch("a*b*c", "aXbY"));
  EXPECT_TRUE(WildcardMatch("a?c", "abc"));
  EXPECT_FALSE(WildcardMatch("a?c", "ac"));
  EXPECT_TRUE(WildcardMatch("a?c",
                            "a\xC3\xA9"
                            "c"));  // '?' is one character
  EXPECT_FALSE(WildcardMatch("ABC", "abc"));
  EXPECT_TRUE(WildcardMatch("ABC", "abc", true));
  EXPECT_TRUE(WildcardMatch("**a**", "xxa"));
  EXPECT_TRUE(WildcardMatch("", ""));
  EXPECT_FALSE(WildcardMatch("", "a"));
  // No exponential blow-up.
  const std::string value(5000, 'a');
  EXPECT_FALSE(WildcardMatch("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", value));
}

// A plain recursive matcher over ASCII, the reference for the two-pointer one.
bool ReferenceMatch(std::string_view p, std::string_view v) {
  if (p.empty()) return v.empty();
  if (p[0] == '*')
    return ReferenceMatch(p.substr(1), v) || (!v.empty() && ReferenceMatch(p, v.substr(1)));
  if (v.empty()) return false;
  return (p[0] == '?' || p[0] == v[0]) && ReferenceMatch(p.substr(1), v.substr(1));
}

TEST(WildcardTest, AgreesWithAReferenceMatcher) {
  std::mt19937 rng(20261130);
  auto random_text = [&](const char* alphabet, int alphabet_size, int max_len) {
    std::string out(rng() % (max_len + 1), ' ');
    for (char& c : out) c = alphabet[rng() % alphabet_size];
    return out;
  };
  for (int i = 0; i < 20000; ++i) {
    const std::string p = random_text("ab*?", 4, 7);
    const std::string v = random_text("ab", 2, 8);
    ASSERT_EQ(WildcardMatch(p, v), ReferenceMatch(p, v)) << p << " vs " << v;
  }
}

TEST(WildcardTest, LiteralMask) {
  EXPECT_TRUE(internal::MaskedWildcardMatch("a*", std::string("\0\1", 2), "a*"));
  EXPECT_FALSE(internal::MaskedWildcardMatch("a*", std::string("\0\1", 2), "ab"));
}

TEST(ConditionValuesTest, Dates) {
  EXPECT_EQ(internal::ParseDate("1970-01-01T00:00:00Z"), 0.0);
  EXPECT_EQ(internal::ParseDate("2020-01-01T00:00:00Z"), 1577836800.0);
  EXPECT_EQ(internal::ParseDate("2020-01-01"), 1577836800.0);
  EXPECT_EQ(internal::ParseDate("2020-01-01T01:00:00+01:00"), 1577836800.0);
  EXPECT_EQ(internal::ParseDate("2020-01-01T00:00:00.500Z"), 1577836800.5);
  EXPECT_EQ(internal::ParseDate("1577836800"), 1577836800.0);
  EXPECT_FALSE(internal::ParseDate("2020-13-01").has_value());
  EXPECT_FALSE(internal::ParseDate("2020-01-01T").has_value());
  EXPECT_FALSE(internal::ParseDate("").has_value());
}

TEST(ConditionValuesTest, Ips) {
  const auto net = internal::ParseIpRange("10.0.0.0/8");
  const auto ip = internal::ParseIpRange("10.200.1.1");
  ASSERT_TRUE(net && ip);
  EXPECT_TRUE(internal::IpInRange(*net, *ip));
  EXPECT_FALSE(internal::ParseIpRange("10.0.0.0/33").has_value());
  EXPECT_FALSE(internal::ParseIpRange("300.1.1.1").has_value());
  const auto v6 = internal::ParseIpRange("::/0");
  ASSERT_TRUE(v6.has_value());
  EXPECT_FALSE(internal::IpInRange(*v6, *ip));
}

}  // namespace
}  // namespace aic::policy
