// STUB (lead): replaced by the engine implementation (helper "policy-engine").
#include "policy/policy_engine.h"

#include <nlohmann/json.hpp>

namespace aic::policy {

struct ParsedPolicy {
  PolicySource source;
  nlohmann::json doc;
};

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

Result<PolicyHandle> ParsePolicy(std::string_view document, PolicySource source) {
  auto doc = nlohmann::json::parse(document, nullptr, false);
  if (doc.is_discarded()) return Status(ErrorCode::kInvalidInput, "not JSON");
  auto p = std::make_shared<ParsedPolicy>();
  p->source = std::move(source);
  p->doc = std::move(doc);
  return PolicyHandle(std::move(p));
}

Evaluation Evaluate(const PolicySet&, const RequestContext&) { return Evaluation{}; }

std::vector<std::string> ConditionKeys(const ParsedPolicy&) { return {}; }

bool WildcardMatch(std::string_view pattern, std::string_view value, bool) {
  return pattern == "*" || pattern == value;
}

}  // namespace aic::policy
