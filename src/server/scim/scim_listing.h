// The query side shared by /Users and /Groups (RFC 7644 3.4.2): a list request from the query
// string or a SearchRequest body, and the ListResponse of the matching resources (filtered,
// sorted, paged, projected). No I/O.
//
// Paging: startIndex is 1-based (values below 1 are 1); count is capped at max_results (a
// negative count is 0); totalResults counts every match. Sorting: sortBy names one attribute
// (a multi-valued one sorts by its primary value, else its first); strings compare
// case-insensitively unless the attribute is caseExact; resources without a value sort last.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scim/scim_error.h"
#include "scim/scim_filter.h"
#include "scim/scim_schema.h"
#include "server/rest_util.h"

namespace aic::scim {

struct ListRequest {
  std::optional<Filter> filter;
  std::string filter_text;  // as given (empty without a filter)
  int start_index = 1;
  int count = 0;
  std::vector<AttrPath> attributes;
  std::vector<AttrPath> excluded;
  std::optional<AttrPath> sort_by;
  bool descending = false;
};

ScimResult<ListRequest> ListRequestFromQuery(const QueryParams& params, int max_results);
ScimResult<ListRequest> ListRequestFromSearchBody(const nlohmann::json& body, int max_results);

// The ListResponse of `resources` (already filtered; not owned, not copied: only the page is
// projected into the answer) for `request`.
nlohmann::json ListResponseOf(const ListRequest& request,
                              std::vector<const nlohmann::json*> resources,
                              const ResourceTypeDef& type);

// True when the filter text or the attribute lists name `attribute` (case-insensitively), so a
// read must fetch it. Over-approximates (a string value equal to the name counts too).
bool Mentions(const ListRequest& request, std::string_view attribute);

}  // namespace aic::scim
