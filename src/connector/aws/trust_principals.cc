#include "connector/aws/trust_principals.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "aws_iam_connector/json_text.h"

namespace aic::aws_internal {
namespace {

using json = nlohmann::json;

// The STS actions that assume a role.
constexpr std::array<std::string_view, 3> kAssumeActions = {
    "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"};
constexpr std::string_view kAnyone = "*";

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// IAM's action wildcards: `*` any run, `?` one character; without case.
bool ActionMatches(std::string_view pattern, std::string_view value) {
  std::size_t p = 0, v = 0, star = std::string_view::npos, mark = 0;
  while (v < value.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || Lower(pattern[p]) == Lower(value[v]))) {
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

// The strings of a value that is a string or a list of strings.
std::vector<std::string> Strings(const json& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& v : value) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

bool AnyMatches(const std::vector<std::string>& patterns, std::string_view action) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& p) { return ActionMatches(p, action); });
}

// True when the statement's Action (or NotAction) lets one of the assume actions through.
bool CoversAssumeRole(const json& statement) {
  if (auto it = statement.find("Action"); it != statement.end()) {
    const auto patterns = Strings(*it);
    return std::any_of(kAssumeActions.begin(), kAssumeActions.end(),
                       [&](std::string_view a) { return AnyMatches(patterns, a); });
  }
  if (auto it = statement.find("NotAction"); it != statement.end()) {
    const auto patterns = Strings(*it);
    return std::any_of(kAssumeActions.begin(), kAssumeActions.end(),
                       [&](std::string_view a) { return !AnyMatches(patterns, a); });
  }
  return false;
}

std::vector<std::string> ConditionKeys(const json& statement) {
  std::vector<std::string> keys;
  auto it = statement.find("Condition");
  if (it == statement.end() || !it->is_object()) return keys;
  for (const auto& [op, block] : it->items()) {
    if (!block.is_object()) continue;
    for (const auto& [key, value] : block.items()) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

bool IsAccountId(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The account a principal names: a 12-digit id, an ARN's account field ("*" kept), or empty.
std::string AccountOf(std::string_view principal) {
  if (IsAccountId(principal)) return std::string(principal);
  return AccountIdOfArn(principal);
}

bool IsExternal(std::string_view type, std::string_view principal, std::string_view own) {
  if (principal == kAnyone) return true;
  if (type == "Service") return false;
  if (type == "CanonicalUser") return true;
  const std::string account = AccountOf(principal);
  if (type == "Federated" && !principal.starts_with("arn:")) return true;
  if (account.empty()) return false;
  return own.empty() || account != own;
}

void AddPrincipals(const json& principal, bool not_principal,
                   const std::vector<std::string>& conditions, std::string_view own,
                   std::vector<TrustedPrincipal>& out) {
  auto add = [&](const std::string& type, const std::string& value) {
    TrustedPrincipal p;
    p.type = type;
    p.principal = value;
    p.wildcard = not_principal || value.find('*') != std::string::npos;
    p.external = not_principal || IsExternal(type, value, own);
    p.conditions = conditions;
    out.push_back(std::move(p));
  };
  if (principal.is_string()) {
    // Only "*" is valid as a bare string; anything else is kept as an AWS principal.
    add("AWS", principal.get<std::string>());
    return;
  }
  if (!principal.is_object()) return;
  for (const auto& [type, values] : principal.items()) {
    for (const auto& v : Strings(values)) add(type, v);
  }
}

}  // namespace

std::string AccountIdOfArn(std::string_view arn) {
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
  if (!arn.starts_with("arn:")) return "";
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return "";
    ++pos;
  }
  const std::size_t end = arn.find(':', pos);
  if (end == std::string_view::npos) return "";
  return std::string(arn.substr(pos, end - pos));
}

std::vector<TrustedPrincipal> DecodeTrustPolicy(std::string_view document_json,
                                                std::string_view own_account_id) {
  std::vector<TrustedPrincipal> out;
  auto parsed = ParseJson(document_json);
  if (!parsed.ok() || !parsed->is_object()) return out;
  auto it = parsed->find("Statement");
  if (it == parsed->end()) return out;
  std::vector<const json*> statements;
  if (it->is_object()) {
    statements.push_back(&*it);
  } else if (it->is_array()) {
    for (const auto& s : *it) statements.push_back(&s);
  }
  for (const json* s : statements) {
    if (!s->is_object()) continue;
    auto effect = s->find("Effect");
    if (effect == s->end() || *effect != "Allow" || !CoversAssumeRole(*s)) continue;
    const auto conditions = ConditionKeys(*s);
    if (auto p = s->find("Principal"); p != s->end()) {
      AddPrincipals(*p, false, conditions, own_account_id, out);
    } else if (auto np = s->find("NotPrincipal"); np != s->end()) {
      AddPrincipals(*np, true, conditions, own_account_id, out);
    }
  }
  return out;
}

json TrustedPrincipalsToJson(const std::vector<TrustedPrincipal>& principals) {
  json out = json::array();
  for (const auto& p : principals) {
    out.push_back({{"type", p.type},
                   {"principal", p.principal},
                   {"external", p.external},
                   {"wildcard", p.wildcard},
                   {"conditions", p.conditions}});
  }
  return out;
}

}  // namespace aic::aws_internal
