#include "credentials/ini_parser.h"

#include <gtest/gtest.h>

#include "aws_iam_connector/credentials_chain.h"

namespace aic::credentials_internal {
namespace {

std::string Value(const IniFile& f, const std::string& section, const std::string& key) {
  auto s = f.find(section);
  if (s == f.end()) return "<no section>";
  auto v = s->second.find(key);
  if (v == s->second.end()) return "<no key>";
  return std::string(v->second.Reveal());
}

TEST(IniParserTest, SectionsKeysCommentsAndWhitespace) {
  auto f = ParseIni(
      "# leading comment\n"
      "; another comment\n"
      "\n"
      "[default]\n"
      "aws_access_key_id = AKIDDEFAULT\n"
      "AWS_Secret_Access_Key=secret/with=equals  \r\n"
      "   # indented comment\n"
      "[ dev ]\n"
      "aws_access_key_id:AKIDDEV\n"
      "region =\n"
      "\n"
      "[empty]\n",
      "creds");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(Value(*f, "default", "aws_access_key_id"), "AKIDDEFAULT");
  EXPECT_EQ(Value(*f, "default", "aws_secret_access_key"), "secret/with=equals");
  EXPECT_EQ(Value(*f, " dev ", "aws_access_key_id"), "AKIDDEV");
  EXPECT_EQ(Value(*f, " dev ", "region"), "");
  EXPECT_EQ(f->count("empty"), 1u);
  EXPECT_EQ(f->size(), 3u);
}

TEST(IniParserTest, ContinuationLinesJoinWithNewline) {
  auto f =
      ParseIni("[p]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\nx=1\n", "c");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(Value(*f, "p", "s3"), "max_concurrent_requests = 20\naddressing_style = path");
  EXPECT_EQ(Value(*f, "p", "x"), "1");
}

// As in Python's configparser: a line indented deeper than the key before it continues that
// value, even when it looks like "key = value"; blank lines inside a value are kept.
TEST(IniParserTest, IndentedLineContinuesPreviousValueLikeConfigparser) {
  auto f = ParseIni("[p]\nk = 1\n  other = 2\n\n\n  cont\n[q]\n  a = 1\n  b = 2\n", "c");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(Value(*f, "p", "k"), "1\nother = 2\n\n\ncont");
  EXPECT_EQ(Value(*f, "p", "other"), "<no key>");
  EXPECT_EQ(Value(*f, "q", "a"), "1");
  EXPECT_EQ(Value(*f, "q", "b"), "2");
}

TEST(IniParserTest, DefaultSectionIsInheritedAndNotASection) {
  auto f = ParseIni("[DEFAULT]\nregion = eu-west-1\nk = base\n[a]\nk = own\n[b]\n", "c");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->count("DEFAULT"), 0u);
  EXPECT_EQ(Value(*f, "a", "k"), "own");
  EXPECT_EQ(Value(*f, "a", "region"), "eu-west-1");
  EXPECT_EQ(Value(*f, "b", "k"), "base");
}

// Python 3's configparser keeps quotes: "" is a two-character value.
TEST(IniParserTest, QuotesAreKept) {
  auto f = ParseIni("[p]\nk = \"\"\n", "c");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(Value(*f, "p", "k"), "\"\"");
}

TEST(IniParserTest, NoTrailingNewlineAndCrLf) {
  auto f = ParseIni("[p]\r\nk = v\r\nlast = w", "c");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(Value(*f, "p", "k"), "v");
  EXPECT_EQ(Value(*f, "p", "last"), "w");
}

struct BadCase {
  const char* content;
  const char* expected;  // substring of the message
};

TEST(IniParserTest, MalformedFilesNameFileAndLineButNotTheText) {
  const BadCase cases[] = {
      {"aws_access_key_id = AKIDSECRETLINE\n", "creds line 1: a setting before any"},
      {"[p]\nthis line has no delimiter SECRETLINE\n", "creds line 2: expected 'key = value'"},
      {"[p]\n= SECRETLINE\n", "creds line 2: a value without a key name"},
      {"[p]\nk=1\n[p]\n", "creds line 3: duplicate section [p]"},
      {"[p]\nk=1\nK = SECRETLINE\n", "creds line 3: duplicate key 'k' in [p]"},
      {"[p\nk=SECRETLINE\n", "creds line 1: a setting before any"},
  };
  for (const auto& c : cases) {
    auto f = ParseIni(c.content, "creds");
    ASSERT_FALSE(f.ok()) << c.content;
    EXPECT_EQ(f.status().code(), ErrorCode::kConfiguration);
    EXPECT_NE(f.status().message().find(c.expected), std::string::npos) << f.status().message();
    EXPECT_EQ(f.status().message().find("SECRETLINE"), std::string::npos);
  }
}

TEST(SharedCredentialsFileTest, ProfileCredentialsAndSessionToken) {
  const char* text =
      "[default]\naws_access_key_id=AKID1\naws_secret_access_key=S1\n"
      "[temp]\naws_access_key_id=ASIA2\naws_secret_access_key=S2\naws_session_token=T2\n"
      "[legacy]\naws_access_key_id=ASIA3\naws_secret_access_key=S3\naws_security_token=T3\n"
      "[noKeys]\nregion=us-west-2\n";
  auto d = ParseSharedCredentialsFile(text, "default", "f");
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->access_key_id, "AKID1");
  EXPECT_TRUE((*d)->secret_access_key.Equals("S1"));
  EXPECT_TRUE((*d)->session_token.empty());
  auto t = ParseSharedCredentialsFile(text, "temp", "f");
  ASSERT_TRUE(t.ok() && t->has_value());
  EXPECT_TRUE((*t)->session_token.Equals("T2"));
  auto l = ParseSharedCredentialsFile(text, "legacy", "f");
  ASSERT_TRUE(l.ok() && l->has_value());
  EXPECT_TRUE((*l)->session_token.Equals("T3"));
  auto n = ParseSharedCredentialsFile(text, "noKeys", "f");
  ASSERT_TRUE(n.ok());
  EXPECT_FALSE(n->has_value());
  auto missing = ParseSharedCredentialsFile(text, "nope", "f");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST(SharedCredentialsFileTest, KeyIdWithoutSecretIsAnErrorNamingFileAndProfile) {
  auto r = ParseSharedCredentialsFile("[work]\naws_access_key_id = AKIDHALF\n", "work", "/x/creds");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConfiguration);
  EXPECT_NE(r.status().message().find("/x/creds"), std::string::npos);
  EXPECT_NE(r.status().message().find("[work]"), std::string::npos);
  EXPECT_EQ(r.status().message().find("AKIDHALF"), std::string::npos);
  auto s = ParseSharedCredentialsFile("[work]\naws_secret_access_key = SHHH\n", "work", "/x/c");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message().find("SHHH"), std::string::npos);
}

}  // namespace
}  // namespace aic::credentials_internal
