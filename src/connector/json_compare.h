// Internal helpers of the connector framework: comparison of JSON values as the filter
// evaluator, the sorter and the validator need them.
//
// Strings compare byte-wise, or ASCII-case-insensitively when asked (IAM names). Numbers compare
// numerically across integer and floating representations. Values of different kinds are
// unordered (CompareJson returns nullopt).
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace aic::connector::internal {

bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// <0, 0, >0 as a compares to b, ASCII case folded.
int CompareIgnoreCase(std::string_view a, std::string_view b);
bool StartsWith(std::string_view s, std::string_view prefix, bool ignore_case);
bool Contains(std::string_view s, std::string_view needle, bool ignore_case);

// Orders two scalar values of the same kind (string, number, boolean); nullopt otherwise.
std::optional<int> CompareJson(const nlohmann::json& a, const nlohmann::json& b, bool ignore_case);

// Equality where arrays compare as multisets, strings optionally without case, and null,
// a missing value and an empty array are all "no value".
bool SameValue(const nlohmann::json* a, const nlohmann::json* b, bool ignore_case);

}  // namespace aic::connector::internal
