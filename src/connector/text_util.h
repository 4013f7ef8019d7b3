// Internal text helpers of the connector framework.
//
// Input echoed in error messages goes through SafeEcho, so a message is always valid UTF-8
// (it ends up in JSON responses) and bounded in length.
//
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aic::connector::internal {

// Input echoed in messages is cut to this many bytes.
inline constexpr std::size_t kMaxEchoLength = 80;

// The length of the valid UTF-8 sequence starting at `at` (a byte >= 0x80), or 0 if invalid
// (bad lead or continuation byte, overlong form, surrogate, or beyond U+10FFFF).
std::size_t Utf8SequenceLength(std::string_view text, std::size_t at);

// `text` cut to at most `max` bytes on a character boundary ("..." appended when cut), with
// invalid UTF-8 bytes and control characters replaced by '?'.
std::string SafeEcho(std::string_view text, std::size_t max = kMaxEchoLength);

}  // namespace aic::connector::internal
