// The report helpers (report_util.h) and the smaller account reports: ListPoliciesGranting-
// ServiceAccess, GetContextKeysForCustomPolicy / ForPrincipalPolicy and
// SetSecurityTokenServicePreferences. The credential report and service-last-accessed details
// live in credential_report.cc and service_last_accessed.cc.
#include <sodium.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "common/text_codec.h"
#include "emulator/state/report_util.h"

namespace aic::emulator::state {
namespace {

using nlohmann::json;

// At most this many namespaces in ListPoliciesGrantingServiceAccess (model: 1..200).
constexpr std::size_t kMaxServiceNamespaces = 200;

// Case-insensitive glob match with '*' and '?' (IAM's Action wildcards).
bool GlobMatch(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' || text::AsciiLower(pattern[p]) == text::AsciiLower(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// A string or an array of strings (anything else gives nothing).
std::vector<std::string> Strings(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string()) out.push_back(e.get<std::string>());
    }
  }
  return out;
}

// The statements of a policy document (Statement may be one object or an array).
std::vector<json> Statements(const json& doc) {
  std::vector<json> out;
  if (!doc.is_object() || !doc.contains("Statement")) return out;
  const json& s = doc["Statement"];
  if (s.is_object()) out.push_back(s);
  if (s.is_array()) {
    for (const auto& e : s) {
      if (e.is_object()) out.push_back(e);
    }
  }
  return out;
}

// The namespace part of an action pattern ("iam:Get*" -> "iam", "*" -> "*").
std::string NamespaceOf(std::string_view action) {
  auto colon = action.find(':');
  return std::string(colon == std::string_view::npos ? action : action.substr(0, colon));
}

std::string EntityArn(const Ctx& ctx, std::string_view kind, const std::string& path,
                      const std::string& name) {
  return ctx.Arn("iam", std::string(kind) + path + name);
}

PrincipalRef UserPrincipal(const Ctx& ctx, const User& u) {
  return {"arn:aws:iam::" + ctx.account + ":user" + u.path + u.name,
          UserArn(ctx, u),
          u.name,
          "USER",
          u.id,
          u.path};
}

PrincipalRef RolePrincipal(const Ctx& ctx, const Role& r) {
  return {"arn:aws:iam::" + ctx.account + ":role" + r.path + r.name,
          EntityArn(ctx, "role", r.path, r.name),
          r.name,
          "ROLE",
          r.id,
          r.path};
}

void AddManaged(const Ctx& ctx, const std::vector<std::string>& arns, std::string_view type,
                const std::string& owner, std::vector<PolicyRef>& out) {
  for (const auto& arn : arns) {
    const ManagedPolicy* p = ctx.st.FindPolicy(arn);
    if (p == nullptr) continue;
    PolicyRef ref{p->name, "MANAGED", p->arn, std::string(type), owner, {}};
    for (const auto& v : p->versions) {
      if (v.id == p->default_version) ref.document = v.document;
    }
    out.push_back(std::move(ref));
  }
}

void AddInline(const std::map<std::string, std::string>& policies, std::string_view type,
               const std::string& owner, std::vector<PolicyRef>& out) {
  for (const auto& [name, doc] : policies) {
    out.push_back({name, "INLINE", "", std::string(type), owner, doc});
  }
}

// ---- ListPoliciesGrantingServiceAccess ----

Result<std::string> ListPoliciesGrantingServiceAccess(Ctx& ctx) {
  EMU_ASSIGN(arn, Required(ctx, "Arn"));
  std::vector<std::string> namespaces = MemberList(ctx, "ServiceNamespaces");
  if (namespaces.empty() || namespaces.size() > kMaxServiceNamespaces) {
    return ValidationError(
        "1 validation error detected: Value at 'serviceNamespaces' failed to satisfy "
        "constraint: Member must have length between 1 and 200");
  }
  for (const auto& ns : namespaces) {
    bool ok = !ns.empty() && ns.size() <= 64 && std::all_of(ns.begin(), ns.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
    if (!ok) {
      return ValidationError("1 validation error detected: Value '" + ns +
                             "' at 'serviceNamespaces' failed to satisfy constraint: Member "
                             "must satisfy regular expression pattern: [\\w-]*");
    }
  }
  EMU_ASSIGN(entity, EntityFromArn(ctx, arn, /*allow_policy=*/false));
  std::vector<PolicyRef> policies = PoliciesOf(ctx, entity);
  std::vector<std::set<std::string>> allowed;
  for (const auto& p : policies) allowed.push_back(AllowedNamespaces(p.document));
  XmlWriter w = BeginResult(ctx);
  w.Open("PoliciesGrantingServiceAccess");
  for (const auto& ns : namespaces) {
    w.Open("member");
    w.Element("ServiceNamespace", ns);
    w.Open("Policies");
    for (std::size_t i = 0; i < policies.size(); ++i) {
      if (!allowed[i].count(text::AsciiLower(ns))) continue;
      const PolicyRef& p = policies[i];
      w.Open("member");
      w.Element("PolicyName", p.name);
      w.Element("PolicyType", p.type);
      if (!p.policy_arn.empty()) w.Element("PolicyArn", p.policy_arn);
      if (!p.entity_type.empty()) {
        w.Element("EntityType", p.entity_type);
        w.Element("EntityName", p.entity_name);
      }
      w.Close();
    }
    w.Close();
    w.Close();
  }
  w.Close();
  w.Element("IsTruncated", false);
  return EndResult(ctx, std::move(w));
}

// ---- GetContextKeysFor*Policy ----

// Adds the "${key}" policy variables of a string.
void AddVariables(std::string_view s, std::vector<std::string>& keys) {
  for (std::size_t i = s.find("${"); i != std::string_view::npos; i = s.find("${", i + 2)) {
    std::size_t end = s.find('}', i + 2);
    if (end == std::string_view::npos) return;
    std::string_view key = s.substr(i + 2, end - i - 2);
    // "${aws:username, 'default'}" names the key before the comma.
    key = key.substr(0, key.find(','));
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    if (key.find(':') != std::string_view::npos) keys.emplace_back(key);
  }
}

// The condition keys of a document (Condition blocks, and policy variables in Resource,
// NotResource and condition values). InvalidInput when it is not a JSON object.
Status ContextKeysOf(std::string_view doc, std::vector<std::string>& keys) {
  json j = json::parse(doc, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return InvalidInput("Syntax errors in policy.");
  for (const json& s : Statements(j)) {
    for (const char* field : {"Resource", "NotResource"}) {
      if (s.contains(field)) {
        for (const auto& r : Strings(s[field])) AddVariables(r, keys);
      }
    }
    if (!s.contains("Condition") || !s["Condition"].is_object()) continue;
    for (const auto& [op, block] : s["Condition"].items()) {
      if (!block.is_object()) continue;
      for (const auto& [key, value] : block.items()) {
        keys.push_back(key);
        for (const auto& v : Strings(value)) AddVariables(v, keys);
      }
    }
  }
  return Status::Ok();
}

// Case-insensitively sorted and de-duplicated (the first spelling stays).
std::string ContextKeysXml(Ctx& ctx, std::vector<std::string> keys) {
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return text::AsciiLower(a) < text::AsciiLower(b);
  });
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [](const std::string& a, const std::string& b) {
                           return text::AsciiLower(a) == text::AsciiLower(b);
                         }),
             keys.end());
  XmlWriter w = BeginResult(ctx);
  w.Open("ContextKeyNames");
  for (const auto& k : keys) w.Element("member", k);
  w.Close();
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetContextKeysForCustomPolicy(Ctx& ctx) {
  std::vector<std::string> docs = MemberList(ctx, "PolicyInputList");
  std::vector<std::string> keys;
  for (const auto& d : docs) AIC_RETURN_IF_ERROR(ContextKeysOf(d, keys));
  return ContextKeysXml(ctx, std::move(keys));
}

Result<std::string> GetContextKeysForPrincipalPolicy(Ctx& ctx) {
  EMU_ASSIGN(arn, Required(ctx, "PolicySourceArn"));
  EMU_ASSIGN(entity, EntityFromArn(ctx, arn, /*allow_policy=*/false));
  std::vector<std::string> keys;
  for (const auto& p : PoliciesOf(ctx, entity))
    AIC_RETURN_IF_ERROR(ContextKeysOf(p.document, keys));
  for (const auto& d : MemberList(ctx, "PolicyInputList")) {
    AIC_RETURN_IF_ERROR(ContextKeysOf(d, keys));
  }
  return ContextKeysXml(ctx, std::move(keys));
}

// ---- SetSecurityTokenServicePreferences ----

// v1Token is stored as "" (AWS's default; GetAccountSummary GlobalEndpointTokenVersion 1).
Result<std::string> SetSecurityTokenServicePreferences(Ctx& ctx) {
  EMU_ASSIGN(version, Required(ctx, "GlobalEndpointTokenVersion"));
  if (version != "v1Token" && version != "v2Token") {
    return ValidationError("1 validation error detected: Value '" + version +
                           "' at 'globalEndpointTokenVersion' failed to satisfy constraint: "
                           "Member must satisfy enum value set: [v1Token, v2Token]");
  }
  ctx.st.account.sts_global_token_version = version == "v2Token" ? "v2Token" : "";
  ctx.dirty.account = true;
  return EmptyResult(ctx);
}

}  // namespace

Result<EntityRef> EntityFromArn(Ctx& ctx, const std::string& arn, bool allow_policy) {
  const Status invalid = InvalidInput("ARN " + arn + " is not valid.");
  // arn:PARTITION:iam::ACCOUNT:RESOURCE
  std::vector<std::string_view> parts;
  std::string_view rest = arn;
  for (int i = 0; i < 5; ++i) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return invalid;
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  if (parts[0] != "arn" || parts[2] != "iam") return invalid;
  std::string_view resource = rest;
  auto slash = resource.find('/');
  auto last = resource.rfind('/');
  if (slash == std::string_view::npos || last + 1 >= resource.size()) return invalid;
  std::string_view kind = resource.substr(0, slash);
  std::string path(resource.substr(slash, last - slash + 1));
  std::string name(resource.substr(last + 1));
  EntityRef e;
  if (kind == "policy") {
    if (!allow_policy) return invalid;
    e.policy = ctx.st.FindPolicy(arn);
    if (e.policy == nullptr) {
      return NoSuchEntity("Policy " + arn + " does not exist or is not attachable.");
    }
    return e;
  }
  if (parts[4] != ctx.account) return invalid;
  if (kind == "user") {
    e.user = ctx.st.FindUser(name);
    if (e.user == nullptr || e.user->path != path) return NoSuchUser(name);
  } else if (kind == "group") {
    e.group = ctx.st.FindGroup(name);
    if (e.group == nullptr || e.group->path != path) return NoSuchGroup(name);
  } else if (kind == "role") {
    e.role = ctx.st.FindRole(name);
    if (e.role == nullptr || e.role->path != path) {
      return NoSuchEntity("The role with name " + name + " cannot be found.");
    }
  } else {
    return invalid;
  }
  return e;
}

std::vector<PolicyRef> PoliciesOf(const Ctx& ctx, const EntityRef& e) {
  std::vector<PolicyRef> out;
  if (e.user != nullptr) {
    AddInline(e.user->inline_policies, "USER", e.user->name, out);
    AddManaged(ctx, e.user->attached, "", "", out);
    for (const auto& gid : e.user->groups) {
      auto g = ctx.st.groups_by_id.find(gid);
      if (g == ctx.st.groups_by_id.end()) continue;
      AddInline(g->second->inline_policies, "GROUP", g->second->name, out);
      AddManaged(ctx, g->second->attached, "GROUP", g->second->name, out);
    }
  } else if (e.group != nullptr) {
    AddInline(e.group->inline_policies, "GROUP", e.group->name, out);
    AddManaged(ctx, e.group->attached, "", "", out);
  } else if (e.role != nullptr) {
    AddInline(e.role->inline_policies, "ROLE", e.role->name, out);
    AddManaged(ctx, e.role->attached, "", "", out);
  } else if (e.policy != nullptr) {
    AddManaged(ctx, {e.policy->arn}, "", "", out);
  }
  return out;
}

std::set<std::string> AllowedNamespaces(std::string_view doc) {
  std::set<std::string> out;
  json j = json::parse(doc, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return out;
  for (const json& s : Statements(j)) {
    if (s.value("Effect", "") != "Allow") continue;
    if (s.contains("Action")) {
      for (const auto& action : Strings(s["Action"])) {
        std::string ns = NamespaceOf(action);
        if (ns.find_first_of("*?") == std::string::npos) {
          out.insert(text::AsciiLower(ns));
          continue;
        }
        for (std::string_view known : kKnownServices) {
          if (GlobMatch(ns, known)) out.insert(std::string(known));
        }
      }
    }
    if (s.contains("NotAction")) {
      // Allow + NotAction allows every service but those excluded wholesale ("iam:*").
      std::vector<std::string> excluded = Strings(s["NotAction"]);
      for (std::string_view known : kKnownServices) {
        bool all_excluded = std::any_of(excluded.begin(), excluded.end(), [&](const auto& a) {
          return GlobMatch(a, std::string(known) + ":*");
        });
        if (!all_excluded) out.insert(std::string(known));
      }
    }
  }
  return out;
}

std::string ServiceDisplayName(std::string_view ns) {
  static const std::map<std::string_view, std::string_view> kNames = {
      {"cloudwatch", "Amazon CloudWatch"},
      {"dynamodb", "Amazon DynamoDB"},
      {"ec2", "Amazon EC2"},
      {"iam", "AWS Identity and Access Management"},
      {"kms", "AWS Key Management Service"},
      {"lambda", "AWS Lambda"},
      {"logs", "Amazon CloudWatch Logs"},
      {"organizations", "AWS Organizations"},
      {"s3", "Amazon S3"},
      {"sns", "Amazon SNS"},
      {"sqs", "Amazon SQS"},
      {"sts", "AWS Security Token Service"},
  };
  auto it = kNames.find(ns);
  return std::string(it == kNames.end() ? ns : it->second);
}

std::vector<PrincipalRef> PrincipalsOf(const Ctx& ctx, const EntityRef& e) {
  std::map<std::string, PrincipalRef> by_arn;
  auto add_user = [&](const User& u) {
    PrincipalRef p = UserPrincipal(ctx, u);
    by_arn.emplace(p.key_arn, std::move(p));
  };
  auto add_members = [&](const Group& g) {
    for (const auto& uid : g.members) {
      auto u = ctx.st.users_by_id.find(uid);
      if (u != ctx.st.users_by_id.end()) add_user(*u->second);
    }
  };
  if (e.user != nullptr) add_user(*e.user);
  if (e.role != nullptr) {
    PrincipalRef p = RolePrincipal(ctx, *e.role);
    by_arn.emplace(p.key_arn, std::move(p));
  }
  if (e.group != nullptr) add_members(*e.group);
  if (e.policy != nullptr) {
    const std::string& arn = e.policy->arn;
    auto has = [&](const std::vector<std::string>& v) {
      return std::find(v.begin(), v.end(), arn) != v.end();
    };
    for (const auto& [k, u] : ctx.st.users) {
      if (has(u.attached)) add_user(u);
    }
    for (const auto& [k, g] : ctx.st.groups) {
      if (has(g.attached)) add_members(g);
    }
    for (const auto& [k, r] : ctx.st.roles) {
      if (has(r.attached)) {
        PrincipalRef p = RolePrincipal(ctx, r);
        by_arn.emplace(p.key_arn, std::move(p));
      }
    }
  }
  std::vector<PrincipalRef> out;
  for (auto& [arn, p] : by_arn) out.push_back(std::move(p));
  return out;
}

std::string IsoTime(Time t) { return text::FormatIso8601(t); }

std::string NewUuid() {
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 0x0f];
  }
  return out;
}

void RegisterReportActions(ActionTable& t) {
  RegisterCredentialReportActions(t);
  RegisterServiceLastAccessedActions(t);
  t["ListPoliciesGrantingServiceAccess"] = {ListPoliciesGrantingServiceAccess, false};
  t["GetContextKeysForCustomPolicy"] = {GetContextKeysForCustomPolicy, false};
  t["GetContextKeysForPrincipalPolicy"] = {GetContextKeysForPrincipalPolicy, false};
  t["SetSecurityTokenServicePreferences"] = {SetSecurityTokenServicePreferences, true};
}

}  // namespace aic::emulator::state
