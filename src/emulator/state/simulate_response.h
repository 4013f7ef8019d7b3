// The answer of SimulatePrincipalPolicy and SimulateCustomPolicy: one EvaluationResult per
// evaluated action and resource, in AWS's shape (the model's SimulatePolicyResponse).
//
// What AWS answers, and its sources:
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
//  - StartPosition / EndPosition: the engine's MatchedStatement positions (AWS's convention,
//    src/policy/statement_positions.h).
//
// Thread safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/state/xml_writer.h"
#include "policy/policy_engine.h"

namespace aic::emulator::state {

inline constexpr std::string_view kSimulateIdentityPolicyType = "IAM Policy";
inline constexpr std::string_view kSimulateResourcePolicyType = "Resource Policy";
// ResourceArns' default: every resource.
inline constexpr std::string_view kSimulateAllResources = "*";

// Writes one <member> of EvaluationResults. `boundary_applies`: the simulation had a
// permissions boundary (the entity's or PermissionsBoundaryPolicyInputList).
void WriteEvaluationResult(XmlWriter& w, bool boundary_applies, std::string_view action,
                           std::string_view resource, const policy::Evaluation& ev);

}  // namespace aic::emulator::state
