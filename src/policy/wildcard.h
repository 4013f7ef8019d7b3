// AWS's wildcard matching for Action, Resource, StringLike and ArnLike values: '*' matches any run
// of characters (also none), '?' exactly one character (one UTF-8 code point); every other
// character matches itself.
//
// The algorithm is the iterative two-pointer match with one backtrack point (the last '*'):
// O(|pattern| * |value|) worst case, no recursion, no allocation -- no exponential blow-up on
// patterns like "*a*a*a*a*b".
//
// MaskedWildcardMatch is the same match for a pattern built by policy-variable substitution: a
// character whose `literal` byte is non-zero matches only itself even if it is '*' or '?' (the
// text of ${*}, ${?} and of substituted values).
#pragma once

#include <string_view>

#include "common/text_codec.h"

namespace aic::policy::internal {

// `case_insensitive`: ASCII letters compare without case (actions); callers that pre-lower both
// sides pass false (the faster path).
bool PlainWildcardMatch(std::string_view pattern, std::string_view value, bool case_insensitive);

// `literal` has the length of `pattern` (or is empty: no literal characters).
bool MaskedWildcardMatch(std::string_view pattern, std::string_view literal,
                         std::string_view value);

// Whether `text` has a '*' or '?' (a pattern that is not plain text).
inline bool HasWildcard(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

using text::AsciiLower;  // one home: common/text_codec.h

}  // namespace aic::policy::internal
