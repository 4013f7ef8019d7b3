#include "policy/condition_values.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <string>

namespace aic::policy::internal {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Reads exactly `n` digits at `pos`.
bool ReadDigits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseDate(std::string_view s) {
  if (s.empty()) return std::nullopt;
  // Epoch seconds: digits, optionally with a fraction.
  const std::size_t dot = s.find('.');
  if (AllDigits(s.substr(0, dot)) &&
      (dot == std::string_view::npos || AllDigits(s.substr(dot + 1)))) {
    return ParseNumber(s);
  }
  std::size_t pos = 0;
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  double fraction = 0;
  if (!ReadDigits(s, pos, 4, year)) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos++] != '-' || !ReadDigits(s, pos, 2, month)) return std::nullopt;
    if (pos < s.size()) {
      if (s[pos++] != '-' || !ReadDigits(s, pos, 2, day)) return std::nullopt;
    }
  }
  int offset_minutes = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't') return std::nullopt;
    ++pos;
    if (!ReadDigits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' ||
        !ReadDigits(s, pos, 2, minute)) {
      return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!ReadDigits(s, pos, 2, second)) return std::nullopt;
      if (pos < s.size() && s[pos] == '.') {
        const std::size_t start = pos;
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start + 1) return std::nullopt;
        fraction = ParseNumber("0" + std::string(s.substr(start, pos - start))).value_or(0);
      }
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!ReadDigits(s, pos, 2, oh)) return std::nullopt;
        if (pos < s.size() && s[pos] == ':') ++pos;
        if (!ReadDigits(s, pos, 2, om)) return std::nullopt;
        offset_minutes = sign * (oh * 60 + om);
      } else {
        return std::nullopt;
      }
    }
  }
  if (pos != s.size()) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const double secs = static_cast<double>(days) * 86400.0 + hour * 3600.0 + minute * 60.0 + second -
                      offset_minutes * 60.0 + fraction;
  return secs;
}

std::optional<IpRange> ParseIpRange(std::string_view text) {
  IpRange r;
  std::string_view addr = text;
  int prefix = -1;
  const std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    addr = text.substr(0, slash);
    const std::string_view p = text.substr(slash + 1);
    if (!AllDigits(p) || p.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : p) prefix = prefix * 10 + (c - '0');
  }
  if (addr.empty() || addr.size() > 64) return std::nullopt;
  char buf[65];
  std::memcpy(buf, addr.data(), addr.size());
  buf[addr.size()] = '\0';
  if (addr.find(':') != std::string_view::npos) {
    r.v6 = true;
    if (inet_pton(AF_INET6, buf, r.bytes.data()) != 1) return std::nullopt;
    if (prefix > 128) return std::nullopt;
    r.prefix = prefix < 0 ? 128 : prefix;
  } else {
    if (inet_pton(AF_INET, buf, r.bytes.data()) != 1) return std::nullopt;
    if (prefix > 32) return std::nullopt;
    r.prefix = prefix < 0 ? 32 : prefix;
  }
  return r;
}

bool IpInRange(const IpRange& range, const IpRange& address) {
  if (range.v6 != address.v6) return false;
  int bits = range.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xFF : static_cast<std::uint8_t>(0xFF << (8 - bits));
    if ((range.bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

}  // namespace aic::policy::internal
