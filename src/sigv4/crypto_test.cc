// Crypto and encoding helpers against published values (FIPS 180-2, RFC 4231, AWS docs).
#include <gtest/gtest.h>

#include "aws_iam_connector/sigv4.h"

namespace aic::sigv4 {
namespace {

TEST(Sigv4CryptoTest, Sha256HexMatchesFips180Vectors) {
  EXPECT_EQ(Sha256Hex(""), kEmptyPayloadSha256);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sigv4CryptoTest, HmacSha256MatchesRfc4231Case2) {
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Sigv4CryptoTest, HexEncodeIsLowercase) {
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
  EXPECT_EQ(HexEncode(""), "");
}

TEST(Sigv4CryptoTest, UriEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(UriEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(UriEncode("a b+c/d=e&f%"), "a%20b%2Bc%2Fd%3De%26f%25");
  EXPECT_EQ(UriEncode("/a b/", /*encode_slash=*/false), "/a%20b/");
  EXPECT_EQ(UriEncode("\xe1\x88\xb4"), "%E1%88%B4");
}

TEST(Sigv4CryptoTest, UriDecodeHandlesEscapesAndKeepsPlus) {
  EXPECT_EQ(UriDecode("a%20b%2Fc%2b"), "a b/c+");
  EXPECT_EQ(UriDecode("a+b"), "a+b");
  EXPECT_EQ(UriDecode("100%"), "100%");
  EXPECT_EQ(UriDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(UriDecode("%E1%88%B4"), "\xe1\x88\xb4");
}

TEST(Sigv4CryptoTest, AmzDateRoundTrips) {
  auto t = ParseAmzDate("20150830T123600Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatAmzDate(*t), "20150830T123600Z");
  EXPECT_EQ(FormatScopeDate(*t), "20150830");
  EXPECT_EQ(std::chrono::system_clock::to_time_t(*t), 1440938160);
}

TEST(Sigv4CryptoTest, ParseAmzDateRejectsMalformed) {
  for (const char* bad :
       {"", "20150830T123600", "2015-08-30T12:36:00Z", "20151330T123600Z", "20150230T123600Z",
        "20150830T243600Z", "2015083OT123600Z", "20150830X123600Z", "20150830T123600Z "}) {
    EXPECT_FALSE(ParseAmzDate(bad).has_value()) << bad;
  }
}

// The key derivation example of the AWS SigV4 documentation.
TEST(Sigv4CryptoTest, DeriveSigningKeyMatchesAwsDocumentation) {
  SecretString secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  std::string key = DeriveSigningKey(secret, "20120215", "us-east-1", "iam");
  EXPECT_EQ(HexEncode(key), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

}  // namespace
}  // namespace aic::sigv4
