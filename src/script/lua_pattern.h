// Lua 5.4 pattern matching (reference manual §6.4.1) that counts its work: string.find, match,
// gmatch and gsub of the script sandbox. Lua's own matcher runs in C, where the count hook never
// fires, so a backtracking pattern could run for minutes past the time limit; this one calls
// `check` every kScriptPatternCheckSteps steps (one step: one pattern item tried at one subject
// position, one character of a %b scan, or 64 bytes of a plain find or back-reference), and
// `check` raises the run's limit error, which stops the matching.
//
// Semantics, results and error messages are those of the stock functions (checked by a
// differential test against them): classes %a %c %d %g %l %p %s %u %w %x (and 5.1's %z) and
// complements, sets with ranges and classes, `.`, anchors `^` and `$`, quantifiers * + - ?,
// captures and position captures, %b, %f, back-references %1-%9, at most 32 captures and 200 nested
// items ("pattern too complex"). Character classes use the C locale.
//
// Internal to src/script; the functions run under lua_pcall (errors are Lua errors).
#pragma once

#include <cstdint>

#include "script/lua_headers.h"

namespace aic::script {

// Pattern steps between two calls of the check.
inline constexpr std::uint32_t kScriptPatternCheckSteps = 4096;

// Called with the steps done since the previous call; raises a Lua error to stop.
using PatternCheck = void (*)(lua_State* L, std::uint32_t steps);

// Replaces find, match, gmatch and gsub of the string table at the top of the stack.
void InstallLuaPatterns(lua_State* L, PatternCheck check);

}  // namespace aic::script
