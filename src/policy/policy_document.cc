#include "policy/policy_document.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "policy/statement_positions.h"
#include "policy/wildcard.h"

namespace aic::policy {
namespace {

using internal::ActionPattern;
using internal::ConditionClause;
using internal::PrincipalEntry;
using internal::Statement;
using Json = nlohmann::ordered_json;

// The policy language version that enables policy variables (reference_policies_variables.html:
// "you must include the Version element and set it to a version that supports policy
// variables" -- 2012-10-17).
constexpr std::string_view kVariablesVersion = "2012-10-17";

Status Bad(std::string message) { return Status(ErrorCode::kInvalidInput, std::move(message)); }

std::string Lower(std::string_view s) { return text::AsciiLower(s); }

// A string or an array of strings.
Status StringList(const Json& j, const char* element, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
    return Status::Ok();
  }
  if (!j.is_array()) return Bad(std::string(element) + " must be a string or an array of strings");
  for (const Json& e : j) {
    if (!e.is_string()) return Bad(std::string(element) + " must hold strings");
    out.push_back(e.get<std::string>());
  }
  return Status::Ok();
}

// A condition value as AWS compares it: its text.
Status ScalarText(const Json& j, std::string& out) {
  if (j.is_string()) {
    out = j.get<std::string>();
  } else if (j.is_boolean()) {
    out = j.get<bool>() ? "true" : "false";
  } else if (j.is_number()) {
    out = j.dump();
  } else {
    return Bad("a condition value must be a string, a number or a boolean");
  }
  return Status::Ok();
}

Status ParseActions(const Json& j, const char* element, Statement& st) {
  std::vector<std::string> values;
  AIC_RETURN_IF_ERROR(StringList(j, element, values));
  for (const std::string& v : values) {
    ActionPattern p;
    p.lower = Lower(v);
    const std::size_t w = p.lower.find_first_of("*?");
    p.wildcard = w != std::string::npos;
    p.literal_prefix = p.wildcard ? w : p.lower.size();
    st.actions.push_back(std::move(p));
  }
  return Status::Ok();
}

Status ParsePrincipal(const Json& j, bool negated, Statement& st) {
  st.principal.present = true;
  st.principal.negated = negated;
  if (j.is_string()) {
    if (j.get<std::string>() != "*") return Bad("Principal must be \"*\" or an object");
    st.principal.any = true;
    return Status::Ok();
  }
  if (!j.is_object()) return Bad("Principal must be \"*\" or an object");
  for (const auto& [type, value] : j.items()) {
    PrincipalEntry::Kind kind = PrincipalEntry::Kind::kOther;
    if (type == "AWS") kind = PrincipalEntry::Kind::kAws;
    if (type == "Service") kind = PrincipalEntry::Kind::kService;
    if (type == "Federated") kind = PrincipalEntry::Kind::kFederated;
    if (type == "CanonicalUser") kind = PrincipalEntry::Kind::kCanonicalUser;
    std::vector<std::string> values;
    AIC_RETURN_IF_ERROR(StringList(value, "Principal", values));
    for (std::string& v : values) st.principal.entries.push_back({kind, std::move(v)});
  }
  return Status::Ok();
}

Status ParseCondition(const Json& j, bool variables_enabled, Statement& st,
                      std::vector<std::string>& keys) {
  if (!j.is_object()) return Bad("Condition must be an object");
  for (const auto& [op, block] : j.items()) {
    if (!block.is_object()) return Bad("a Condition operator must map to an object");
    const std::optional<internal::OperatorSpec> spec = internal::ParseOperator(op);
    for (const auto& [key, value] : block.items()) {
      ConditionClause clause;
      clause.op_name = op;
      clause.spec = spec;
      clause.key = key;
      clause.key_lower = Lower(key);
      keys.push_back(key);
      std::vector<const Json*> items;
      if (value.is_array()) {
        for (const Json& e : value) items.push_back(&e);
      } else {
        items.push_back(&value);
      }
      for (const Json* e : items) {
        std::string text;
        AIC_RETURN_IF_ERROR(ScalarText(*e, text));
        clause.values.push_back(
            internal::MakeConditionValue(std::move(text), spec, variables_enabled));
      }
      st.conditions.push_back(std::move(clause));
    }
  }
  return Status::Ok();
}

Status ParseStatement(const Json& j, bool variables_enabled, Statement& st,
                      std::vector<std::string>& keys) {
  if (!j.is_object()) return Bad("a Statement must be an object");
  if (const auto it = j.find("Sid"); it != j.end()) {
    if (!it->is_string()) return Bad("Sid must be a string");
    st.sid = it->get<std::string>();
  }
  const auto effect = j.find("Effect");
  if (effect == j.end() || !effect->is_string()) return Bad("Effect must be Allow or Deny");
  if (*effect == "Deny") {
    st.deny = true;
  } else if (*effect != "Allow") {
    return Bad("Effect must be Allow or Deny");
  }
  const auto action = j.find("Action");
  const auto not_action = j.find("NotAction");
  if ((action == j.end()) == (not_action == j.end())) {
    return Bad("a Statement needs exactly one of Action and NotAction");
  }
  st.not_action = not_action != j.end();
  AIC_RETURN_IF_ERROR(ParseActions(st.not_action ? *not_action : *action,
                                   st.not_action ? "NotAction" : "Action", st));
  const auto resource = j.find("Resource");
  const auto not_resource = j.find("NotResource");
  if (resource != j.end() && not_resource != j.end()) {
    return Bad("a Statement cannot have both Resource and NotResource");
  }
  if (resource != j.end() || not_resource != j.end()) {
    st.has_resource = true;
    st.not_resource = not_resource != j.end();
    std::vector<std::string> values;
    AIC_RETURN_IF_ERROR(StringList(st.not_resource ? *not_resource : *resource,
                                   st.not_resource ? "NotResource" : "Resource", values));
    for (const std::string& v : values) {
      st.resources.push_back(internal::ParseTemplate(v, variables_enabled));
    }
  }
  const auto principal = j.find("Principal");
  const auto not_principal = j.find("NotPrincipal");
  if (principal != j.end() && not_principal != j.end()) {
    return Bad("a Statement cannot have both Principal and NotPrincipal");
  }
  if (principal != j.end()) AIC_RETURN_IF_ERROR(ParsePrincipal(*principal, false, st));
  if (not_principal != j.end()) AIC_RETURN_IF_ERROR(ParsePrincipal(*not_principal, true, st));
  if (const auto it = j.find("Condition"); it != j.end()) {
    AIC_RETURN_IF_ERROR(ParseCondition(*it, variables_enabled, st, keys));
  }
  return Status::Ok();
}

}  // namespace

Result<PolicyHandle> ParsePolicy(std::string_view document, PolicySource source) {
  Json doc = Json::parse(document, nullptr, false);
  if (doc.is_discarded()) return Bad("policy document is not JSON");
  if (!doc.is_object()) return Bad("policy document is not a JSON object");
  auto policy = std::make_shared<ParsedPolicy>();
  policy->source = std::move(source);
  if (const auto it = doc.find("Version"); it != doc.end()) {
    if (!it->is_string()) return Bad("Version must be a string");
    policy->variables_enabled = it->get<std::string>() == kVariablesVersion;
  }
  const auto statements = doc.find("Statement");
  if (statements == doc.end()) return Bad("policy document has no Statement");
  if (!statements->is_object() && !statements->is_array()) {
    return Bad("Statement must be an object or an array of objects");
  }
  AIC_ASSIGN_OR_RETURN(std::vector<internal::StatementSpan> spans,
                       internal::StatementPositions(document));
  std::vector<const Json*> items;
  if (statements->is_object()) {
    items.push_back(&*statements);
  } else {
    for (const Json& s : *statements) items.push_back(&s);
  }
  if (items.size() != spans.size()) return Bad("malformed Statement");
  std::vector<std::string> keys;
  policy->statements.resize(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    Statement& st = policy->statements[i];
    AIC_RETURN_IF_ERROR(ParseStatement(*items[i], policy->variables_enabled, st, keys));
    st.start = spans[i].first;
    st.end = spans[i].second;
  }
  std::vector<std::string> seen;
  for (std::string& k : keys) {
    std::string lower = Lower(k);
    if (std::find(seen.begin(), seen.end(), lower) != seen.end()) continue;
    seen.push_back(std::move(lower));
    policy->condition_keys.push_back(std::move(k));
  }
  return PolicyHandle(std::move(policy));
}

std::vector<std::string> ConditionKeys(const ParsedPolicy& policy) { return policy.condition_keys; }

}  // namespace aic::policy
