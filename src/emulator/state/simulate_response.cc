#include "emulator/state/simulate_response.h"

namespace aic::emulator::state {
namespace {

void WritePosition(XmlWriter& w, std::string_view element, const policy::Position& p) {
  w.Open(element);
  w.Element("Line", static_cast<long long>(p.line));
  w.Element("Column", static_cast<long long>(p.column));
  w.Close();
}

// SimulatePrincipalPolicy names a managed policy by its name ("AdministratorAccess"); the
// engine knows it by its ARN (principal_policies.h).
std::string_view SourcePolicyId(const policy::MatchedStatement& m) {
  const bool managed = m.source_policy_type == policy::PolicyType::kAwsManaged ||
                       m.source_policy_type == policy::PolicyType::kUserManaged;
  std::string_view id = m.source_policy_id;
  if (managed && id.starts_with("arn:")) id.remove_prefix(id.rfind('/') + 1);
  return id;
}

void WriteStatements(XmlWriter& w, const std::vector<policy::MatchedStatement>& matched) {
  w.Open("MatchedStatements");
  for (const auto& m : matched) {
    w.Open("member");
    w.Element("SourcePolicyId", SourcePolicyId(m));
    w.Element("SourcePolicyType", m.source_policy_type == policy::PolicyType::kResource
                                      ? kSimulateResourcePolicyType
                                      : kSimulateIdentityPolicyType);
    WritePosition(w, "StartPosition", m.start);
    WritePosition(w, "EndPosition", m.end);
    w.Close();
  }
  w.Close();
}

void WriteKeys(XmlWriter& w, const std::vector<std::string>& keys) {
  w.Open("MissingContextValues");
  for (const auto& k : keys) w.Element("member", k);
  w.Close();
}

void WriteBoundary(XmlWriter& w, bool boundary_applies, const policy::Evaluation& ev) {
  if (!boundary_applies) return;
  w.Open("PermissionsBoundaryDecisionDetail");
  w.Element("AllowedByPermissionsBoundary", ev.allowed_by_boundary);
  w.Close();
}

}  // namespace

void WriteEvaluationResult(XmlWriter& w, bool boundary_applies, std::string_view action,
                           std::string_view resource, const policy::Evaluation& ev) {
  const bool specific = resource != kSimulateAllResources;
  const std::string_view decision = policy::DecisionName(ev.decision);
  w.Open("member");
  w.Element("EvalActionName", action);
  w.Element("EvalResourceName", resource);
  w.Element("EvalDecision", decision);
  WriteStatements(w, ev.matched);
  WriteKeys(w, specific ? std::vector<std::string>{} : ev.missing_context_keys);
  WriteBoundary(w, boundary_applies, ev);
  if (specific) {
    w.Open("EvalDecisionDetails");  // same account: present and empty
    w.Close();
    w.Open("ResourceSpecificResults");
    w.Open("member");
    w.Element("EvalResourceName", resource);
    w.Element("EvalResourceDecision", decision);
    WriteStatements(w, ev.matched);
    WriteKeys(w, ev.missing_context_keys);
    WriteBoundary(w, boundary_applies, ev);
    w.Close();
    w.Close();
  }
  w.Close();
}

}  // namespace aic::emulator::state
