// text_codec: the one home of the project's text encodings: percent-encoding, hex, base64,
// ISO 8601 and AWS dates, ASCII case folding. Pure functions with no I/O and no locale (ASCII
// only), safe to call from any thread.
//
//   text::PercentEncode("a b/c")                      == "a%20b%2Fc"   (RFC 3986, SigV4)
//   text::PercentDecodeStrict("a+b%21", Plus::kSpace) == "a b!"         (form decoding)
//   text::NormalizeIso8601("2024-01-02T03:04:05.123+01:00") == "2024-01-02T02:04:05Z"
//
// Errors: a *Strict decoder or a parser returns nullopt for input it cannot decode whole; the
// lenient percent decoder keeps a malformed escape as literal text (SigV4 canonicalisation
// relies on it). No function throws except std::bad_alloc.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aic::text {

// ---- percent-encoding (RFC 3986) ----
// Keeps A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash); everything else is %XX, upper-case hex,
// a space as %20 (never '+'). What SigV4 and AWS's query protocol require.
std::string PercentEncode(std::string_view s, bool keep_slash = false);
// What '+' means to a decoder: itself (paths, SigV4) or a space (form and query strings).
enum class Plus { kLiteral, kSpace };
// A malformed or truncated escape is kept as it is.
std::string PercentDecodeLenient(std::string_view s, Plus plus = Plus::kLiteral);
// nullopt for a malformed or truncated escape.
std::optional<std::string> PercentDecodeStrict(std::string_view s, Plus plus);

// ---- hex ----
// 0-15 for a hex digit (either case), -1 otherwise.
int HexDigitValue(char c);
// Lower-case hex of every byte.
std::string HexEncode(std::string_view bytes);
// Even length, either case; nullopt otherwise.
std::optional<std::string> HexDecode(std::string_view hex);

// ---- base64 (libsodium's codec) ----
enum class Base64Variant { kStandard, kUrlNoPadding };
std::string Base64Encode(std::string_view bytes, Base64Variant variant = Base64Variant::kStandard);
// Strict: the whole input must decode (padding as the variant says, no spaces).
std::optional<std::string> Base64Decode(std::string_view text,
                                        Base64Variant variant = Base64Variant::kStandard);

// ---- dates (UTC, proleptic Gregorian, no time zone database) ----
using TimePoint = std::chrono::system_clock::time_point;
// "YYYY-MM-DDTHH:MM:SSZ", the form IAM uses. Seconds since the epoch, or a time point
// (truncated to the second).
std::string FormatIso8601(std::int64_t unix_seconds);
std::string FormatIso8601(TimePoint t);
// "YYYYMMDDTHHMMSSZ" (X-Amz-Date).
std::string FormatAmzDate(TimePoint t);
// Exactly "YYYYMMDDTHHMMSSZ", a real calendar day, years 1970..kMaxYear; nullopt otherwise.
std::optional<TimePoint> ParseAmzDate(std::string_view s);
// ISO 8601 date-time as AWS and its SDKs write it: "YYYY-MM-DD" 'T' (or 't' or ' ')
// "HH:MM:SS", an optional fraction ('.' or ',', dropped), then 'Z', 'z', nothing (UTC), or an
// offset "+hh", "+hhmm", "+hh:mm". A real calendar day, hours 0-23, minutes 0-59, seconds
// 0-60, years kMinYear..kMaxYear (inside system_clock's range); nullopt otherwise.
std::optional<TimePoint> ParseIso8601(std::string_view s);
// ParseIso8601 then FormatIso8601 (whitespace around it ignored); the input, trimmed, when it
// does not parse (IAM dates are shown as AWS sent them rather than lost).
std::string NormalizeIso8601(std::string_view s);
inline constexpr int kMinYear = 1900;  // system_clock (nanoseconds) spans 1678..2261
inline constexpr int kMaxYear = 2200;

// ---- markup (XML, HTML) ----
// Appends `text` with &, <, >, " and ' escaped (&amp; &lt; &gt; &quot; &apos;): safe as element
// text and as a quoted attribute value in XML and in HTML5.
void AppendMarkupEscaped(std::string& out, std::string_view text);

// ---- whitespace ----
// Without ASCII whitespace (space, \t, \n, \r, \f) at both ends.
std::string_view TrimAsciiSpace(std::string_view s);

// ---- ASCII case folding ----
inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string AsciiLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Orders by the lower-cased unsigned bytes: <0, 0, >0.
int CompareIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

}  // namespace aic::text
