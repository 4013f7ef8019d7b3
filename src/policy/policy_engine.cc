// The engine's small public helpers. The engine itself: policy_document (parsing),
// statement_positions, wildcard, policy_variables, condition_values, condition_operators,
// principal_match, evaluator.
#include "policy/policy_engine.h"

namespace aic::policy {

std::string_view PolicyTypeName(PolicyType type) {
  switch (type) {
    case PolicyType::kUser:
      return "user";
    case PolicyType::kGroup:
      return "group";
    case PolicyType::kRole:
      return "role";
    case PolicyType::kAwsManaged:
      return "aws-managed";
    case PolicyType::kUserManaged:
      return "user-managed";
    case PolicyType::kResource:
      return "resource";
    case PolicyType::kNone:
      return "none";
  }
  return "none";
}

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllowed:
      return "allowed";
    case Decision::kExplicitDeny:
      return "explicitDeny";
    case Decision::kImplicitDeny:
      return "implicitDeny";
  }
  return "implicitDeny";
}

}  // namespace aic::policy
