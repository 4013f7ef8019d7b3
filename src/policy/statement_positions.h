// Where each statement of a policy document sits in its text, as SimulatePrincipalPolicy's
// MatchedStatements report it: StartPosition at the statement's '{', EndPosition just after its
// '}' (1-based line and column; columns count characters, i.e. UTF-8 code points; a line ends at
// '\n').
//
// nlohmann::json reports no positions, so this is a small scanner over the text (strings with
// escapes, nesting). It expects text that already parsed as JSON: it finds the top-level
// object's last "Statement" member (the one a JSON parser keeps) and returns one span for an
// object value, one per element for an array value. Errors (kInvalidInput) when the text does
// not have that shape.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "policy/policy_engine.h"

namespace aic::policy::internal {

using StatementSpan = std::pair<Position, Position>;  // start, end

Result<std::vector<StatementSpan>> StatementPositions(std::string_view text);

}  // namespace aic::policy::internal
