#include "common/text_codec.h"

#include <gtest/gtest.h>

namespace aic::text {
namespace {

using std::chrono::seconds;

std::int64_t Unix(TimePoint t) {
  return std::chrono::duration_cast<seconds>(t.time_since_epoch()).count();
}

TEST(TextCodec, PercentEncodeIsRfc3986WithUpperCaseHex) {
  EXPECT_EQ(PercentEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(PercentEncode("a b+c/d\xff"), "a%20b%2Bc%2Fd%FF");
  EXPECT_EQ(PercentEncode("a b/c", /*keep_slash=*/true), "a%20b/c");
  EXPECT_EQ(PercentEncode(""), "");
}

TEST(TextCodec, LenientDecodingKeepsMalformedEscapes) {
  EXPECT_EQ(PercentDecodeLenient("a%20b%2fc"), "a b/c");
  EXPECT_EQ(PercentDecodeLenient("100%"), "100%");
  EXPECT_EQ(PercentDecodeLenient("%zz%4"), "%zz%4");
  EXPECT_EQ(PercentDecodeLenient("a+b"), "a+b");
  EXPECT_EQ(PercentDecodeLenient("a+b", Plus::kSpace), "a b");
  EXPECT_EQ(PercentDecodeLenient("%41"), "A");  // an escape that ends the input
}

TEST(TextCodec, StrictDecodingRefusesMalformedEscapes) {
  EXPECT_EQ(PercentDecodeStrict("a+b%21", Plus::kSpace), "a b!");
  EXPECT_EQ(PercentDecodeStrict("a+b", Plus::kLiteral), "a+b");
  EXPECT_EQ(PercentDecodeStrict("%41", Plus::kLiteral), "A");
  EXPECT_FALSE(PercentDecodeStrict("100%", Plus::kLiteral));
  EXPECT_FALSE(PercentDecodeStrict("%4", Plus::kLiteral));
  EXPECT_FALSE(PercentDecodeStrict("%g1", Plus::kLiteral));
}

TEST(TextCodec, Hex) {
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  EXPECT_EQ(HexDecode("000FA0ff"), std::string("\x00\x0f\xa0\xff", 4));
  EXPECT_FALSE(HexDecode("abc"));
  EXPECT_FALSE(HexDecode("zz"));
  EXPECT_EQ(HexDigitValue('f'), 15);
  EXPECT_EQ(HexDigitValue('G'), -1);
}

TEST(TextCodec, Base64BothVariantsRoundTripAndAreStrict) {
  const std::string bytes("\xfb\xff\x00hello", 8);
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(Base64Decode("aGVsbG8="), "hello");
  EXPECT_EQ(Base64Decode(Base64Encode(bytes)), bytes);
  const std::string url = Base64Encode(bytes, Base64Variant::kUrlNoPadding);
  EXPECT_EQ(url.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(Base64Decode(url, Base64Variant::kUrlNoPadding), bytes);
  EXPECT_FALSE(Base64Decode("aGVsbG8"));    // padding missing
  EXPECT_FALSE(Base64Decode("aGVs bG8="));  // a space
  EXPECT_FALSE(Base64Decode("aGVsbG8=", Base64Variant::kUrlNoPadding));
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Decode(""), "");
}

TEST(TextCodec, Iso8601FormatsUtcSeconds) {
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(FormatIso8601(4102444799), "2099-12-31T23:59:59Z");
  EXPECT_EQ(FormatIso8601(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatIso8601(TimePoint(std::chrono::milliseconds(1999))), "1970-01-01T00:00:01Z");
  EXPECT_EQ(FormatAmzDate(TimePoint(seconds(1440938160))), "20150830T123600Z");
}

TEST(TextCodec, Iso8601ParsesTheFormsAwsWrites) {
  EXPECT_EQ(Unix(*ParseIso8601("2015-08-30T12:36:00Z")), 1440938160);
  EXPECT_EQ(Unix(*ParseIso8601("2015-08-30T12:36:00.123Z")), 1440938160);
  EXPECT_EQ(Unix(*ParseIso8601("2015-08-30t12:36:00")), 1440938160);
  EXPECT_EQ(Unix(*ParseIso8601("2015-08-30 14:36:00+02:00")), 1440938160);
  EXPECT_EQ(Unix(*ParseIso8601("2015-08-30T10:36:00-0200")), 1440938160);
  EXPECT_EQ(Unix(*ParseIso8601("2015-08-30T13:36:00+01")), 1440938160);
  for (const char* bad :
       {"", "2015-08-30", "2015-02-30T00:00:00Z", "2015-13-01T00:00:00Z", "2015-08-30T24:00:00Z",
        "2015-08-30T12:60:00Z", "2015-08-30T12:36:00Q", "2015-08-30T12:36:00+2", "15-08-30T1:2:3Z",
        "2015-08-30T12:36:00.Z", "2015-08-30T12:36:00Z ", "+015-08-30T12:36:00Z",
        "1800-01-01T00:00:00Z", "9999-01-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseIso8601(bad)) << bad;
  }
}

TEST(TextCodec, NormalizeIso8601KeepsWhatItCannotParse) {
  EXPECT_EQ(NormalizeIso8601(" 2015-08-30T14:36:00.5+02:00\n"), "2015-08-30T12:36:00Z");
  EXPECT_EQ(NormalizeIso8601(" not a date "), "not a date");
}

TEST(TextCodec, AmzDate) {
  EXPECT_EQ(Unix(*ParseAmzDate("20150830T123600Z")), 1440938160);
  EXPECT_EQ(Unix(*ParseAmzDate("20240229T000000Z")), 1709164800);
  for (const char* bad : {"20150830T123600", "20150230T000000Z", "19691231T235959Z",
                          "22010101T000000Z", "2015083OT123600Z", "20150830 123600Z"}) {
    EXPECT_FALSE(ParseAmzDate(bad)) << bad;
  }
}

TEST(TextCodec, AsciiCaseFolding) {
  EXPECT_EQ(AsciiLower("AbC-\xc3\x89"), "abc-\xc3\x89");  // bytes past ASCII unchanged
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-TYPE"));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "abcd"));
  EXPECT_LT(CompareIgnoreCase("ABC", "abd"), 0);
  EXPECT_EQ(CompareIgnoreCase("ABC", "abc"), 0);
  EXPECT_GT(CompareIgnoreCase("Z", "_"), 0);  // folded to lower case: 'z' (0x7a) > '_' (0x5f)
  EXPECT_GT(CompareIgnoreCase("ab", "A"), 0);
  EXPECT_TRUE(StartsWithIgnoreCase("Basic xyz", "basic "));
  EXPECT_FALSE(StartsWithIgnoreCase("Bas", "basic "));
}

TEST(TextCodec, MarkupEscaping) {
  std::string out = "<x>";
  AppendMarkupEscaped(out, "a<b>&\"'\xc3\x89");
  EXPECT_EQ(out, "<x>a&lt;b&gt;&amp;&quot;&apos;\xc3\x89");  // appends; UTF-8 bytes unchanged
}

}  // namespace
}  // namespace aic::text
