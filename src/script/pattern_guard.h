// PatternGuard: Lua's pattern matcher (string.find/match/gmatch/gsub) runs in C, where the
// instruction hook never fires, and patterns like ".-.-.-b" cost O(n^k) on an n-byte subject.
// InstallPatternGuard wraps those four functions: before matching it bounds the worst-case work
// as n^k (k = the pattern's `*`, `+`, `-` quantifiers and `%b`s, plus one when the search is not
// anchored with `^`) and raises "pattern too complex for a subject of N bytes" above
// kScriptMaxPatternWork. Plain finds (string.find(s, p, init, true)) are not limited.
// Internal to src/script; runs under lua_pcall.
#pragma once

#include <string_view>

#include "script/lua_headers.h"

namespace aic::script {

inline constexpr double kScriptMaxPatternWork = 2e9;

// k of the file comment for `pattern` (0 when it has no quantifier).
int PatternQuantifiers(std::string_view pattern);

// Replaces find/match/gmatch/gsub of the string table at the top of the stack.
void InstallPatternGuard(lua_State* L);

}  // namespace aic::script
