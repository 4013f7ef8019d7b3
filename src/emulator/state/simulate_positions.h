// Where SimulatePrincipalPolicy / SimulateCustomPolicy say a matched statement sits in its
// policy document (MatchedStatements' StartPosition and EndPosition).
//
// AWS reports the location of its streaming JSON parser (1-based line and column of the next
// unread character) when it began and finished reading the statement:
//  - Statement is one object: start just after its '{', end just after its '}';
//  - Statement is an array: the first element starts just after the '[', each later element
//    just after the previous element's '}' (the ',' and white space between are not yet read);
//    each ends just after its own '}'.
// Sources, each with a document whose text is known exactly:
//  - the aws CLI's simulate-custom-policy example (awscli/examples/iam/simulate-custom-policy.rst):
//    a one-line document with "Statement":{...} at columns 37..166 reports 38 and 167;
//  - LocalStack's recording of real AWS (tests/aws/services/iam/test_iam.snapshot.json,
//    test_simulate_principle_policy): json.dumps of {"Statement": {...}}, '{' at column 40,
//    '}' at 112, reports 41 and 113;
//  - a recorded run with an array (Scott Logic blog "Automated permissions testing with AWS IAM
//    Policy Simulator", 2025): the first element '{' right after '[' at column 41 reports 41; in
//    a two-statement bucket policy the second statement starts at the first one's end (248).
// Columns count characters (UTF-8 code points); "\r\n", "\n" and a lone "\r" end a line.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>
#include <vector>

#include "policy/policy_engine.h"

namespace aic::emulator::state {

struct StatementSpan {
  policy::Position start;
  policy::Position end;
};

// The span of each statement of `document`, in Statement order (index i is the engine's
// MatchedStatement::statement_index i). Empty when the document is not a JSON object with a
// Statement object or array (the engine does not parse such a document either).
std::vector<StatementSpan> StatementSpans(std::string_view document);

}  // namespace aic::emulator::state
