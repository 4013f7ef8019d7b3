#include "policy/wildcard.h"

#include <cstddef>

#include "policy/policy_engine.h"

namespace aic::policy::internal {
namespace {

// Length of the UTF-8 sequence starting at `c` (1 for ASCII and for stray continuation bytes).
inline std::size_t Utf8Length(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

template <class IsLiteral, class Eq>
bool Match(std::string_view p, std::string_view v, IsLiteral is_literal, Eq eq) {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t pi = 0;
  std::size_t vi = 0;
  std::size_t star = kNone;  // pattern index just after the last '*'
  std::size_t mark = 0;      // value index the last '*' currently stops at
  while (vi < v.size()) {
    if (pi < p.size() && p[pi] == '*' && !is_literal(pi)) {
      star = ++pi;
      mark = vi;
      continue;
    }
    if (pi < p.size()) {
      if (p[pi] == '?' && !is_literal(pi)) {
        const std::size_t n = Utf8Length(static_cast<unsigned char>(v[vi]));
        if (vi + n <= v.size()) {
          ++pi;
          vi += n;
          continue;
        }
      } else if (eq(p[pi], v[vi])) {
        ++pi;
        ++vi;
        continue;
      }
    }
    if (star == kNone) return false;
    pi = star;
    vi = ++mark;
  }
  while (pi < p.size() && p[pi] == '*' && !is_literal(pi)) ++pi;
  return pi == p.size();
}

}  // namespace

bool PlainWildcardMatch(std::string_view pattern, std::string_view value, bool case_insensitive) {
  auto no_literal = [](std::size_t) { return false; };
  if (case_insensitive) {
    return Match(pattern, value, no_literal,
                 [](char a, char b) { return AsciiLower(a) == AsciiLower(b); });
  }
  return Match(pattern, value, no_literal, [](char a, char b) { return a == b; });
}

bool MaskedWildcardMatch(std::string_view pattern, std::string_view literal,
                         std::string_view value) {
  if (literal.empty()) return PlainWildcardMatch(pattern, value, false);
  return Match(
      pattern, value, [&](std::size_t i) { return literal[i] != 0; },
      [](char a, char b) { return a == b; });
}

}  // namespace aic::policy::internal

namespace aic::policy {

bool WildcardMatch(std::string_view pattern, std::string_view value, bool case_insensitive) {
  return internal::PlainWildcardMatch(pattern, value, case_insensitive);
}

}  // namespace aic::policy
