// OperationOptions: the CREST request parameters every operation takes, parsed and checked
// once: `_fields` (attributes to get), `_pageSize`, `_pagedResultsCookie` and `_sortKeys`.
//
//   _fields      comma-separated fields, with or without leading '/'; empty or "*" means the
//                class's default attributes, "*" with fields ("*,accessKeys") the defaults
//                and those fields; aliases fold (`__USER__` -> `__NAME__`).
//   _pageSize    0 to kMaxPageSize; 0 means no paging (every result in one response).
//   _pagedResultsCookie  kept as given; decode it with PagedResultsCookieCodec.
//   _sortKeys    comma-separated fields, each optionally prefixed by '+' (ascending, the
//                default) or '-' (descending); at most kMaxSortKeys.
//
// ResolveAttributesToGet checks `_fields` against the schema. SortObjects orders objects by
// the keys: a missing value sorts after every present one in both directions, lists sort by
// their first element, strings of case-insensitive attributes compare without case, values of
// different kinds order as boolean < number < string; the sort is stable.
//
// Errors: kInvalidInput naming the parameter and the problem.
// Thread safety: values and pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/connector/query_filter.h"
#include "aws_iam_connector/connector/schema.h"
#include "aws_iam_connector/status.h"

namespace aic::connector {

inline constexpr int kMaxPageSize = 10000;
inline constexpr std::size_t kMaxSortKeys = 8;
inline constexpr std::size_t kMaxFields = 64;
inline constexpr std::size_t kMaxCookieLength = 4096;
// In `_fields` and attributes_to_get: the class's default attributes.
inline constexpr std::string_view kDefaultFields = "*";

struct SortKey {
  FieldPath field;
  bool ascending = true;

  // "+/__NAME__" / "-/CreatedDate"
  std::string ToString() const;
  friend bool operator==(const SortKey&, const SortKey&) = default;
};

struct OperationOptions {
  // Canonical names; empty = the defaults; kDefaultFields (first) = the defaults and the rest.
  std::vector<std::string> attributes_to_get;
  int page_size = 0;  // 0 = no paging
  std::optional<std::string> paged_results_cookie;
  std::vector<SortKey> sort_keys;
};

// The raw CREST parameters, as strings from the query string (absent = nullopt).
struct RawOperationOptions {
  std::optional<std::string> fields;
  std::optional<std::string> page_size;
  std::optional<std::string> paged_results_cookie;
  std::optional<std::string> sort_keys;
};

Result<OperationOptions> ParseOperationOptions(const RawOperationOptions& raw);
Result<std::vector<std::string>> ParseFields(std::string_view text);
Result<int> ParsePageSize(std::string_view text);
Result<std::vector<SortKey>> ParseSortKeys(std::string_view text);

// The attributes to fetch: the class defaults when none were asked for, otherwise the asked
// ones, in the order asked (each must be `_id` or a readable attribute of the class; `_id` is
// kept in the list when named, so ["_id"] means "only the id", as query-all-ids wants).
Result<std::vector<std::string>> ResolveAttributesToGet(const ObjectClassInfo& info,
                                                        const OperationOptions& options);

// Keeps `_id` and the named attributes of `object`.
nlohmann::json ProjectObject(const nlohmann::json& object, const std::vector<std::string>& names);

// Checks every sort key names `_id` or a readable attribute of the class.
Status CheckSortKeys(const ObjectClassInfo& info, const std::vector<SortKey>& keys);

void SortObjects(std::vector<nlohmann::json>& objects, const std::vector<SortKey>& keys,
                 const ObjectClassInfo* info = nullptr);

}  // namespace aic::connector
