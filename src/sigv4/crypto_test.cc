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

}  // namespace
}  // namespace aic::sigv4
