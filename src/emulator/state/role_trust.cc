#include "emulator/state/role_trust.h"

#include "policy/policy_engine.h"

namespace aic::emulator::state {
namespace {

using policy::Decision;
using policy::PolicyHandle;
using policy::PolicySource;
using policy::PolicyType;

// Stands in for the caller's identity-based side so that the engine decides on the trust policy
// alone: evaluated as across accounts, a resource-based Allow counts in every Principal form
// (the account's included) once the identity side allows, and any Deny still refuses.
const PolicyHandle& AllowEverything() {
  static const PolicyHandle handle = [] {
    auto parsed = policy::ParsePolicy(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
        PolicySource{"trust-check", PolicyType::kNone});
    return parsed.ok() ? parsed.value() : PolicyHandle();
  }();
  return handle;
}

// The account the trust check is evaluated "from": never a real account id (12 digits).
constexpr const char* kTrustCheckAccount = "trust-policy";

}  // namespace

TrustDecision MatchTrustPolicy(const std::string& document, const TrustRequest& request) {
  auto trust = policy::ParsePolicy(document, PolicySource{"trust", PolicyType::kResource});
  if (!trust.ok() || request.actions.empty() || !AllowEverything()) {
    return TrustDecision::kImplicitDeny;
  }
  policy::PolicySet set;
  set.identity.push_back(AllowEverything());
  set.resource.push_back(std::move(trust).value());
  policy::RequestContext r;
  r.resource = request.resource.empty() ? "*" : request.resource;
  r.principal_arn = request.principal_arn;
  r.session_arn = request.session_arn;
  r.principal_account = request.account;
  if (!request.account.empty()) r.resource_account = kTrustCheckAccount;
  r.service_principal = request.service;
  r.federated = request.federated;
  for (const auto& [key, value] : request.context) r.keys[key] = {value};
  TrustDecision out = TrustDecision::kAllow;
  for (const std::string& action : request.actions) {
    r.action = action;
    policy::Evaluation e = policy::Evaluate(set, r);
    if (e.decision == Decision::kExplicitDeny) return TrustDecision::kExplicitDeny;
    if (e.decision != Decision::kAllowed) out = TrustDecision::kImplicitDeny;
  }
  return out;
}

}  // namespace aic::emulator::state
