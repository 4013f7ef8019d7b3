#include "common/text_codec.h"

#include <sodium.h>

#include <algorithm>
#include <array>

namespace aic::text {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// n decimal digits at pos, or -1.
int Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

std::optional<TimePoint> MakeTime(int year, int month, int day, int hour, int minute, int second,
                                  long offset_seconds) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year(year),
                                  std::chrono::month(static_cast<unsigned>(month)),
                                  std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  auto tp = std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
            std::chrono::seconds(second) - std::chrono::seconds(offset_seconds);
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(tp);
}

struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
};

Civil ToCivil(std::int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds(unix_seconds)};
  const sys_days day_start = floor<days>(t);
  const year_month_day ymd(day_start);
  const auto in_day = static_cast<std::int64_t>((t - day_start).count());
  return Civil{static_cast<int>(ymd.year()),
               static_cast<unsigned>(ymd.month()),
               static_cast<unsigned>(ymd.day()),
               static_cast<unsigned>(in_day / 3600),
               static_cast<unsigned>(in_day / 60 % 60),
               static_cast<unsigned>(in_day % 60)};
}

void PutDigits(char* out, unsigned value, int n) {
  for (int i = n - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

std::int64_t UnixSeconds(TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string PercentEncode(std::string_view s, bool keep_slash) {
  std::string out;
  out.reserve(s.size() + s.size() / 2);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (c == '/' && keep_slash)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHexUpper[c >> 4]);
      out.push_back(kHexUpper[c & 0x0f]);
    }
  }
  return out;
}

std::string PercentDecodeLenient(std::string_view s, Plus plus) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      int hi = HexDigitValue(s[i + 1]);
      int lo = HexDigitValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>((hi << 4) | lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus == Plus::kSpace && c == '+' ? ' ' : c);
  }
  return out;
}

std::optional<std::string> PercentDecodeStrict(std::string_view s, Plus plus) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = HexDigitValue(s[i + 1]);
      int lo = HexDigitValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>((hi << 4) | lo));
      i += 2;
    } else {
      out.push_back(plus == Plus::kSpace && c == '+' ? ' ' : c);
    }
  }
  return out;
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string HexEncode(std::string_view bytes) {
  std::string out(bytes.size() * 2, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHexLower[b >> 4];
    out[2 * i + 1] = kHexLower[b & 0x0f];
  }
  return out;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = HexDigitValue(hex[2 * i]);
    int lo = HexDigitValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>((hi << 4) | lo);
  }
  return out;
}

std::string Base64Encode(std::string_view bytes, Base64Variant variant) {
  const int v = variant == Base64Variant::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                                    : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), v), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), v);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text, Base64Variant variant) {
  const int v = variant == Base64Variant::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                                    : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, v) != 0 ||
      end != text.data() + text.size()) {
    sodium_memzero(out.data(), out.size());  // it may hold part of a secret
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string FormatIso8601(std::int64_t unix_seconds) {
  const Civil c = ToCivil(unix_seconds);
  std::string out = "0000-00-00T00:00:00Z";
  if (c.year < 0 || c.year > 9999) return std::to_string(unix_seconds);  // out of ISO's range
  PutDigits(&out[0], static_cast<unsigned>(c.year), 4);
  PutDigits(&out[5], c.month, 2);
  PutDigits(&out[8], c.day, 2);
  PutDigits(&out[11], c.hour, 2);
  PutDigits(&out[14], c.minute, 2);
  PutDigits(&out[17], c.second, 2);
  return out;
}

std::string FormatIso8601(TimePoint t) { return FormatIso8601(UnixSeconds(t)); }

std::string FormatAmzDate(TimePoint t) {
  const Civil c = ToCivil(UnixSeconds(t));
  std::string out = "00000000T000000Z";
  PutDigits(&out[0], static_cast<unsigned>(c.year), 4);
  PutDigits(&out[4], c.month, 2);
  PutDigits(&out[6], c.day, 2);
  PutDigits(&out[9], c.hour, 2);
  PutDigits(&out[11], c.minute, 2);
  PutDigits(&out[13], c.second, 2);
  return out;
}

std::optional<TimePoint> ParseAmzDate(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  const int year = Digits(s, 0, 4);
  if (year < 1970) return std::nullopt;
  return MakeTime(year, Digits(s, 4, 2), Digits(s, 6, 2), Digits(s, 9, 2), Digits(s, 11, 2),
                  Digits(s, 13, 2), 0);
}

std::optional<TimePoint> ParseIso8601(std::string_view s) {
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[13] != ':' || s[16] != ':' ||
      (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == digits_start) return std::nullopt;
  }
  long offset = 0;
  if (pos == s.size() || ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size())) {
    // UTC
  } else if (s[pos] == '+' || s[pos] == '-') {
    std::size_t p = pos + 1;
    const int oh = Digits(s, p, 2);
    if (oh < 0 || oh > 23) return std::nullopt;
    p += 2;
    int om = 0;
    if (p < s.size()) {
      if (s[p] == ':') ++p;
      om = Digits(s, p, 2);
      if (om < 0 || om > 59) return std::nullopt;
      p += 2;
    }
    if (p != s.size()) return std::nullopt;
    offset = (oh * 3600L + om * 60L) * (s[pos] == '+' ? 1 : -1);
  } else {
    return std::nullopt;
  }
  return MakeTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2),
                  Digits(s, 14, 2), Digits(s, 17, 2), offset);
}

std::string NormalizeIso8601(std::string_view s) {
  s = TrimAsciiSpace(s);
  auto t = ParseIso8601(s);
  return t ? FormatIso8601(*t) : std::string(s);
}

std::string_view TrimAsciiSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

int CompareIgnoreCase(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto x = static_cast<unsigned char>(AsciiLower(a[i]));
    auto y = static_cast<unsigned char>(AsciiLower(b[i]));
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

void AppendMarkupEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace aic::text
