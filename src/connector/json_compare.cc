#include "connector/json_compare.h"

#include <algorithm>
#include <vector>

#include "common/text_codec.h"

namespace aic::connector::internal {
namespace {

bool IsNoValue(const nlohmann::json* v) {
  return v == nullptr || v->is_null() || (v->is_array() && v->empty());
}

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return text::EqualsIgnoreCase(a, b);
}

int CompareIgnoreCase(std::string_view a, std::string_view b) {
  return text::CompareIgnoreCase(a, b);
}

bool StartsWith(std::string_view s, std::string_view prefix, bool ignore_case) {
  return ignore_case ? text::StartsWithIgnoreCase(s, prefix) : s.starts_with(prefix);
}

bool Contains(std::string_view s, std::string_view needle, bool ignore_case) {
  if (!ignore_case) return s.find(needle) != std::string_view::npos;
  if (needle.empty()) return true;
  auto it = std::search(s.begin(), s.end(), needle.begin(), needle.end(),
                        [](char x, char y) { return text::AsciiLower(x) == text::AsciiLower(y); });
  return it != s.end();
}

std::optional<int> CompareJson(const nlohmann::json& a, const nlohmann::json& b, bool ignore_case) {
  if (a.is_string() && b.is_string()) {
    const auto& x = a.get_ref<const std::string&>();
    const auto& y = b.get_ref<const std::string&>();
    if (ignore_case) return CompareIgnoreCase(x, y);
    int c = x.compare(y);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a.is_number() && b.is_number()) {
    if (a.is_number_integer() && b.is_number_integer()) {
      // Compare in the widest integer form to keep 64-bit values exact.
      if (a.is_number_unsigned() || b.is_number_unsigned()) {
        bool a_neg = a.is_number_integer() && !a.is_number_unsigned() && a.get<std::int64_t>() < 0;
        bool b_neg = b.is_number_integer() && !b.is_number_unsigned() && b.get<std::int64_t>() < 0;
        if (a_neg != b_neg) return a_neg ? -1 : 1;
        if (a_neg) {
          auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
          return x < y ? -1 : (x > y ? 1 : 0);
        }
        auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
        return x < y ? -1 : (x > y ? 1 : 0);
      }
      auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.is_boolean() && b.is_boolean()) {
    bool x = a.get<bool>(), y = b.get<bool>();
    return x == y ? 0 : (x ? 1 : -1);
  }
  return std::nullopt;
}

bool SameValue(const nlohmann::json* a, const nlohmann::json* b, bool ignore_case) {
  if (IsNoValue(a) || IsNoValue(b)) return IsNoValue(a) && IsNoValue(b);
  if (a->is_array() || b->is_array()) {
    std::vector<nlohmann::json> x =
        a->is_array() ? a->get<std::vector<nlohmann::json>>() : std::vector<nlohmann::json>{*a};
    std::vector<nlohmann::json> y =
        b->is_array() ? b->get<std::vector<nlohmann::json>>() : std::vector<nlohmann::json>{*b};
    if (x.size() != y.size()) return false;
    std::vector<bool> used(y.size(), false);
    for (const auto& e : x) {
      bool found = false;
      for (std::size_t i = 0; i < y.size() && !found; ++i) {
        if (!used[i] && SameValue(&e, &y[i], ignore_case)) used[i] = found = true;
      }
      if (!found) return false;
    }
    return true;
  }
  if (a->is_string() && b->is_string() && ignore_case) {
    return EqualsIgnoreCase(a->get_ref<const std::string&>(), b->get_ref<const std::string&>());
  }
  return *a == *b;
}

}  // namespace aic::connector::internal
