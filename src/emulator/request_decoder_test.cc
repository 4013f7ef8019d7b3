#include "emulator/request_decoder.h"

#include <gtest/gtest.h>

#include "emulator/admin_api.h"
#include "emulator/fault_injector.h"
#include "emulator/request_id.h"

namespace aic::emulator {
namespace {

using Params = std::map<std::string, std::string>;

Params Decode(std::string_view text) {
  Params p;
  Status s = DecodeQueryParams(text, p);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return p;
}

TEST(RequestDecoderTest, DecodesFormEncoding) {
  EXPECT_EQ(Decode("Action=ListUsers&Version=2010-05-08"),
            (Params{{"Action", "ListUsers"}, {"Version", "2010-05-08"}}));
  EXPECT_EQ(Decode("a=x+y&b=%2F%2f%41&c=&d"),
            (Params{{"a", "x y"}, {"b", "//A"}, {"c", ""}, {"d", ""}}));
  EXPECT_EQ(Decode("Tags.member.1.Key=k&Tags.member.1.Value=v%3D1"),
            (Params{{"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v=1"}}));
  EXPECT_EQ(Decode("&&a=1&&"), (Params{{"a", "1"}}));
  EXPECT_EQ(Decode(""), Params{});
  EXPECT_EQ(Decode("p=%E2%82%AC"), (Params{{"p", "\xE2\x82\xAC"}}));
}

TEST(RequestDecoderTest, RefusesMalformedInput) {
  for (std::string_view bad : {"a=%", "a=%4", "a=%G1", "a=%4g", "=x", "%zz=1", "%3D%=1"}) {
    Params p;
    Status s = DecodeQueryParams(bad, p);
    EXPECT_EQ(s.code(), ErrorCode::kInvalidInput) << bad;
  }
  Params p;
  EXPECT_FALSE(DecodeQueryParams(std::string(kMaxQueryParamNameBytes + 1, 'n') + "=1", p).ok());
  EXPECT_TRUE(DecodeQueryParams(std::string(kMaxQueryParamNameBytes, 'n') + "=1", p).ok());
  std::string many;
  for (std::size_t i = 0; i <= kMaxQueryParams; ++i) many += "p" + std::to_string(i) + "=1&";
  p.clear();
  EXPECT_FALSE(DecodeQueryParams(many, p).ok());
}

TEST(RequestDecoderTest, RefusesARepeatedName) {
  for (std::string_view bad : {"a=1&a=2", "a=1&a=1", "a=1&%61=2", "Action=GetUser&Action="}) {
    Params p;
    EXPECT_EQ(DecodeQueryParams(bad, p).code(), ErrorCode::kConflict) << bad;
  }
  // A name already decoded (from the query string) may not come again (in the body).
  Params p;
  ASSERT_TRUE(DecodeQueryParams("Action=GetUser&Version=2010-05-08", p).ok());
  Status s = DecodeQueryParams("UserName=x&Action=CreateUser", p);
  EXPECT_EQ(s.code(), ErrorCode::kConflict);
  EXPECT_EQ(s.message().find("CreateUser"), std::string::npos);  // the input is not echoed
  // The parameter bound counts both sources together.
  std::string half;
  for (std::size_t i = 0; i < kMaxQueryParams / 2 + 1; ++i) half += "q" + std::to_string(i) + "=1&";
  Params both;
  ASSERT_TRUE(DecodeQueryParams(half, both).ok());
  std::string other;
  for (std::size_t i = 0; i < kMaxQueryParams / 2 + 1; ++i)
    other += "b" + std::to_string(i) + "=1&";
  EXPECT_EQ(DecodeQueryParams(other, both).code(), ErrorCode::kInvalidInput);
}

TEST(RequestDecoderTest, RecognisesFormContentTypes) {
  EXPECT_TRUE(IsFormUrlEncoded("application/x-www-form-urlencoded"));
  EXPECT_TRUE(IsFormUrlEncoded("application/x-www-form-urlencoded; charset=utf-8"));
  EXPECT_TRUE(IsFormUrlEncoded("Application/X-WWW-Form-Urlencoded;charset=UTF-8"));
  EXPECT_FALSE(IsFormUrlEncoded("application/json"));
  EXPECT_FALSE(IsFormUrlEncoded(""));
  EXPECT_FALSE(IsFormUrlEncoded("application/x-www-form-urlencodedx"));
}

TEST(RequestIdTest, IsARandomUuidVersion4) {
  std::string a = NewRequestId();
  std::string b = NewRequestId();
  ASSERT_EQ(a.size(), 36u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[13], '-');
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef-"), std::string::npos);
}

TEST(FaultInjectorTest, RatesOfZeroAndOneAreDeterministicAndClamped) {
  FaultInjector f;
  for (int i = 0; i < 100; ++i) EXPECT_EQ(f.Draw(), Fault::kNone);
  f.Set({1.0, 0, 0});
  for (int i = 0; i < 100; ++i) EXPECT_EQ(f.Draw(), Fault::kThrottle);
  f.Set({0, 1.0, 0});
  for (int i = 0; i < 100; ++i) EXPECT_EQ(f.Draw(), Fault::kError);
  f.Set({7.0, -3.0, kMaxLatencyMs + 5});
  EXPECT_EQ(f.Get().throttle_rate, 1.0);
  EXPECT_EQ(f.Get().error_rate, 0.0);
  EXPECT_EQ(f.Get().latency_ms, kMaxLatencyMs);
  EXPECT_EQ(f.latency(), std::chrono::milliseconds(kMaxLatencyMs));
  f.Set({0.5, 0, 0});
  int throttled = 0;
  for (int i = 0; i < 2000; ++i) throttled += f.Draw() == Fault::kThrottle;
  EXPECT_GT(throttled, 700);  // about half; bounds wide enough never to flake
  EXPECT_LT(throttled, 1300);
}

TEST(AdminPathTest, MatchesOnlyAdminPaths) {
  EXPECT_TRUE(IsAdminPath("/_emulator/counters"));
  EXPECT_TRUE(IsAdminPath("/_emulator"));
  EXPECT_TRUE(IsAdminPath("/moto-api/reset"));
  EXPECT_FALSE(IsAdminPath("/"));
  EXPECT_FALSE(IsAdminPath("/_emulatorx"));
  EXPECT_FALSE(IsAdminPath("/moto-api/resetx"));
}

}  // namespace
}  // namespace aic::emulator
