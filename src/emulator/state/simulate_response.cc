#include "emulator/state/simulate_response.h"

namespace aic::emulator::state {
namespace {

void WritePosition(XmlWriter& w, std::string_view element, const policy::Position& p) {
  w.Open(element);
  w.Element("Line", static_cast<long long>(p.line));
  w.Element("Column", static_cast<long long>(p.column));
  w.Close();
}

void WriteStatements(XmlWriter& w, StatementLocator& locator,
                     const std::vector<policy::MatchedStatement>& matched) {
  w.Open("MatchedStatements");
  for (const auto& m : matched) {
    // The engine's own positions when the document is unknown (cannot happen for documents
    // the handlers registered).
    StatementSpan span{m.start, m.end};
    if (auto found = locator.Find(m.source_policy_type, m.source_policy_id, m.statement_index)) {
      span = *found;
    }
    w.Open("member");
    w.Element("SourcePolicyId", m.source_policy_id);
    w.Element("SourcePolicyType", m.source_policy_type == policy::PolicyType::kResource
                                      ? kSimulateResourcePolicyType
                                      : kSimulateIdentityPolicyType);
    WritePosition(w, "StartPosition", span.start);
    WritePosition(w, "EndPosition", span.end);
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

std::string StatementLocator::Key(policy::PolicyType type, std::string_view id) {
  std::string key(policy::PolicyTypeName(type));
  key.push_back('\x1f');
  key.append(id);
  return key;
}

void StatementLocator::Add(policy::PolicyType type, std::string_view id, std::string document) {
  std::string key = Key(type, id);
  spans_.erase(key);
  documents_[std::move(key)] = std::move(document);
}

std::optional<StatementSpan> StatementLocator::Find(policy::PolicyType type, std::string_view id,
                                                    int index) {
  const std::string key = Key(type, id);
  auto it = spans_.find(key);
  if (it == spans_.end()) {
    auto doc = documents_.find(key);
    if (doc == documents_.end()) return std::nullopt;
    it = spans_.emplace(key, StatementSpans(doc->second)).first;
  }
  if (index < 0 || static_cast<std::size_t>(index) >= it->second.size()) return std::nullopt;
  return it->second[index];
}

void WriteEvaluationResult(XmlWriter& w, StatementLocator& locator, bool boundary_applies,
                           std::string_view action, std::string_view resource,
                           const policy::Evaluation& ev) {
  const bool specific = resource != kSimulateAllResources;
  const std::string_view decision = policy::DecisionName(ev.decision);
  w.Open("member");
  w.Element("EvalActionName", action);
  w.Element("EvalResourceName", resource);
  w.Element("EvalDecision", decision);
  WriteStatements(w, locator, ev.matched);
  WriteKeys(w, specific ? std::vector<std::string>{} : ev.missing_context_keys);
  WriteBoundary(w, boundary_applies, ev);
  if (specific) {
    w.Open("EvalDecisionDetails");  // same account: present and empty
    w.Close();
    w.Open("ResourceSpecificResults");
    w.Open("member");
    w.Element("EvalResourceName", resource);
    w.Element("EvalResourceDecision", decision);
    WriteStatements(w, locator, ev.matched);
    WriteKeys(w, ev.missing_context_keys);
    WriteBoundary(w, boundary_applies, ev);
    w.Close();
    w.Close();
  }
  w.Close();
}

}  // namespace aic::emulator::state
