// The IAM policy grammar as the IAM API enforces it: which JSON documents CreatePolicy,
// CreatePolicyVersion, Put{User,Group,Role}Policy (identity policies) and CreateRole /
// UpdateAssumeRolePolicy (trust policies) accept, and AWS's MalformedPolicyDocument message for
// each document they refuse. Pure logic: no state, no I/O.
//
// What IAM checks, in the order it checks it (the first failure is the answer):
//   1. JSON syntax                      "Syntax errors in policy." (identity) /
//                                       "This policy contains invalid Json" (trust)
//   2. grammar (elements, value types)  "Syntax errors in policy."
//   3. Version (identity)               "Policy document must be version 2012-10-17 or greater."
//   4. principals                       identity: "Policy document should not specify a
//                                       principal."; trust: "Has prohibited field Resource",
//                                       "Missing required field Principal"
//   5. legacy parsing                   "The policy failed legacy parsing" (Effect's case, Date*
//                                       condition values, ARNs with missing fields)
//   6. Sid                              alpha-numeric, unique
//   7. presence                         "Policy statement must contain actions." /
//                                       "... resources." (identity)
//   8. resource ARNs (identity)         "Resource X must be in ARN format or \"*\".",
//                                       "Partition \"P\" is not valid for resource \"...\"." ...
//   9. actions                          "Actions/Conditions must be prefaced by a vendor, ...",
//                                       trust: "AssumeRole policy may only specify STS
//                                       AssumeRole actions."; trust principals: "Invalid
//                                       principal in policy: \"AWS\":\"X\""
// The rules, their messages and their sources are in docs/emulator.md (policy documents).
//
// Duplicate JSON object keys are accepted, the last one counts (as AWS does: it does not refuse
// them; Terraform's provider added its own client-side check for that reason).
#pragma once

#include <cstddef>
#include <string_view>

#include "aws_iam_connector/status.h"

namespace aic::emulator::state {

enum class PolicyKind {
  kIdentity,  // managed policies, inline user/group/role policies, permissions boundaries
  kTrust,     // a role's AssumeRolePolicyDocument
};

// OK when IAM accepts `document` as a policy of `kind`; otherwise MalformedPolicy(AWS's message)
// (MalformedPolicyDocument, HTTP 400). Does not check sizes (see PolicySize) nor whether the
// principals a trust policy names exist.
Status CheckPolicyGrammar(std::string_view document, PolicyKind kind);

// The size IAM counts against its policy-size quotas: the document's characters (UTF-8 code
// points) that are not white space (space, tab, line feed, carriage return). Source: the IAM
// quotas page ("IAM doesn't count white space when calculating the size of a policy") and
// GetAccountSummary (PolicySizeQuota etc. are "in non-whitespace characters").
std::size_t PolicySize(std::string_view document);

}  // namespace aic::emulator::state
