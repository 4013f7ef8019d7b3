// Where each statement of a policy document sits in its text, as SimulatePrincipalPolicy's
// MatchedStatements report it (1-based line and column; columns count characters, i.e. UTF-8
// code points; CR LF, LF and a lone CR end a line). AWS reports where its streaming JSON parser
// stood (the next unread character) when it began and finished reading the statement:
//  - Statement is one object: start just after its '{', end just after its '}';
//  - Statement is an array: the first element starts just after the '[', each later element
//    just after the previous element's '}' (the ',' and white space between are not yet read);
//    each ends just after its own '}'.
// Sources, each a document whose text is known exactly, with AWS's answer for it:
//  - the aws CLI's simulate-custom-policy example (awscli/examples/iam/simulate-custom-policy.rst):
//    a one-line document with "Statement":{...} at columns 37..166 reports 38 and 167;
//  - LocalStack's recording of real AWS (tests/aws/services/iam/test_iam.snapshot.json,
//    test_simulate_principle_policy): '{' at column 40, '}' at 112, reports 41 and 113;
//  - a recorded run with arrays (Scott Logic blog "Automated permissions testing with AWS IAM
//    Policy Simulator", 2025): the first element starts right after '['; in a two-statement
//    bucket policy the second statement starts at the first one's end (column 248).
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
