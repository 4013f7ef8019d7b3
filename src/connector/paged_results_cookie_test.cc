#include "aws_iam_connector/connector/paged_results_cookie.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>

#include "common/text_codec.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

OperationOptions Options(int page_size = 10, std::vector<SortKey> keys = {},
                         std::vector<std::string> fields = {}) {
  OperationOptions o;
  o.page_size = page_size;
  o.sort_keys = std::move(keys);
  o.attributes_to_get = std::move(fields);
  return o;
}

std::string Fp() { return QueryFingerprint(ObjectClass::kAccount, "true", Options()); }

// base64url without padding, as a cookie is written.
std::string B64Url(std::string_view bytes) {
  return text::Base64Encode(bytes, text::Base64Variant::kUrlNoPadding);
}
json ParseB64Url(std::string_view cookie) {
  return json::parse(text::Base64Decode(cookie, text::Base64Variant::kUrlNoPadding).value());
}

// Re-encodes a cookie after `edit` changed its JSON, without recomputing the MAC.
std::string Edit(const std::string& cookie, const std::function<void(json&)>& edit) {
  json doc = ParseB64Url(cookie);
  edit(doc);
  return B64Url(doc.dump());
}

void ExpectBad(const Result<PagedResultsCookie>& r, const std::string& why) {
  ASSERT_FALSE(r.ok()) << "accepted; expected " << why;
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("bad _pagedResultsCookie: " + why), std::string::npos)
      << r.status().message();
}

TEST(PagedResultsCookieTest, RoundTrip) {
  auto codec = PagedResultsCookieCodec::WithRandomKey();
  PagedResultsCookie c{"AAF3Mz+/marker==", 37, Fp()};
  std::string text = codec.Encode(c);
  EXPECT_EQ(text.find_first_of("+/="), std::string::npos);  // URL-safe, no padding
  auto back = codec.Decode(text, Fp());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, c);
  json doc = ParseB64Url(text);
  EXPECT_EQ(doc["v"], kPagedResultsCookieVersion);
  EXPECT_EQ(doc["m"], "AAF3Mz+/marker==");
  EXPECT_EQ(doc["o"], 37);
}

TEST(PagedResultsCookieTest, TamperedOrMalformed) {
  auto codec = PagedResultsCookieCodec::WithRandomKey();
  std::string good = codec.Encode({"m1", 5, Fp()});
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = 6; }), Fp()), "forged or altered");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["m"] = "m2"; }), Fp()), "forged or altered");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = -1; }), Fp()), "offset out of range");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = kMaxCookieOffset + 1; }), Fp()),
            "offset out of range");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = 18446744073709551615ULL; }), Fp()),
            "offset out of range");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["v"] = 1; }), Fp()), "unsupported version");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["v"] = 1.5; }), Fp()), "unsupported version");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d.erase("v"); }), Fp()), "unsupported version");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = "5"; }), Fp()), "malformed");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = 5.0; }), Fp()), "malformed");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["x"] = 1; }), Fp()), "malformed");
  ExpectBad(codec.Decode("not*base64", Fp()), "not base64url");
  ExpectBad(codec.Decode(B64Url("{not json"), Fp()), "not a cookie");
  ExpectBad(codec.Decode(B64Url(R"({"v":2,"o":1e999})"), Fp()), "not a cookie");
  ExpectBad(codec.Decode(B64Url(R"({"v":[[[[1]]]]})"), Fp()), "not a cookie");
  ExpectBad(codec.Decode(B64Url("[1,2]"), Fp()), "not a cookie");
  ExpectBad(codec.Decode("", Fp()), "empty");
  ExpectBad(codec.Decode(std::string(kMaxCookieLength + 1, 'A'), Fp()), "too long");
  std::string flipped = good;
  flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.Decode(flipped, Fp()).ok());
}

// The attack of issue 10: the old check was an unkeyed BLAKE2b of public fields, so anyone
// could recompute it for a cookie of their own. Recompute it exactly as the old codec did.
TEST(PagedResultsCookieTest, UnkeyedRecomputedCheckIsRefused) {
  auto codec = PagedResultsCookieCodec::WithRandomKey();
  for (int version : {1, kPagedResultsCookieVersion}) {
    for (std::int64_t offset : {std::int64_t{5}, INT64_MAX - 3}) {
      std::string input = json::array({version, "", offset, Fp()}).dump();
      std::array<unsigned char, 16> digest{};
      crypto_generichash(digest.data(), digest.size(),
                         reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                         nullptr, 0);
      json doc = {{"v", version},
                  {"m", ""},
                  {"o", offset},
                  {"q", Fp()},
                  {"c", B64Url(std::string_view(reinterpret_cast<const char*>(digest.data()),
                                                digest.size()))}};
      auto r = codec.Decode(B64Url(doc.dump()), Fp());
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
    }
  }
}

TEST(PagedResultsCookieTest, EncodeClampsTheOffset) {
  auto codec = PagedResultsCookieCodec::WithRandomKey();
  auto back = codec.Decode(codec.Encode({"", INT64_MAX, Fp()}), Fp());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->offset, kMaxCookieOffset);
}

TEST(PagedResultsCookieTest, BoundToTheQuery) {
  auto codec = PagedResultsCookieCodec::WithRandomKey();
  std::string cookie = codec.Encode({"", 10, Fp()});
  std::string other = QueryFingerprint(ObjectClass::kAccount, "/Path sw \"/a/\"", Options());
  ExpectBad(codec.Decode(cookie, other), "made for another query");
  EXPECT_NE(QueryFingerprint(ObjectClass::kGroup, "true", Options()), Fp());
  EXPECT_NE(
      QueryFingerprint(ObjectClass::kAccount, "true", Options(10, {SortKey{{"__NAME__"}, false}})),
      Fp());
  EXPECT_NE(QueryFingerprint(ObjectClass::kAccount, "true", Options(11)), Fp());
  EXPECT_NE(QueryFingerprint(ObjectClass::kAccount, "true", Options(10, {}, {"Path"})), Fp());
  EXPECT_EQ(QueryFingerprint(ObjectClass::kAccount, "true", Options()), Fp());
}

TEST(PagedResultsCookieTest, EachCodecRefusesCookiesOfOtherKeys) {
  PagedResultsCookieCodec a(SecretString("server-key-a"));
  PagedResultsCookieCodec b(SecretString("k"));
  auto random1 = PagedResultsCookieCodec::WithRandomKey();
  auto random2 = PagedResultsCookieCodec::WithRandomKey();
  std::string cookie = a.Encode({"m", 1, Fp()});
  EXPECT_TRUE(a.Decode(cookie, Fp()).ok());
  ExpectBad(b.Decode(cookie, Fp()), "forged or altered");
  ExpectBad(random1.Decode(cookie, Fp()), "forged or altered");
  ExpectBad(random2.Decode(random1.Encode({"m", 1, Fp()}), Fp()), "forged or altered");
  EXPECT_TRUE(b.Decode(b.Encode({"m", 1, Fp()}), Fp()).ok());
}

}  // namespace
}  // namespace aic::connector
