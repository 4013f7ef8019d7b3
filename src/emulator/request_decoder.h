// Decoding of AWS Query-protocol parameters: application/x-www-form-urlencoded bodies (POST)
// and query strings (GET) into the ActionRequest::params map.
//
// Rules: pairs split on '&', name and value on the first '=', '+' is a space, %XX escapes are
// decoded (hex digits of either case). Empty pairs ("a=1&&b=2") are skipped; a pair with an
// empty name is an error. A name may be given only once, counting the names already in
// `params`: the front decodes the query string and then the body into one map, so a name in
// both (or twice in either) is refused. AWS SDKs never repeat a name (the Query protocol
// numbers list members), so a repeat can only be ambiguity or tampering ("which one wins?").
//
// Bounds (untrusted input): at most kMaxQueryParams parameters in all (those already in
// `params` included) and names of at most
// kMaxQueryParamNameBytes bytes; the text itself is bounded by the HTTP server's body limit.
//
// Errors: kInvalidInput with a short reason (never echoing the input) for a malformed escape
// ("%G1", "%4"), an empty name, too many parameters or an over-long name; kConflict for a
// repeated name.
//
// Thread safety: stateless functions.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "aws_iam_connector/status.h"

namespace aic::emulator {

inline constexpr std::size_t kMaxQueryParams = 1000;
inline constexpr std::size_t kMaxQueryParamNameBytes = 256;

// Adds the parameters of `text` to `params` (a name already there is an error, see above).
Status DecodeQueryParams(std::string_view text, std::map<std::string, std::string>& params);

// True for "application/x-www-form-urlencoded", any case, with optional parameters such as
// "; charset=utf-8".
bool IsFormUrlEncoded(std::string_view content_type);

}  // namespace aic::emulator
