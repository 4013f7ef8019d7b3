// Typed readings of condition values, as the condition operators compare them
// (reference_policies_elements_condition_operators.html):
//  - numbers: decimal integers or decimals ("10", "-2.5");
//  - dates: the W3C profile of ISO 8601 (YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss[.s]]TZD with TZD 'Z'
//    or +hh:mm / -hh:mm; no TZD means UTC) or epoch seconds (digits, optionally a fraction): a
//    value of digits only is read as epoch seconds;
//  - IP addresses: IPv4 or IPv6, optionally with a /prefix (CIDR); without one the whole
//    address (/32, /128).
// Each parse fails (nullopt) on anything else; a value that does not parse matches nothing.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace aic::policy::internal {

std::optional<double> ParseNumber(std::string_view text);

// Seconds since 1970-01-01T00:00:00Z.
std::optional<double> ParseDate(std::string_view text);

struct IpRange {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // v4: the first 4 bytes
  int prefix = 0;                        // bits that must match
};
std::optional<IpRange> ParseIpRange(std::string_view text);
// Whether `address` (a range whose prefix is ignored) lies in `range`.
bool IpInRange(const IpRange& range, const IpRange& address);

}  // namespace aic::policy::internal
