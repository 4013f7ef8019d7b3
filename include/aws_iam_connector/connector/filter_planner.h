// FilterPlan: what part of a search filter the AWS side can answer directly.
//
// PlanFilter recognises, at the top level or among the terms of a top-level `and`:
//   - `__NAME__ eq "x"` / `_id eq "x"` (string value): one lookup (GetUser, GetGroup; for
//     `__POLICY__` `_id` is the ARN: GetPolicy). The first such term is taken; it leaves the
//     residual. A second, different one stays in the residual and so still filters.
//   - `Path sw "/a/"` (a string starting with '/'): a PathPrefix for the list call. The term
//     also stays in the residual (evaluating it again costs no call, and it keeps the result
//     exact should a server treat PathPrefix loosely).
//   - `false`, or an `and` with a `false` term: nothing can match, no call is needed.
//   - `true`: everything, no residual.
// The residual is what the connector still evaluates (with Matches) over what it listed or
// looked up; nullopt means every object matches. Fields must already be in canonical spelling
// (see NormalizeFilterFields).
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "aws_iam_connector/connector/query_filter.h"
#include "aws_iam_connector/connector/schema.h"

namespace aic::connector {

struct FilterPlan {
  enum class Lookup { kNone, kByUid, kByName };
  bool match_none = false;
  Lookup lookup = Lookup::kNone;
  std::string lookup_value;                // with kByUid or kByName
  std::optional<std::string> path_prefix;  // for ListUsers/ListGroups/ListPolicies
  std::optional<QueryFilter> residual;     // nullopt: no further filtering
};

FilterPlan PlanFilter(const QueryFilter& filter);

// Folds aliases in the first segment of every field (`__USER__` -> `__NAME__`, `__UID__` ->
// `_id`, `PermissionBoundary` -> `PermissionsBoundary`).
QueryFilter NormalizeFilterFields(const QueryFilter& filter);

// Refuses fields whose first segment is neither `_id` nor an attribute of the class, and
// fields of attributes that are not readable (kInvalidInput naming the field).
Status CheckFilterFields(const QueryFilter& filter, const ObjectClassInfo& info);

// MatchOptions whose case-insensitive fields are those the schema marks (see query_filter.h).
MatchOptions MatchOptionsFor(const ObjectClassInfo& info);

}  // namespace aic::connector
