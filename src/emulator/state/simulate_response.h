// The answer of SimulatePrincipalPolicy and SimulateCustomPolicy: one EvaluationResult per
// evaluated action and resource, in AWS's shape (the model's SimulatePolicyResponse).
//
// What AWS answers, and its sources (details in docs and /work/notes/policy14-simulate.md):
//  - a named resource (not "*") adds ResourceSpecificResults (that one resource), carries the
//    missing context keys there, leaves the top-level MissingContextValues empty and sends an
//    empty EvalDecisionDetails; for "*" MissingContextValues is at the top and neither
//    EvalDecisionDetails nor ResourceSpecificResults is sent (API_EvaluationResult.html,
//    API_ResourceSpecificResult.html; LocalStack tests/aws/services/iam/test_iam.snapshot.json
//    test_simulate_principle_policy, recorded against AWS);
//  - PermissionsBoundaryDecisionDetail only when a permissions boundary applies;
//  - no OrganizationsDecisionDetail ("Only applies if the simulated user's account is part of an
//    organization": the emulated account is in none);
//  - SourcePolicyType: "IAM Policy" for identity policies (managed, inline, PolicyInputList and
//    the boundary) and "Resource Policy" for ResourcePolicy: what AWS sends (LocalStack's
//    recording; published aws CLI outputs), not the model's enum (user, group, ...);
//  - StartPosition / EndPosition as simulate_positions.h describes.
//
// Thread safety: a StatementLocator belongs to one request.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/state/simulate_positions.h"
#include "emulator/state/xml_writer.h"
#include "policy/policy_engine.h"

namespace aic::emulator::state {

inline constexpr std::string_view kSimulateIdentityPolicyType = "IAM Policy";
inline constexpr std::string_view kSimulateResourcePolicyType = "Resource Policy";
// ResourceArns' default: every resource.
inline constexpr std::string_view kSimulateAllResources = "*";

// The documents of the simulated policies, to report where a matched statement sits.
class StatementLocator {
 public:
  // The policy the engine knows by this source (type and id).
  void Add(policy::PolicyType type, std::string_view id, std::string document);
  // AWS's span of statement `index` of that policy; nullopt when the policy or statement is
  // unknown.
  std::optional<StatementSpan> Find(policy::PolicyType type, std::string_view id, int index);

 private:
  static std::string Key(policy::PolicyType type, std::string_view id);
  std::map<std::string, std::string> documents_;
  std::map<std::string, std::vector<StatementSpan>> spans_;  // computed when first asked
};

// Writes one <member> of EvaluationResults. `boundary_applies`: the simulation had a
// permissions boundary (the entity's or PermissionsBoundaryPolicyInputList).
void WriteEvaluationResult(XmlWriter& w, StatementLocator& locator, bool boundary_applies,
                           std::string_view action, std::string_view resource,
                           const policy::Evaluation& ev);

}  // namespace aic::emulator::state
