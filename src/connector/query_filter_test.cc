#include "aws_iam_connector/connector/query_filter.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/connector/filter_planner.h"  // MatchOptionsFor

namespace aic::connector {
namespace {

using json = nlohmann::json;

json Bjensen() {
  return json::parse(R"({
    "_id": "bjensen", "__NAME__": "bjensen", "Path": "/eng/team/", "UserId": "AIDAW3FY74V5",
    "Arn": "arn:aws:iam::470686885243:user/eng/team/bjensen",
    "CreatedDate": "2022-06-02T23:46:39Z", "AttachmentCount": 3,
    "Tags": [{"Key": "Project", "Value": "Meteor"}, {"Key": "Dept", "Value": "Acc"}],
    "groups": ["Admins", "dev"], "PermissionsBoundary": null, "inlinePolicies": []
  })");
}

bool Eval(std::string_view text, const json& object = Bjensen(), const MatchOptions& opts = {}) {
  auto f = ParseQueryFilter(text);
  EXPECT_TRUE(f.ok()) << text << ": " << f.status().ToString();
  if (!f.ok()) return false;
  return Matches(*f, object, opts);
}

TEST(QueryFilterParseTest, ValidFiltersRoundTrip) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"true", "true"},
      {"false", "false"},
      {"TRUE", "true"},
      {"__NAME__ eq \"bjensen\"", "/__NAME__ eq \"bjensen\""},
      {"/__NAME__ eq 'bjensen'", "/__NAME__ eq \"bjensen\""},
      {"Path sw \"/eng/\"", "/Path sw \"/eng/\""},
      {"/Tags/Key co \"Pro\"", "/Tags/Key co \"Pro\""},
      {"UserId pr", "/UserId pr"},
      {"a eq 1 and b eq 2 or c eq 3", "((/a eq 1 and /b eq 2) or /c eq 3)"},
      {"a eq 1 or b eq 2 and c eq 3", "(/a eq 1 or (/b eq 2 and /c eq 3))"},
      {"a eq 1 AND (b eq 2 OR c eq 3)", "(/a eq 1 and (/b eq 2 or /c eq 3))"},
      {"!(a eq 1) and b pr", "(!(/a eq 1) and /b pr)"},
      {"! a eq 1", "!(/a eq 1)"},
      {"not (a eq 1)", "!(/a eq 1)"},
      {"!!(a pr)", "!(!(/a pr))"},
      {"n gt -1.5e3", "/n gt -1500.0"},
      {"n le 42", "/n le 42"},
      {"b eq true", "/b eq true"},
      {"s eq \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"", "/s eq \"a\\\"b\\\\c/d\\né😀\""},
      {"s eq 'it\\'s'", "/s eq \"it's\""},
      {"a~1b eq 1", "/a~1b eq 1"},
      {"  ( ( x eq\"y\" ) )  ", "/x eq \"y\""},
      {"a eq 1 and(b eq 2)", "(/a eq 1 and /b eq 2)"},
      {"order eq 1", "/order eq 1"},
      {"a Eq 1", "/a eq 1"},
      {"a eq \"\xc3\xa9\xf0\x9f\x98\x80\"", "/a eq \"\xc3\xa9\xf0\x9f\x98\x80\""},
  };
  for (const auto& [text, canonical] : cases) {
    auto f = ParseQueryFilter(text);
    ASSERT_TRUE(f.ok()) << text << ": " << f.status().ToString();
    EXPECT_EQ(f->ToString(), canonical) << text;
    auto again = ParseQueryFilter(f->ToString());
    ASSERT_TRUE(again.ok()) << f->ToString();
    EXPECT_EQ(*again, *f) << text;
  }
}

TEST(QueryFilterParseTest, FieldPathsWithAndWithoutSlash) {
  auto a = ParseQueryFilter("/Tags/Key eq \"x\"");
  auto b = ParseQueryFilter("Tags/Key eq \"x\"");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(a->field(), (FieldPath{"Tags", "Key"}));
}

TEST(QueryFilterParseTest, MalformedFiltersNameThePosition) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "position 0: expected a filter"},
      {"   ", "position 3: expected a filter"},
      {"__NAME__", "position 8: expected an operator"},
      {"__NAME__ eq", "position 11: expected a value"},
      {"__NAME__ eq bjensen", "position 12: expected a value"},
      {"__NAME__ xx \"a\"", "position 9: unknown operator 'xx'"},
      {"__NAME__ eq \"abc", "position 12: unterminated string"},
      {"a eq \"x\\q\"", "position 7: bad escape in string"},
      {"a eq \"\\u12G4\"", "position 6: bad \\u escape"},
      {"a eq \"\\ud83d\"", "position 6: bad \\u escape (lone surrogate)"},
      {"(a eq 1", "position 7: expected ')' to close '(' at position 0"},
      {"a eq 1)", "position 6: unbalanced ')'"},
      {"()", "position 1: expected a filter"},
      {"a eq 1 b eq 2", "position 7: expected 'and', 'or' or the end of the filter"},
      {"a eq 1 and", "position 10: expected a filter"},
      {"a eq 1 or or b pr", "position 13: unknown operator 'b'"},  // `or` read as a field
      {"a eq 01", "position 5: bad number"},
      {"a eq 1.", "position 5: bad number"},
      {"a eq -", "position 5: bad number"},
      {"a eq 12abc", "position 5: bad number"},
      {"//a eq 1", "position 1: empty segment in field path"},
      {"a//b eq 1", "position 2: empty segment in field path"},
      {"/ eq 1", "position 1: expected a field name"},
      {"a~2 eq 1", "position 1: bad '~' escape"},
      {"!", "position 1: expected a filter"},
      {"a eq \"x\ty\"", "position 7: control character in string"},
      {"\"x\" eq 1", "position 0: expected a field name"},
      {"a eq null", "position 5: expected a value"},
      {"a eq \"ok\xff\"", "position 8: invalid UTF-8 in string"},
      {"a eq \"\xc3\"", "position 6: invalid UTF-8 in string"},
      {"a eq \"\xed\xa0\x80\"", "position 6: invalid UTF-8 in string"},
  };
  for (const auto& [text, expected] : cases) {
    auto f = ParseQueryFilter(text);
    ASSERT_FALSE(f.ok()) << "accepted: " << text;
    EXPECT_EQ(f.status().code(), ErrorCode::kInvalidInput);
    EXPECT_NE(f.status().message().find("bad filter at " + expected), std::string::npos)
        << text << " -> " << f.status().message();
  }
}

TEST(QueryFilterParseTest, LengthAndDepthAreBounded) {
  std::string deep(kMaxFilterDepth + 1, '(');
  deep += "a pr";
  deep += std::string(kMaxFilterDepth + 1, ')');
  auto f = ParseQueryFilter(deep);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("position 32: nesting deeper than 32"), std::string::npos)
      << f.status().message();
  std::string ok_depth(kMaxFilterDepth, '(');
  ok_depth += "a pr" + std::string(kMaxFilterDepth, ')');
  EXPECT_TRUE(ParseQueryFilter(ok_depth).ok());
  std::string nots(kMaxFilterDepth + 1, '!');
  EXPECT_FALSE(ParseQueryFilter(nots + "a pr").ok());
  std::string long_filter = "a eq \"" + std::string(kMaxFilterLength, 'x') + "\"";
  auto l = ParseQueryFilter(long_filter);
  ASSERT_FALSE(l.ok());
  EXPECT_NE(l.status().message().find("position 8192: filter longer than 8192"), std::string::npos);
}

// Untrusted input: random mutations of valid filters either parse (and then round-trip) or
// fail with a position inside the input; none crashes.
TEST(QueryFilterParseTest, MutatedInputNeverCrashes) {
  const std::vector<std::string> seeds = {
      "(__NAME__ eq \"a\\u00e9\" or !(Path sw '/x/')) and Tags/Key pr",
      "a ge -1.5e3 and not (b lt 2) or c co \"z\"",
      "true or false and x le \"2022-01-01T00:00:00Z\"",
  };
  const std::string alphabet = "()!\"'\\/~ aeqorndtuxsw0123456789.-+eE\t\xc3\xa9\xff";
  std::mt19937 rng(12345);  // fixed seed: deterministic
  int parsed = 0;
  int refused = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = seeds[i % seeds.size()];
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      std::size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text[at] = alphabet[rng() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1);
          break;
        default:
          text.insert(at, 1, alphabet[rng() % alphabet.size()]);
          break;
      }
    }
    auto f = ParseQueryFilter(text);
    if (f.ok()) {
      ++parsed;
      auto again = ParseQueryFilter(f->ToString());
      ASSERT_TRUE(again.ok()) << text << " -> " << f->ToString();
      EXPECT_EQ(*again, *f) << text;
    } else {
      ++refused;
      const std::string& m = f.status().message();
      ASSERT_EQ(m.rfind("bad filter at position ", 0), 0u) << m;
      std::size_t pos = std::stoul(m.substr(std::string("bad filter at position ").size()));
      EXPECT_LE(pos, text.size()) << text << " -> " << m;
    }
  }
  EXPECT_GT(parsed, 100);
  EXPECT_GT(refused, 100);
}

TEST(QueryFilterMatchTest, Comparisons) {
  EXPECT_TRUE(Eval("true"));
  EXPECT_FALSE(Eval("false"));
  EXPECT_TRUE(Eval("__NAME__ eq \"bjensen\""));
  EXPECT_FALSE(Eval("__NAME__ eq \"BJensen\""));  // case-sensitive without options
  EXPECT_TRUE(Eval("Path sw \"/eng/\""));
  EXPECT_FALSE(Eval("Path sw \"/ENG/\""));
  EXPECT_TRUE(Eval("Arn co \":user/\""));
  EXPECT_TRUE(Eval("CreatedDate gt \"2022-01-01T00:00:00Z\""));
  EXPECT_FALSE(Eval("CreatedDate lt \"2022-01-01T00:00:00Z\""));
  EXPECT_TRUE(Eval("AttachmentCount ge 3 and AttachmentCount le 3.0"));
  EXPECT_FALSE(Eval("AttachmentCount gt 3"));
  EXPECT_TRUE(Eval("AttachmentCount lt 3.5"));
  EXPECT_FALSE(Eval("AttachmentCount eq \"3\""));  // different kinds never match
  EXPECT_FALSE(Eval("AttachmentCount co \"3\""));
}

TEST(QueryFilterMatchTest, MultiValuedAndNested) {
  EXPECT_TRUE(Eval("groups eq \"dev\""));
  EXPECT_FALSE(Eval("groups eq \"ops\""));
  EXPECT_TRUE(Eval("/Tags/Key eq \"Dept\""));
  EXPECT_TRUE(Eval("/Tags/Value sw \"Met\""));
  EXPECT_TRUE(Eval("/Tags/0/Key eq \"Project\""));
  EXPECT_FALSE(Eval("/Tags/1/Key eq \"Project\""));
}

TEST(QueryFilterMatchTest, PresenceAndMissing) {
  EXPECT_TRUE(Eval("UserId pr"));
  EXPECT_FALSE(Eval("PermissionsBoundary pr"));  // null
  EXPECT_FALSE(Eval("inlinePolicies pr"));       // empty list
  EXPECT_FALSE(Eval("Missing pr"));
  EXPECT_FALSE(Eval("Missing eq 1"));
  EXPECT_TRUE(Eval("!(Missing eq 1)"));
}

TEST(QueryFilterMatchTest, LogicAndPrecedence) {
  EXPECT_TRUE(Eval("__NAME__ eq \"x\" or Path sw \"/eng/\" and groups eq \"dev\""));
  EXPECT_FALSE(Eval("(__NAME__ eq \"x\" or Path sw \"/eng/\") and groups eq \"ops\""));
  EXPECT_TRUE(Eval("!(__NAME__ eq \"x\") and !false"));
  EXPECT_FALSE(Eval("not (UserId pr)"));
}

TEST(QueryFilterMatchTest, CaseInsensitiveFieldsFromSchema) {
  MatchOptions opts = MatchOptionsFor(*Schema::Aws().Find(ObjectClass::kAccount));
  EXPECT_TRUE(Eval("__NAME__ eq \"BJensen\"", Bjensen(), opts));
  EXPECT_TRUE(Eval("_id eq \"BJENSEN\"", Bjensen(), opts));
  EXPECT_TRUE(Eval("groups eq \"admins\"", Bjensen(), opts));
  EXPECT_TRUE(Eval("__NAME__ sw \"BJ\"", Bjensen(), opts));
  EXPECT_FALSE(Eval("Path sw \"/ENG/\"", Bjensen(), opts));  // paths stay case-sensitive
}

}  // namespace
}  // namespace aic::connector
