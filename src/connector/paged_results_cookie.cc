#include "aws_iam_connector/connector/paged_results_cookie.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "aws_iam_connector/json_text.h"
#include "common/text_codec.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMacBytes = 16;          // BLAKE2b-128
constexpr int kMaxCookieNesting = 2;           // a cookie is one flat object
constexpr std::size_t kFingerprintBytes = 16;  // BLAKE2b-128

Status Bad(std::string_view why) {
  return Status(ErrorCode::kInvalidInput, "bad _pagedResultsCookie: " + std::string(why));
}

std::string_view Bytes(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The MAC input: the fields as one JSON array (unambiguous).
std::string MacInput(std::string_view marker, std::int64_t offset, std::string_view fp) {
  return json::array({kPagedResultsCookieVersion, marker, offset, fp})
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

PagedResultsCookieCodec PagedResultsCookieCodec::WithRandomKey() {
  if (sodium_init() < 0) std::abort();  // no randomness: refuse to issue guessable cookies
  std::string key(kCookieKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  PagedResultsCookieCodec codec{SecretString(key)};
  WipeString(key);
  return codec;
}

PagedResultsCookieCodec::PagedResultsCookieCodec(SecretString key) : key_(std::move(key)) {
  if (key_.empty()) std::abort();  // a programming error: an unkeyed MAC can be recomputed
}

std::string PagedResultsCookieCodec::Mac(std::string_view marker, std::int64_t offset,
                                         std::string_view fingerprint) const {
  std::string input = MacInput(marker, offset, fingerprint);
  std::array<unsigned char, kMacBytes> digest{};
  std::string_view key = key_.Reveal();
  // Any key length works: the key is first hashed to crypto_generichash_KEYBYTES.
  std::array<unsigned char, crypto_generichash_KEYBYTES> derived{};
  crypto_generichash(derived.data(), derived.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     derived.data(), derived.size());
  sodium_memzero(derived.data(), derived.size());
  return text::Base64Encode(Bytes(digest.data(), digest.size()),
                            text::Base64Variant::kUrlNoPadding);
}

std::string PagedResultsCookieCodec::Encode(const PagedResultsCookie& cookie) const {
  const std::int64_t offset = std::clamp<std::int64_t>(cookie.offset, 0, kMaxCookieOffset);
  json doc = {{"v", kPagedResultsCookieVersion},
              {"m", cookie.marker},
              {"o", offset},
              {"q", cookie.fingerprint},
              {"c", Mac(cookie.marker, offset, cookie.fingerprint)}};
  return text::Base64Encode(doc.dump(-1, ' ', false, json::error_handler_t::replace),
                            text::Base64Variant::kUrlNoPadding);
}

Result<PagedResultsCookie> PagedResultsCookieCodec::Decode(
    std::string_view text, std::string_view expected_fingerprint) const {
  if (text.empty()) return Bad("empty");
  if (text.size() > kMaxCookieLength) return Bad("too long");
  auto bytes = text::Base64Decode(text, text::Base64Variant::kUrlNoPadding);
  if (!bytes) return Bad("not base64url");
  auto parsed = ParseJson(*bytes, kMaxCookieNesting);
  if (!parsed.ok() || !parsed->is_object()) return Bad("not a cookie");
  const json& doc = *parsed;
  auto v = doc.find("v");
  if (v == doc.end() || !JsonIntIn(*v, kPagedResultsCookieVersion, kPagedResultsCookieVersion)) {
    return Bad("unsupported version (cookies of another server version are not accepted)");
  }
  auto m = doc.find("m");
  auto o = doc.find("o");
  auto q = doc.find("q");
  auto c = doc.find("c");
  if (m == doc.end() || !m->is_string() || o == doc.end() || !o->is_number_integer() ||
      q == doc.end() || !q->is_string() || c == doc.end() || !c->is_string() || doc.size() != 5) {
    return Bad("malformed");
  }
  auto offset = JsonIntIn(*o, 0, kMaxCookieOffset);
  if (!offset) return Bad("offset out of range (0.." + std::to_string(kMaxCookieOffset) + ")");
  PagedResultsCookie cookie;
  cookie.marker = m->get<std::string>();
  cookie.offset = *offset;
  cookie.fingerprint = q->get<std::string>();
  std::string expected = Mac(cookie.marker, cookie.offset, cookie.fingerprint);
  const std::string& got = c->get_ref<const std::string&>();
  if (got.size() != expected.size() ||
      sodium_memcmp(got.data(), expected.data(), expected.size()) != 0) {
    return Bad(
        "forged or altered (or issued by another connector or before a server restart); "
        "start the search again without a cookie");
  }
  if (cookie.fingerprint != expected_fingerprint) {
    return Bad(
        "made for another query (object class, filter, _sortKeys, _fields and _pageSize must "
        "stay the same between pages)");
  }
  return cookie;
}

std::string QueryFingerprint(ObjectClass object_class, std::string_view canonical_filter,
                             const OperationOptions& options) {
  json keys = json::array();
  for (const SortKey& k : options.sort_keys) keys.push_back(k.ToString());
  std::string input = json::array({ObjectClassName(object_class), canonical_filter, keys,
                                   options.attributes_to_get, options.page_size})
                          .dump(-1, ' ', false, json::error_handler_t::replace);
  std::array<unsigned char, kFingerprintBytes> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  return text::HexEncode(Bytes(digest.data(), digest.size()));
}

}  // namespace aic::connector
