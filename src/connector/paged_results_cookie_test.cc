#include "aws_iam_connector/connector/paged_results_cookie.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace aic::connector {
namespace {

using json = nlohmann::json;

std::string Fp() { return QueryFingerprint(ObjectClass::kAccount, "true", {}); }

// Re-encodes a cookie after `edit` changed its JSON, without recomputing the check.
std::string Edit(const std::string& cookie, const std::function<void(json&)>& edit) {
  json doc = json::parse(*Base64UrlDecode(cookie));
  edit(doc);
  return Base64UrlEncode(doc.dump());
}

void ExpectBad(const Result<PagedResultsCookie>& r, const std::string& why) {
  ASSERT_FALSE(r.ok()) << "accepted; expected " << why;
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput);
  EXPECT_NE(r.status().message().find("bad _pagedResultsCookie: " + why), std::string::npos)
      << r.status().message();
}

TEST(PagedResultsCookieTest, RoundTrip) {
  PagedResultsCookieCodec codec;
  PagedResultsCookie c{"AAF3Mz+/marker==", 37, Fp()};
  std::string text = codec.Encode(c);
  EXPECT_EQ(text.find_first_of("+/="), std::string::npos);  // URL-safe, no padding
  auto back = codec.Decode(text, Fp());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, c);
  json doc = json::parse(*Base64UrlDecode(text));
  EXPECT_EQ(doc["v"], 1);
  EXPECT_EQ(doc["m"], "AAF3Mz+/marker==");
  EXPECT_EQ(doc["o"], 37);
}

TEST(PagedResultsCookieTest, TamperedOrMalformed) {
  PagedResultsCookieCodec codec;
  std::string good = codec.Encode({"m1", 5, Fp()});
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = 6; }), Fp()), "check failed");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["m"] = "m2"; }), Fp()), "check failed");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = -1; }), Fp()), "negative offset");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["v"] = 2; }), Fp()), "unsupported version");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d.erase("v"); }), Fp()), "no version");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["o"] = "5"; }), Fp()), "malformed");
  ExpectBad(codec.Decode(Edit(good, [](json& d) { d["x"] = 1; }), Fp()), "malformed");
  ExpectBad(codec.Decode("not*base64", Fp()), "not base64url");
  ExpectBad(codec.Decode(Base64UrlEncode("{not json"), Fp()), "not a cookie");
  ExpectBad(codec.Decode(Base64UrlEncode("[1,2]"), Fp()), "not a cookie");
  ExpectBad(codec.Decode("", Fp()), "empty");
  ExpectBad(codec.Decode(std::string(kMaxCookieLength + 1, 'A'), Fp()), "too long");
  std::string flipped = good;
  flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(codec.Decode(flipped, Fp()).ok());
}

TEST(PagedResultsCookieTest, BoundToTheQuery) {
  PagedResultsCookieCodec codec;
  std::string cookie = codec.Encode({"", 10, Fp()});
  std::string other = QueryFingerprint(ObjectClass::kAccount, "/Path sw \"/a/\"", {});
  ExpectBad(codec.Decode(cookie, other), "made for another query");
  EXPECT_NE(QueryFingerprint(ObjectClass::kGroup, "true", {}), Fp());
  EXPECT_NE(QueryFingerprint(ObjectClass::kAccount, "true", {SortKey{{"__NAME__"}, false}}), Fp());
  EXPECT_EQ(QueryFingerprint(ObjectClass::kAccount, "true", {}), Fp());
}

TEST(PagedResultsCookieTest, KeyedCodecRefusesCookiesOfOtherKeys) {
  PagedResultsCookieCodec a(SecretString("server-key-a"));
  PagedResultsCookieCodec b(SecretString("k"));
  PagedResultsCookieCodec unkeyed;
  std::string cookie = a.Encode({"m", 1, Fp()});
  EXPECT_TRUE(a.Decode(cookie, Fp()).ok());
  ExpectBad(b.Decode(cookie, Fp()), "check failed");
  ExpectBad(unkeyed.Decode(cookie, Fp()), "check failed");
  EXPECT_TRUE(b.Decode(b.Encode({"m", 1, Fp()}), Fp()).ok());
}

}  // namespace
}  // namespace aic::connector
