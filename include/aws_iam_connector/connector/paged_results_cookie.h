// Opaque paged-results cookies (`_pagedResultsCookie`, SPEC 4.6): where the next page of a
// search starts, so a client resumes exactly where the previous page ended.
//
// A cookie is the base64url (no padding) of a small JSON document:
//   {"v": 2, "m": IAM Marker ("" = start of the listing), "o": offset of the next result
//    within the results that start at that marker, "q": query fingerprint, "c": MAC}
// The MAC is a keyed BLAKE2b-128 (libsodium crypto_generichash) of the other fields under the
// codec's secret key. A codec always has a key: WithRandomKey() draws 32 random bytes, so a
// cookie is valid only for the codec that issued it. The AWS connector holds one codec per
// connector instance: a cookie is bound to its connector (another connector's cookie fails the
// MAC) and to the server process (a restart invalidates outstanding cookies; clients start
// over). QueryFingerprint binds a cookie to its query.
//
// Decode refuses, with kInvalidInput ("bad _pagedResultsCookie: ..."): an empty cookie or one
// longer than kMaxCookieLength, bad base64, bad JSON (ParseJson), another version, missing,
// extra or wrongly typed members, an offset outside 0..kMaxCookieOffset, a MAC that does not
// match (forged, altered, issued by another connector or before a restart), and a cookie made
// for another query (fingerprint mismatch). The MAC is checked in constant time before the
// fingerprint, so a forged cookie never reaches the search.
//
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

inline constexpr int kPagedResultsCookieVersion = 2;
// Largest offset a cookie may carry: results skipped within one IAM listing page (at most
// 1000) or within the sorted results of a query. Far above any IAM account's object count.
inline constexpr std::int64_t kMaxCookieOffset = 1'000'000;
// Bytes of a random codec key.
inline constexpr std::size_t kCookieKeyBytes = 32;

struct PagedResultsCookie {
  std::string marker;       // the IAM Marker the page's listing started at; "" = first page
  std::int64_t offset = 0;  // results of that listing already returned (0..kMaxCookieOffset)
  std::string fingerprint;  // QueryFingerprint of the query that made it

  friend bool operator==(const PagedResultsCookie&, const PagedResultsCookie&) = default;
};

class PagedResultsCookieCodec {
 public:
  // A codec with kCookieKeyBytes fresh random bytes as its key.
  static PagedResultsCookieCodec WithRandomKey();
  // A codec keyed with `key` (must not be empty; any length, it is hashed to the MAC key).
  explicit PagedResultsCookieCodec(SecretString key);

  // `cookie.offset` must be in 0..kMaxCookieOffset (callers clamp; a larger one is clamped).
  std::string Encode(const PagedResultsCookie& cookie) const;
  // `expected_fingerprint`: the fingerprint of the query the cookie is used with.
  Result<PagedResultsCookie> Decode(std::string_view text,
                                    std::string_view expected_fingerprint) const;

 private:
  std::string Mac(std::string_view marker, std::int64_t offset, std::string_view fingerprint) const;

  SecretString key_;
};

// A short stable digest (hex) of everything that shapes a query's pages: the object class, the
// canonical filter text, the sort keys, the attributes to get and the page size.
std::string QueryFingerprint(ObjectClass object_class, std::string_view canonical_filter,
                             const OperationOptions& options);

}  // namespace aic::connector
