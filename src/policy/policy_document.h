// A parsed policy document (reference_policies_grammar.html), prepared for fast evaluation:
// actions lower-cased with their literal prefix, resources and condition values split into
// policy-variable templates, condition operators resolved, condition keys lower-cased, each
// statement's position in the text recorded (statement_positions.h).
//
// Elements understood: Version ("2012-10-17" enables policy variables), Statement (an object or
// an array of objects), Sid, Effect ("Allow" | "Deny"), Action | NotAction (exactly one; string or
// array of strings), Resource | NotResource (at most one; none: every resource, as in trust
// policies), Principal | NotPrincipal ("*" or {"AWS" | "Service" | "Federated" |
// "CanonicalUser": string or array of strings}), Condition ({operator: {key: value or array}},
// values strings, numbers or booleans compared as their JSON text). Unknown elements are
// ignored. Errors (kInvalidInput): not JSON, not an object, Statement missing or of the wrong
// shape, Effect missing or not Allow/Deny, an element of the wrong type.
#pragma once

#include <string>
#include <vector>

#include "policy/condition_operators.h"
#include "policy/policy_engine.h"
#include "policy/policy_variables.h"

namespace aic::policy {
namespace internal {

struct ActionPattern {
  std::string lower;               // lower-cased
  bool wildcard = false;           // has '*' or '?'
  std::size_t literal_prefix = 0;  // characters before the first wildcard
};

struct PrincipalEntry {
  enum class Kind { kAws, kService, kFederated, kCanonicalUser, kOther };
  Kind kind = Kind::kAws;
  std::string value;
};

struct PrincipalElement {
  bool present = false;  // Principal or NotPrincipal given
  bool negated = false;  // NotPrincipal
  bool any = false;      // "Principal": "*"
  std::vector<PrincipalEntry> entries;
};

struct Statement {
  std::string sid;
  bool deny = false;
  bool not_action = false;
  std::vector<ActionPattern> actions;
  bool has_resource = false;
  bool not_resource = false;
  std::vector<ValueTemplate> resources;
  PrincipalElement principal;
  std::vector<ConditionClause> conditions;
  Position start;
  Position end;
};

}  // namespace internal

struct ParsedPolicy {
  PolicySource source;
  bool variables_enabled = false;  // Version 2012-10-17
  std::vector<internal::Statement> statements;
  std::vector<std::string> condition_keys;  // as written, first appearance, no duplicates
};

}  // namespace aic::policy
