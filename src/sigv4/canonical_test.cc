// Canonicalization rules, one at a time.
#include <gtest/gtest.h>

#include "aws_iam_connector/sigv4.h"

namespace aic::sigv4 {
namespace {

TEST(Sigv4CanonicalTest, UriNormalizesDotsAndSlashes) {
  EXPECT_EQ(CanonicalUri(""), "/");
  EXPECT_EQ(CanonicalUri("/"), "/");
  EXPECT_EQ(CanonicalUri("//example//"), "/example/");
  EXPECT_EQ(CanonicalUri("/a/b/../c/./d"), "/a/c/d");
  EXPECT_EQ(CanonicalUri("/a/b/.."), "/a/");
  EXPECT_EQ(CanonicalUri("/../../x"), "/x");
  EXPECT_EQ(CanonicalUri("/a/..b/.c"), "/a/..b/.c");
}

TEST(Sigv4CanonicalTest, UriWithoutNormalizationKeepsThePath) {
  SigningOptions o;
  o.normalize_path = false;
  EXPECT_EQ(CanonicalUri("//example//", o), "//example//");
  EXPECT_EQ(CanonicalUri("/a/./b/..", o), "/a/./b/..");
}

TEST(Sigv4CanonicalTest, UriDoubleEncodesByDefault) {
  EXPECT_EQ(CanonicalUri("/a b/%2F$"), "/a%20b/%252F%24");
  SigningOptions once;
  once.double_encode_path = false;
  EXPECT_EQ(CanonicalUri("/a b/%2F$", once), "/a%20b/%2F%24");
}

TEST(Sigv4CanonicalTest, QueryIsDecodedReencodedAndSorted) {
  EXPECT_EQ(CanonicalQuery(""), "");
  EXPECT_EQ(CanonicalQuery("b=2&a=1&a=0&B=3"), "B=3&a=0&a=1&b=2");
  EXPECT_EQ(CanonicalQuery("k"), "k=");
  EXPECT_EQ(CanonicalQuery("k=a%2fb&x=a b&p=1+2"), "k=a%2Fb&p=1%2B2&x=a%20b");
  EXPECT_EQ(CanonicalQuery("a=1&&b=2&"), "a=1&b=2");
  EXPECT_EQ(CanonicalQuery("X-Amz-Signature=abc&z=1", "X-Amz-Signature"), "z=1");
}

TEST(Sigv4CanonicalTest, HeadersAreLoweredTrimmedFoldedAndJoined) {
  std::vector<HttpHeader> h = {{"Host", "example.com"},
                               {"My-Header", "  a   b \t c  "},
                               {"my-header", "second"},
                               {"X-Multi", "one\n   two"}};
  EXPECT_EQ(CanonicalHeaders(h, {"host", "my-header", "x-multi"}),
            "host:example.com\nmy-header:a b c,second\nx-multi:one two\n");
  EXPECT_EQ(CanonicalHeaders(h, {"missing"}), "missing:\n");
}

TEST(Sigv4CanonicalTest, SignableHeaderNamesSkipsAgentAndHopHeaders) {
  std::vector<HttpHeader> h = {{"User-Agent", "x"},    {"Host", "h"},
                               {"Authorization", "a"}, {"Content-Type", "t"},
                               {"content-type", "t"},  {"X-Amz-Security-Token", "s"},
                               {"Expect", "100"},      {"X-Amzn-Trace-Id", "r"}};
  EXPECT_EQ(SignableHeaderNames(h),
            (std::vector<std::string>{"content-type", "host", "x-amz-security-token"}));
  EXPECT_EQ(SignableHeaderNames(h, "X-Amz-Security-Token"),
            (std::vector<std::string>{"content-type", "host"}));
}

TEST(Sigv4CanonicalTest, CredentialScopeLayout) {
  EXPECT_EQ(CredentialScope("20150830", "us-east-1", "iam"), "20150830/us-east-1/iam/aws4_request");
}

}  // namespace
}  // namespace aic::sigv4
