#include "aws_iam_connector/connector/paged_results_cookie.h"

#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>

namespace aic::connector {
namespace {

using json = nlohmann::json;

constexpr std::size_t kCheckBytes = 16;        // BLAKE2b-128
constexpr std::size_t kFingerprintBytes = 16;  // BLAKE2b-128

Status Bad(std::string_view why) {
  return Status(ErrorCode::kInvalidInput, "bad _pagedResultsCookie: " + std::string(why));
}

std::string Hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

// Fields joined with a separator that cannot appear in their JSON encoding.
std::string CheckInput(std::string_view marker, std::int64_t offset, std::string_view fp) {
  return json::array({kPagedResultsCookieVersion, marker, offset, fp})
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::size_t size =
      sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(size - 1);  // drop the terminating NUL
  return out;
}

Result<std::string> Base64UrlDecode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &size, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return Bad("not base64url");
  }
  out.resize(size);
  return out;
}

std::string PagedResultsCookieCodec::Check(std::string_view marker, std::int64_t offset,
                                           std::string_view fingerprint) const {
  std::string input = CheckInput(marker, offset, fingerprint);
  std::array<unsigned char, kCheckBytes> digest{};
  std::string_view key = key_.Reveal();
  // Any key length works: the key is first hashed to crypto_generichash_KEYBYTES.
  std::array<unsigned char, crypto_generichash_KEYBYTES> derived{};
  if (!key.empty()) {
    crypto_generichash(derived.data(), derived.size(),
                       reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
  }
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                     key.empty() ? nullptr : derived.data(), key.empty() ? 0 : derived.size());
  sodium_memzero(derived.data(), derived.size());
  return Base64UrlEncode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string PagedResultsCookieCodec::Encode(const PagedResultsCookie& cookie) const {
  json doc = {{"v", kPagedResultsCookieVersion},
              {"m", cookie.marker},
              {"o", cookie.offset},
              {"q", cookie.fingerprint},
              {"c", Check(cookie.marker, cookie.offset, cookie.fingerprint)}};
  return Base64UrlEncode(doc.dump(-1, ' ', false, json::error_handler_t::replace));
}

Result<PagedResultsCookie> PagedResultsCookieCodec::Decode(
    std::string_view text, std::string_view expected_fingerprint) const {
  if (text.empty()) return Bad("empty");
  if (text.size() > kMaxCookieLength) return Bad("too long");
  auto bytes = Base64UrlDecode(text);
  if (!bytes.ok()) return bytes.status();
  json doc = json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return Bad("not a cookie");
  auto v = doc.find("v");
  if (v == doc.end() || !v->is_number_integer()) return Bad("no version");
  if (v->get<std::int64_t>() != kPagedResultsCookieVersion) return Bad("unsupported version");
  auto m = doc.find("m");
  auto o = doc.find("o");
  auto q = doc.find("q");
  auto c = doc.find("c");
  if (m == doc.end() || !m->is_string() || o == doc.end() || !o->is_number_integer() ||
      q == doc.end() || !q->is_string() || c == doc.end() || !c->is_string() || doc.size() != 5) {
    return Bad("malformed");
  }
  PagedResultsCookie cookie;
  cookie.marker = m->get<std::string>();
  cookie.offset = o->get<std::int64_t>();
  cookie.fingerprint = q->get<std::string>();
  if (cookie.offset < 0) return Bad("negative offset");
  std::string expected = Check(cookie.marker, cookie.offset, cookie.fingerprint);
  const std::string& got = c->get_ref<const std::string&>();
  if (got.size() != expected.size() ||
      sodium_memcmp(got.data(), expected.data(), expected.size()) != 0) {
    return Bad("check failed (tampered)");
  }
  if (cookie.fingerprint != expected_fingerprint) return Bad("made for another query");
  return cookie;
}

std::string QueryFingerprint(ObjectClass object_class, std::string_view canonical_filter,
                             const std::vector<SortKey>& sort_keys) {
  json keys = json::array();
  for (const SortKey& k : sort_keys) keys.push_back(k.ToString());
  std::string input = json::array({ObjectClassName(object_class), canonical_filter, keys})
                          .dump(-1, ' ', false, json::error_handler_t::replace);
  std::array<unsigned char, kFingerprintBytes> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr,
                     0);
  return Hex(digest.data(), digest.size());
}

}  // namespace aic::connector
