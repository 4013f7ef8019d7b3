#include "emulator/state/trust_policy_match.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "common/text_codec.h"

namespace aic::emulator::state {
namespace {

using json = nlohmann::json;

// Condition keys the matcher knows (lower-cased), besides the OIDC "host:aud" family.
constexpr std::string_view kKnownKeys[] = {"sts:externalid",
                                           "sts:rolesessionname",
                                           "sts:sourceidentity",
                                           "aws:principalarn",
                                           "aws:principalaccount",
                                           "aws:principaltype",
                                           "aws:multifactorauthpresent",
                                           "saml:aud",
                                           "saml:sub",
                                           "saml:sub_type",
                                           "saml:iss"};

bool IsKnownKey(std::string_view key) {
  for (std::string_view k : kKnownKeys) {
    if (k == key) return true;
  }
  // OIDC: "accounts.google.com:aud", "token.actions.githubusercontent.com:sub", ...
  auto colon = key.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view prefix = key.substr(0, colon);
  std::string_view suffix = key.substr(colon + 1);
  return prefix.find('.') != std::string_view::npos &&
         (suffix == "aud" || suffix == "sub" || suffix == "amr" || suffix == "oaud");
}

// A JSON string or array of strings as a list; nullopt for anything else.
std::optional<std::vector<std::string>> Strings(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
    return out;
  }
  if (v.is_boolean()) {
    out.push_back(v.get<bool>() ? "true" : "false");
    return out;
  }
  if (!v.is_array()) return std::nullopt;
  for (const auto& e : v) {
    if (e.is_string()) {
      out.push_back(e.get<std::string>());
    } else if (e.is_boolean()) {
      out.push_back(e.get<bool>() ? "true" : "false");
    } else {
      return std::nullopt;
    }
  }
  return out;
}

enum class Tri { kTrue, kFalse, kUnknown };

Tri EvalOne(std::string_view op, const std::string& key, const std::vector<std::string>& values,
            const TrustRequest& req) {
  if (!IsKnownKey(key)) return Tri::kUnknown;
  auto it = req.context.find(key);
  const std::string* actual = it == req.context.end() ? nullptr : &it->second;
  auto any = [&](auto pred) {
    for (const auto& v : values) {
      if (pred(v)) return true;
    }
    return false;
  };
  if (op == "StringEquals") {
    return actual && any([&](const std::string& v) { return v == *actual; }) ? Tri::kTrue
                                                                             : Tri::kFalse;
  }
  if (op == "StringNotEquals") {
    return !actual || !any([&](const std::string& v) { return v == *actual; }) ? Tri::kTrue
                                                                               : Tri::kFalse;
  }
  if (op == "StringLike") {
    return actual && any([&](const std::string& v) { return WildcardMatch(v, *actual); })
               ? Tri::kTrue
               : Tri::kFalse;
  }
  if (op == "Bool") {
    if (key != "aws:multifactorauthpresent") return Tri::kUnknown;
    return actual && any([&](const std::string& v) { return text::AsciiLower(v) == *actual; })
               ? Tri::kTrue
               : Tri::kFalse;
  }
  return Tri::kUnknown;
}

// All conditions of a statement: kTrue when every one holds.
Tri EvalConditions(const json& stmt, const TrustRequest& req) {
  auto c = stmt.find("Condition");
  if (c == stmt.end()) return Tri::kTrue;
  if (!c->is_object()) return Tri::kUnknown;
  Tri result = Tri::kTrue;
  for (auto op = c->begin(); op != c->end(); ++op) {
    if (!op->is_object()) return Tri::kUnknown;
    for (auto k = op->begin(); k != op->end(); ++k) {
      auto values = Strings(*k);
      if (!values) return Tri::kUnknown;
      Tri t = EvalOne(op.key(), text::AsciiLower(k.key()), *values, req);
      if (t == Tri::kUnknown) return Tri::kUnknown;
      if (t == Tri::kFalse) result = Tri::kFalse;
    }
  }
  return result;
}

bool IsAccountId(std::string_view s) {
  if (s.size() != 12) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "arn:PARTITION:iam::ACCOUNT:root" -> ACCOUNT, else "".
std::string_view RootAccount(std::string_view arn) {
  if (arn.rfind("arn:", 0) != 0) return {};
  auto iam = arn.find(":iam::");
  if (iam == std::string_view::npos) return {};
  std::string_view rest = arn.substr(iam + 6);
  if (rest.size() != 17 || rest.substr(12) != ":root") return {};
  return rest.substr(0, 12);
}

bool AwsPrincipalMatches(std::string_view v, const TrustRequest& req) {
  if (req.principal_arn.empty() && req.session_arn.empty()) return false;
  if (v == "*") return true;
  if (IsAccountId(v)) return v == req.account;
  if (std::string_view acct = RootAccount(v); !acct.empty()) return acct == req.account;
  return v == req.principal_arn || (!req.session_arn.empty() && v == req.session_arn);
}

bool PrincipalMatches(const json& p, const TrustRequest& req) {
  if (p.is_string()) return p.get<std::string>() == "*";
  if (!p.is_object()) return false;
  for (auto it = p.begin(); it != p.end(); ++it) {
    auto values = Strings(*it);
    if (!values) continue;
    for (const auto& v : *values) {
      if (it.key() == "AWS" && AwsPrincipalMatches(v, req)) return true;
      if (it.key() == "Service" && !req.service.empty() && v == req.service) return true;
      if (it.key() == "Federated" && !req.federated.empty() && v == req.federated) return true;
    }
  }
  return false;
}

bool ActionMatches(const json& a, std::string_view action) {
  auto values = Strings(a);
  if (!values) return false;
  std::string lower = text::AsciiLower(action);
  for (const auto& v : *values) {
    if (WildcardMatch(text::AsciiLower(v), lower)) return true;
  }
  return false;
}

// Does the statement apply to (principal, action)? Conditions are judged by the caller.
bool Applies(const json& stmt, std::string_view action, const TrustRequest& req, bool deny) {
  bool principal = false;
  if (auto p = stmt.find("Principal"); p != stmt.end()) {
    principal = PrincipalMatches(*p, req);
  } else if (auto np = stmt.find("NotPrincipal"); np != stmt.end()) {
    principal = deny && !PrincipalMatches(*np, req);
  }
  if (!principal) return false;
  if (auto a = stmt.find("Action"); a != stmt.end()) return ActionMatches(*a, action);
  if (auto na = stmt.find("NotAction"); na != stmt.end()) return !ActionMatches(*na, action);
  return false;
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view value) {
  std::size_t p = 0, v = 0, star = std::string_view::npos, mark = 0;
  while (v < value.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == value[v])) {
      ++p;
      ++v;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

TrustDecision MatchTrustPolicy(const std::string& document, const TrustRequest& request) {
  json doc = json::parse(document, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return TrustDecision::kImplicitDeny;
  auto s = doc.find("Statement");
  if (s == doc.end()) return TrustDecision::kImplicitDeny;
  std::vector<json> statements;
  if (s->is_object()) {
    statements.push_back(*s);
  } else if (s->is_array()) {
    for (const auto& e : *s) statements.push_back(e);
  } else {
    return TrustDecision::kImplicitDeny;
  }
  if (request.actions.empty()) return TrustDecision::kImplicitDeny;
  bool all_allowed = true;
  for (const auto& action : request.actions) {
    bool allowed = false;
    for (const auto& stmt : statements) {
      if (!stmt.is_object()) continue;
      auto e = stmt.find("Effect");
      if (e == stmt.end() || !e->is_string()) continue;
      const bool deny = *e == "Deny";
      if (!deny && *e != "Allow") continue;
      if (!Applies(stmt, action, request, deny)) continue;
      Tri cond = EvalConditions(stmt, request);
      if (deny && cond != Tri::kFalse) return TrustDecision::kExplicitDeny;
      if (!deny && cond == Tri::kTrue) allowed = true;
    }
    if (!allowed) all_allowed = false;
  }
  return all_allowed ? TrustDecision::kAllow : TrustDecision::kImplicitDeny;
}

}  // namespace aic::emulator::state
