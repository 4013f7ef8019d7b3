// Crypto helpers against published values (FIPS 180-2, RFC 4231, AWS docs).
#include <gtest/gtest.h>

#include "aws_iam_connector/sigv4.h"
#include "common/text_codec.h"

namespace aic::sigv4 {
namespace {

TEST(Sigv4CryptoTest, Sha256HexMatchesFips180Vectors) {
  EXPECT_EQ(Sha256Hex(""), kEmptyPayloadSha256);
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sigv4CryptoTest, HmacSha256MatchesRfc4231Case2) {
  EXPECT_EQ(text::HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Sigv4CryptoTest, ScopeDateIsTheDayOfTheAmzDate) {
  auto t = text::ParseAmzDate("20150830T123600Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(FormatScopeDate(*t), "20150830");
}

// The key derivation example of the AWS SigV4 documentation.
TEST(Sigv4CryptoTest, DeriveSigningKeyMatchesAwsDocumentation) {
  SecretString secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  std::string key = DeriveSigningKey(secret, "20120215", "us-east-1", "iam");
  EXPECT_EQ(text::HexEncode(key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

// The per-thread cache answers exactly what the derivation does: every one of secret, date,
// region and service is part of its key (a secret of the same length, or the next day, is a
// miss), and more keys than it holds still come out right.
TEST(Sigv4CryptoTest, CachedSigningKeyEqualsTheDerivationForEveryPart) {
  const SecretString a("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  const SecretString b("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ");  // same length, last byte
  struct Case {
    const SecretString* secret;
    const char *date, *region, *service;
  };
  const Case cases[] = {
      {&a, "20120215", "us-east-1", "iam"}, {&b, "20120215", "us-east-1", "iam"},
      {&a, "20120216", "us-east-1", "iam"}, {&a, "20120215", "eu-west-1", "iam"},
      {&a, "20120215", "us-east-1", "sts"}, {&b, "20120216", "eu-west-1", "sts"},
  };
  for (int round = 0; round < 3; ++round) {  // first misses, then hits and evictions
    for (const Case& c : cases) {
      SCOPED_TRACE(std::string(c.date) + " " + c.region + " " + c.service);
      EXPECT_EQ(text::HexEncode(CachedSigningKey(*c.secret, c.date, c.region, c.service)),
                text::HexEncode(DeriveSigningKey(*c.secret, c.date, c.region, c.service)));
    }
  }
  EXPECT_NE(CachedSigningKey(a, "20120215", "us-east-1", "iam"),
            CachedSigningKey(b, "20120215", "us-east-1", "iam"));
}

}  // namespace
}  // namespace aic::sigv4
