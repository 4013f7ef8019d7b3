// Internal helpers shared by the IamClient method files: required-parameter checks, paging
// parameters, and call-then-parse.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"
#include "iam/form_encoding.h"
#include "iam/query_client.h"

namespace aic::iam_internal {

// kInvalidInput naming the action and the parameter when `value` is empty.
inline Status Require(std::string_view action, std::string_view param, std::string_view value) {
  if (!value.empty()) return Status::Ok();
  return Status(ErrorCode::kInvalidInput,
                std::string(action) + ": " + std::string(param) + " is required");
}

// Adds Marker and MaxItems (clamped to [1, kIamMaxItems]; 0 sends none).
inline void AddPage(QueryParams& params, const PageRequest& page) {
  AddIfNotEmpty(params, "Marker", page.marker);
  if (page.max_items > 0) {
    params.emplace_back("MaxItems", std::to_string(std::min(page.max_items, kIamMaxItems)));
  }
}

// Calls `action` and returns parse(result node); a missing <ActionResult> is kInternal.
template <class Parse>
auto CallParse(QueryClient& query, std::string_view action, const QueryParams& params, Parse parse)
    -> Task<Result<decltype(parse(pugi::xml_node()))>> {
  Result<QueryResponse> r = co_await query.CallAsync(std::string(action), params);
  if (!r.ok()) co_return r.status();
  if (!r.value().result) {
    co_return Status(ErrorCode::kInternal,
                     std::string(action) + ": response has no <" + std::string(action) + "Result>");
  }
  co_return parse(r.value().result);
}

// Calls an action without output.
inline Task<Status> CallStatus(QueryClient& query, std::string_view action,
                               const QueryParams& params) {
  Result<QueryResponse> r = co_await query.CallAsync(std::string(action), params);
  co_return r.ok() ? Status::Ok() : r.status();
}

}  // namespace aic::iam_internal
