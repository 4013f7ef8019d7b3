// The Condition element: operators, their values, and AWS's semantics
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html,
//  .../reference_policies_condition-single-vs-multi-valued-context-keys.html,
//  .../reference_policies_condition-logic-multiple-context-keys-or-values.html).
//
// Operators (names case-insensitive, as the emulator's policy grammar accepts them):
//   String{Equals,NotEquals,EqualsIgnoreCase,NotEqualsIgnoreCase,Like,NotLike},
//   Numeric{Equals,NotEquals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals},
//   Date{...same six...}, Bool, BinaryEquals, IpAddress, NotIpAddress,
//   Arn{Equals,Like,NotEquals,NotLike}, Null; each (but Null) with an IfExists suffix; each with
//   a ForAllValues: or ForAnyValue: prefix.
//
// Semantics of one clause {Operator: {key: [v1, v2, ...]}}:
//  - the policy values are ORed: a request value matches when it matches any of them; for a
//    negated operator (StringNotEquals, NumericNotEquals, DateNotEquals, NotIpAddress,
//    ArnNotEquals, ArnNotLike, StringNotLike, StringNotEqualsIgnoreCase) the clause holds when it
//    matches none of them (NOR);
//  - key absent from the request (or carried with no value): ...IfExists holds; ForAllValues:
//    holds; ForAnyValue: fails; otherwise a positive operator fails and a negated one holds
//    ("If the key that you specify in a policy condition is not present in the request context,
//    the values do not match and the condition is false. If the policy condition requires that
//    the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
//    present, the condition is true.");
//  - ForAllValues: every request value satisfies the operator; ForAnyValue: at least one does;
//    without a set prefix a multi-valued key behaves as "any request value matches any policy
//    value" (negated: none does);
//  - Null: "true" holds when the key is absent, "false" when it is present;
//  - Bool compares "true"/"false" without case; BinaryEquals compares the base64 text;
//    String*IgnoreCase compare without (ASCII) case; everything else is case-sensitive;
//  - Arn*: ArnEquals and ArnLike are the same match ("Each of the six colon-delimited components
//    of the ARN is checked separately and each can include multi-character match wildcards (*)
//    or single-character match wildcards (?)"); a request value that is not an ARN (fewer than
//    six components) matches nothing; a policy value with fewer than six components is matched
//    as one wildcard pattern against the whole value (e.g. "*");
//  - a request value or policy value that does not parse as its operator's type (number, date,
//    IP) matches nothing.
// An operator this engine does not know makes its clause false, so the statement does not
// apply (the AWS documentation defines no behaviour: CreatePolicy refuses unknown operators --
// "MalformedPolicyDocument: Invalid Condition type"; failing closed keeps an Allow from
// granting and is the choice documented in docs/policy-evaluation.md). Policy variables in
// condition values are expanded first (policy_variables.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/condition_values.h"
#include "policy/policy_engine.h"
#include "policy/policy_variables.h"

namespace aic::policy::internal {

enum class OpFamily {
  kString,
  kStringIgnoreCase,
  kStringLike,
  kNumeric,
  kDate,
  kBool,
  kBinary,
  kIp,
  kArn,
  kNull
};
enum class Comparison { kEq, kLt, kLe, kGt, kGe };
enum class SetQualifier { kNone, kForAllValues, kForAnyValue };

struct OperatorSpec {
  OpFamily family = OpFamily::kString;
  Comparison cmp = Comparison::kEq;
  bool negated = false;
  bool if_exists = false;
  SetQualifier set = SetQualifier::kNone;
};

// nullopt for a name this engine does not know.
std::optional<OperatorSpec> ParseOperator(std::string_view name);

struct ConditionValue {
  ValueTemplate tmpl;
  std::string lower;             // IgnoreCase / Bool: the text lower-cased (no variables)
  std::optional<double> number;  // Numeric / Date (seconds) reading (no variables)
  std::optional<IpRange> ip;     // IpAddress reading (no variables)
};

struct ConditionClause {
  std::string op_name;               // as written
  std::optional<OperatorSpec> spec;  // nullopt: unknown operator (the clause is false)
  std::string key;                   // as written
  std::string key_lower;
  std::vector<ConditionValue> values;
};

// Builds a value and its typed reading for `spec`.
ConditionValue MakeConditionValue(std::string text, const std::optional<OperatorSpec>& spec,
                                  bool variables_enabled);

// Buffers reused across clauses to expand variables without allocating per match.
struct ConditionScratch {
  std::string text;
  std::string literal;
};

// Whether the clause holds for the request. Keys the request lacks are appended to `missing`.
bool EvaluateClause(const ConditionClause& clause, const RequestContext& request,
                    ConditionScratch& scratch, MissingKeys* missing);

}  // namespace aic::policy::internal
