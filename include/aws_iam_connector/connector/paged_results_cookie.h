// Opaque paged-results cookies (`_pagedResultsCookie`, SPEC 4.6): where the next page of a
// search starts, so a client resumes exactly where the previous page ended.
//
// A cookie is the base64url (no padding) of a small JSON document:
//   {"v": 1, "m": IAM Marker ("" = start of the listing), "o": offset of the next result
//    within the results that start at that marker, "q": query fingerprint, "c": check}
// The check is a BLAKE2b-128 (libsodium crypto_generichash) of the other fields, keyed with the
// codec's key when it has one. Decoding refuses anything else: bad base64, bad JSON, a wrong
// version, wrong types, a negative offset, a check that does not match (a tampered cookie), a
// cookie longer than kMaxCookieLength, or a cookie made for another query (fingerprint
// mismatch). Without a key, the check catches corruption and hand edits that do not recompute
// it; with a key (a server secret), it also stops forged cookies.
//
// QueryFingerprint binds a cookie to the object class, the filter and the sort keys.
//
// Errors: Decode returns kInvalidInput ("bad _pagedResultsCookie: ...").
// Thread safety: the codec is immutable after construction; safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/connector/object_class.h"
#include "aws_iam_connector/connector/operation_options.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic::connector {

inline constexpr int kPagedResultsCookieVersion = 1;

struct PagedResultsCookie {
  std::string marker;       // the IAM Marker the page's listing started at; "" = first page
  std::int64_t offset = 0;  // results of that listing already returned
  std::string fingerprint;  // QueryFingerprint of the query that made it

  friend bool operator==(const PagedResultsCookie&, const PagedResultsCookie&) = default;
};

class PagedResultsCookieCodec {
 public:
  // An unkeyed codec (integrity against corruption and naive edits).
  PagedResultsCookieCodec() = default;
  // A keyed codec: cookies cannot be forged without `key`.
  explicit PagedResultsCookieCodec(SecretString key) : key_(std::move(key)) {}

  std::string Encode(const PagedResultsCookie& cookie) const;
  // `expected_fingerprint`: the fingerprint of the query the cookie is used with.
  Result<PagedResultsCookie> Decode(std::string_view text,
                                    std::string_view expected_fingerprint) const;

 private:
  std::string Check(std::string_view marker, std::int64_t offset,
                    std::string_view fingerprint) const;

  SecretString key_;
};

// A short stable digest (hex) of the query: object class, filter text and sort keys.
std::string QueryFingerprint(ObjectClass object_class, std::string_view canonical_filter,
                             const std::vector<SortKey>& sort_keys);

// base64url without padding, as the cookie uses (exposed for tests).
std::string Base64UrlEncode(std::string_view bytes);
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace aic::connector
