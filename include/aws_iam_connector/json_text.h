// The one way JSON text is parsed (request bodies, configuration files, cookies, CLI arguments):
// every parse site calls ParseJson / ParseOrderedJson so bad input is always a value, never an
// exception and never a number that does not fit.
//
// Refused with kInvalidInput: empty text, malformed JSON, nesting deeper than `max_depth`
// (checked before parsing, so deep input cannot exhaust the stack), and numbers that do not fit a
// double (1e999, -1e999: nlohmann throws out_of_range for them). The message names where:
//   "PATH: number out of range (byte N)", "(document): malformed JSON at byte N", ...
// where PATH is the dotted path of the member ("configurationProperties.pageSize", "a[2].b";
// "(document)" at the top level). Messages never contain a JSON value, only member names.
//
// Integers that exceed a field's type are refused where the field is read: JsonIntIn returns
// nullopt for anything but an integer (signed or unsigned, no float) within [min, max].
//
// WipeJsonStrings overwrites every string value of a document (sodium_memzero) before it is
// destroyed: for parsed configuration documents that held secrets.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic {

// Default deepest nesting of objects and arrays accepted.
inline constexpr int kDefaultMaxJsonNesting = 64;

Result<nlohmann::json> ParseJson(std::string_view text, int max_depth = kDefaultMaxJsonNesting);
Result<nlohmann::ordered_json> ParseOrderedJson(std::string_view text,
                                                int max_depth = kDefaultMaxJsonNesting);

// `v` as an integer in [min, max]; nullopt for another type, a float, or a value out of range
// (including integers beyond int64/uint64 that nlohmann stored as floats).
template <typename Json>
std::optional<std::int64_t> JsonIntIn(const Json& v, std::int64_t min, std::int64_t max) {
  if (v.is_number_unsigned()) {
    auto u = v.template get<std::uint64_t>();
    if (max < 0 || u > static_cast<std::uint64_t>(max)) return std::nullopt;
    auto i = static_cast<std::int64_t>(u);
    return i < min ? std::nullopt : std::optional<std::int64_t>(i);
  }
  if (!v.is_number_integer()) return std::nullopt;
  auto i = v.template get<std::int64_t>();
  if (i < min || i > max) return std::nullopt;
  return i;
}

template <typename Json>
void WipeJsonStrings(Json& doc) {
  std::vector<Json*> todo{&doc};  // iterative: no recursion on deep documents
  while (!todo.empty()) {
    Json* j = todo.back();
    todo.pop_back();
    if (j->is_string()) {
      WipeString(j->template get_ref<typename Json::string_t&>());
    } else if (j->is_structured()) {
      for (auto& child : *j) todo.push_back(&child);
    }
  }
}

}  // namespace aic
