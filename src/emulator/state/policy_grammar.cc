#include "emulator/state/policy_grammar.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "emulator/state/action_context.h"

namespace aic::emulator::state {
namespace {

using nlohmann::json;

constexpr std::string_view kSyntax = "Syntax errors in policy.";
constexpr std::string_view kInvalidJson = "This policy contains invalid Json";
constexpr std::string_view kVersion = "Policy document must be version 2012-10-17 or greater.";
constexpr std::string_view kNoPrincipal = "Policy document should not specify a principal.";
constexpr std::string_view kTrustResource = "Has prohibited field Resource";
constexpr std::string_view kTrustPrincipal = "Missing required field Principal";
constexpr std::string_view kLegacy = "The policy failed legacy parsing";
constexpr std::string_view kSidChars =
    "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
    "expression [0-9A-Za-z]*";
constexpr std::string_view kSidUnique = "Statement IDs (SID) in a single policy must be unique.";
constexpr std::string_view kNoActions = "Policy statement must contain actions.";
constexpr std::string_view kNoResources = "Policy statement must contain resources.";
constexpr std::string_view kVendor =
    "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
constexpr std::string_view kOneColon = "Actions/Condition can contain only one colon.";
constexpr std::string_view kTrustActions =
    "AssumeRole policy may only specify STS AssumeRole actions.";
constexpr std::string_view kVendorRegex =
    "Resource vendor must be fully qualified and cannot contain regexes.";
constexpr std::string_view kIamPath =
    "IAM resource path must either be \"*\", root, or start with user/, federated-user/, role/, "
    "group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, "
    "oidc-provider/, report/, access-report/.";

constexpr std::array<std::string_view, 3> kTopElements = {"Version", "Id", "Statement"};
constexpr std::array<std::string_view, 9> kStatementElements = {
    "Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
    "NotAction", "Resource", "NotResource", "Condition"};
constexpr std::array<std::string_view, 4> kPrincipalKinds = {"AWS", "Service", "Federated",
                                                             "CanonicalUser"};
// The condition operators of reference_policies_elements_condition_operators.html (lower case).
constexpr std::array<std::string_view, 27> kConditionOperators = {"stringequals",
                                                                  "stringnotequals",
                                                                  "stringequalsignorecase",
                                                                  "stringnotequalsignorecase",
                                                                  "stringlike",
                                                                  "stringnotlike",
                                                                  "numericequals",
                                                                  "numericnotequals",
                                                                  "numericlessthan",
                                                                  "numericlessthanequals",
                                                                  "numericgreaterthan",
                                                                  "numericgreaterthanequals",
                                                                  "dateequals",
                                                                  "datenotequals",
                                                                  "datelessthan",
                                                                  "datelessthanequals",
                                                                  "dategreaterthan",
                                                                  "dategreaterthanequals",
                                                                  "bool",
                                                                  "binaryequals",
                                                                  "ipaddress",
                                                                  "notipaddress",
                                                                  "arnequals",
                                                                  "arnlike",
                                                                  "arnnotequals",
                                                                  "arnnotlike",
                                                                  "null"};
// Partitions an ARN may name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)
// and "*".
constexpr std::array<std::string_view, 9> kPartitions = {"aws",       "aws-cn",    "aws-us-gov",
                                                         "aws-iso",   "aws-iso-b", "aws-iso-e",
                                                         "aws-iso-f", "aws-eusc",  "*"};
// The resource types an IAM ARN may name (the list of AWS's own message).
constexpr std::array<std::string_view, 13> kIamResourcePrefixes = {"user/",
                                                                   "federated-user/",
                                                                   "role/",
                                                                   "group/",
                                                                   "instance-profile/",
                                                                   "mfa/",
                                                                   "server-certificate/",
                                                                   "policy/",
                                                                   "sms-mfa/",
                                                                   "saml-provider/",
                                                                   "oidc-provider/",
                                                                   "report/",
                                                                   "access-report/"};
// What a trust policy may allow (reference_policies_elements_principal.html, id_session-tags,
// id_credentials_temp_control-access_monitor, id_roles_providers_oidc).
constexpr std::array<std::string_view, 6> kTrustActionNames = {
    "sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
    "sts:tagsession", "sts:setsourceidentity",  "sts:setcontext"};

template <std::size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& set) {
  for (auto v : set) {
    if (v == s) return true;
  }
  return false;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

std::string Join(const std::vector<std::string_view>& parts, std::size_t from, char sep) {
  std::string out;
  for (std::size_t i = from; i < parts.size(); ++i) {
    if (i > from) out += sep;
    out += parts[i];
  }
  return out;
}

bool IsStringList(const json& v) {
  if (v.is_string()) return true;
  if (!v.is_array()) return false;
  for (const auto& e : v) {
    if (!e.is_string()) return false;
  }
  return true;
}

// The strings of a string-or-list element (absent: none).
std::vector<std::string> Strings(const json& s, const char* element) {
  std::vector<std::string> out;
  auto it = s.find(element);
  if (it == s.end()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
  } else {
    for (const auto& e : *it) out.push_back(e.get<std::string>());
  }
  return out;
}

// ---- grammar (reference_policies_grammar.html) ----

// A condition operator without its set prefix (ForAllValues:/ForAnyValue:) and IfExists suffix,
// in lower case.
std::string BaseOperator(std::string_view op) {
  std::string s = Lower(op);
  for (std::string_view prefix : {"forallvalues:", "foranyvalue:"}) {
    if (StartsWith(s, prefix)) {
      s.erase(0, prefix.size());
      break;
    }
  }
  constexpr std::string_view kIfExists = "ifexists";
  if (s.size() > kIfExists.size() && s.substr(s.size() - kIfExists.size()) == kIfExists) {
    s.resize(s.size() - kIfExists.size());
  }
  return s;
}

bool IsConditionValue(const json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

// Condition: { operator: { key: value | [value, ...] } }. An operator with an empty block is
// accepted whatever its name (AWS accepts {"a": {}}); a non-empty block needs a known operator.
bool ConditionOk(const json& c) {
  if (!c.is_object()) return false;
  for (const auto& [op, block] : c.items()) {
    if (!block.is_object()) return false;
    if (!block.empty() && !OneOf(BaseOperator(op), kConditionOperators)) return false;
    for (const auto& [key, value] : block.items()) {
      if (value.is_array()) {
        for (const auto& e : value) {
          if (!IsConditionValue(e)) return false;
        }
      } else if (!IsConditionValue(value)) {
        return false;
      }
    }
  }
  return true;
}

// Principal: "*" or { AWS|Service|Federated|CanonicalUser: id | [id, ...] }.
bool PrincipalOk(const json& p) {
  if (p.is_string()) return p.get<std::string>() == "*";
  if (!p.is_object()) return false;
  for (const auto& [kind, ids] : p.items()) {
    if (!OneOf(kind, kPrincipalKinds) || !IsStringList(ids)) return false;
  }
  return true;
}

bool StatementOk(const json& s) {
  if (!s.is_object()) return false;
  for (const auto& [key, value] : s.items()) {
    if (!OneOf(key, kStatementElements)) return false;
  }
  auto effect = s.find("Effect");
  if (effect == s.end() || !effect->is_string()) return false;
  std::string e = Lower(effect->get<std::string>());
  if (e != "allow" && e != "deny") return false;
  if (s.contains("Sid") && !s["Sid"].is_string()) return false;
  for (const char* element : {"Action", "NotAction", "Resource", "NotResource"}) {
    if (s.contains(element) && !IsStringList(s[element])) return false;
  }
  if (s.contains("Action") && s.contains("NotAction")) return false;
  if (s.contains("Resource") && s.contains("NotResource")) return false;
  if (s.contains("Principal") && s.contains("NotPrincipal")) return false;
  for (const char* element : {"Principal", "NotPrincipal"}) {
    if (s.contains(element) && !PrincipalOk(s[element])) return false;
  }
  if (s.contains("Condition") && !ConditionOk(s["Condition"])) return false;
  return true;
}

// The statements of a grammatical document; nullopt when the document is not grammatical.
std::optional<std::vector<const json*>> Statements(const json& doc) {
  if (!doc.is_object()) return std::nullopt;
  for (const auto& [key, value] : doc.items()) {
    if (!OneOf(key, kTopElements)) return std::nullopt;
  }
  if (doc.contains("Version")) {
    const json& v = doc["Version"];
    if (!v.is_string() || (v != "2012-10-17" && v != "2008-10-17")) return std::nullopt;
  }
  if (doc.contains("Id") && !doc["Id"].is_string()) return std::nullopt;
  auto it = doc.find("Statement");
  if (it == doc.end()) return std::nullopt;
  std::vector<const json*> out;
  if (it->is_object()) {
    out.push_back(&*it);
  } else if (it->is_array() && !it->empty()) {
    for (const auto& s : *it) out.push_back(&s);
  } else {
    return std::nullopt;
  }
  for (const json* s : out) {
    if (!StatementOk(*s)) return std::nullopt;
  }
  return out;
}

// ---- legacy parsing ----

// Digits only, at most 18 of them (fits int64).
std::optional<std::int64_t> Number(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.front() == '-') return std::nullopt;
  return v;
}

bool InRange(std::string_view s, std::int64_t lo, std::int64_t hi) {
  auto v = Number(s);
  return v && *v >= lo && *v <= hi;
}

// Consumes leading digits of `s`.
std::string_view TakeDigits(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  std::string_view d = s.substr(0, n);
  s.remove_prefix(n);
  return d;
}

// hh[:mm[:ss[.fraction]]][z|(+|-)hh[:mm]], lower case; the hour may have one digit.
bool TimeOk(std::string_view t) {
  if (!InRange(TakeDigits(t), 0, 23)) return false;
  if (!t.empty() && t.front() == ':') {
    t.remove_prefix(1);
    if (!InRange(TakeDigits(t), 0, 59)) return false;
    if (!t.empty() && t.front() == ':') {
      t.remove_prefix(1);
      if (!InRange(TakeDigits(t), 0, 59)) return false;
      if (!t.empty() && t.front() == '.') {
        t.remove_prefix(1);
        if (!InRange(TakeDigits(t), 0, 999999999)) return false;
      }
    }
  }
  if (t.empty() || t == "z") return true;
  if (t.front() != '+' && t.front() != '-') return false;
  t.remove_prefix(1);
  std::string_view hh = TakeDigits(t);
  if (hh.size() != 2 || !InRange(hh, 0, 23)) return false;
  if (t.empty()) return true;
  if (t.front() != ':') return false;
  t.remove_prefix(1);
  std::string_view mm = TakeDigits(t);
  return mm.size() == 2 && InRange(mm, 0, 59) && t.empty();
}

// A Date* condition value: an ISO 8601 date-time ([-]year[-month[-day]][t time], years
// -292275054..292278993) when it has a "t" or "-", else epoch seconds 0..2^63-1.
bool DateValueOk(std::string_view value) {
  std::string s = Lower(value);
  if (s.find('t') == std::string::npos && s.find('-') == std::string::npos) {
    if (s.empty() || s.size() > 19) return false;
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && end == s.data() + s.size() && v <= INT64_MAX;
  }
  std::string_view all = s;
  std::size_t t = all.find('t');
  std::string_view date = all.substr(0, t);
  bool negative = StartsWith(date, "-");
  if (negative) date.remove_prefix(1);
  auto fields = Split(date, '-');
  if (fields.size() > 3) return false;
  auto year = Number(fields[0]);
  if (!year || (negative ? -*year < -292275054 : *year > 292278993)) return false;
  if (fields.size() > 1 && !InRange(fields[1], 1, 12)) return false;
  if (fields.size() > 2 && !InRange(fields[2], 1, 31)) return false;
  if (t == std::string_view::npos) return true;
  std::string_view time = all.substr(t + 1);
  return time.empty() || TimeOk(time);
}

// Effect in its exact case, and the values of Date* conditions.
bool LegacyStatementOk(const json& s) {
  const std::string effect = s["Effect"].get<std::string>();
  if (effect != "Allow" && effect != "Deny") return false;
  if (!s.contains("Condition")) return true;
  for (const auto& [op, block] : s["Condition"].items()) {
    if (!StartsWith(BaseOperator(op), "date")) continue;
    for (const auto& [key, value] : block.items()) {
      for (const json& v : value.is_array() ? value : json::array({value})) {
        if (!DateValueOk(v.is_string() ? v.get<std::string>() : v.dump())) return false;
      }
    }
  }
  return true;
}

// An ARN with an empty vendor, or one that has "::" but fewer than six fields.
bool LegacyResourceOk(std::string_view r) {
  if (r == "*") return true;
  auto fields = Split(r, ':');
  if (fields.size() < 6 && r.find("::") != std::string_view::npos) return false;
  return fields.size() < 3 || !fields[2].empty();
}

// ---- resources ----

// AWS's message for a resource that is not "*" or a well-formed ARN; "" when it is fine.
std::string ResourceError(const std::string& r) {
  if (r == "*") return "";
  if (r.find(':') == std::string::npos) {
    return "Resource " + r + " must be in ARN format or \"*\".";
  }
  auto f = Split(r, ':');  // f[0] is taken for "arn" whatever it says
  if (!OneOf(f[1], kPartitions)) {
    std::vector<std::string_view> rest(f.begin() + 2, f.end());
    if (rest.empty()) rest.emplace_back();
    std::string service = rest.size() == 1 && rest[0].empty() ? "*" : std::string(rest[0]);
    std::string region = rest.size() > 1 ? std::string(rest[1]) : "*";
    std::string account = rest.size() > 2 ? std::string(rest[2]) : "*";
    std::string resource = rest.size() > 3 ? Join(rest, 3, ':') : "*";
    return "Partition \"" + std::string(f[1]) +
           "\" is not valid for resource \"arn:" + std::string(f[1]) + ":" + service + ":" +
           region + ":" + account + ":" + resource + "\".";
  }
  if (f.size() == 2) return std::string(kVendorRegex);
  const std::string_view service = f[2];
  const bool has_region = f.size() > 3 && !f[3].empty();
  if (service == "iam" && has_region) {
    return "IAM resource " + r + " cannot contain region information.";
  }
  // Buckets and objects (no account) are global; access points, jobs etc. name a region.
  if (service == "s3" && has_region && (f.size() < 5 || f[4].empty())) {
    return "Resource " + r + " can not contain region information.";
  }
  if (service == "iam") {
    std::string path = Join(f, 5, ':');
    bool ok = path == "*" || path == "root";
    for (auto prefix : kIamResourcePrefixes) ok = ok || StartsWith(path, prefix);
    if (!ok) return std::string(kIamPath);
  }
  return "";
}

// ---- actions and principals ----

// AWS's message for an action that is not "*" or vendor:name; "" when it is fine.
std::string ActionError(const std::string& a) {
  if (a == "*") return "";
  std::size_t colon = a.find(':');
  if (colon == std::string::npos) return std::string(kVendor);
  if (a.find(':', colon + 1) != std::string::npos) return std::string(kOneColon);
  std::string_view vendor = std::string_view(a).substr(0, colon);
  bool ok = !vendor.empty();
  for (char c : vendor) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.' || c == '*' || c == '?');
  }
  return ok ? "" : "Vendor " + std::string(vendor) + " is not valid";
}

// IAM's wildcard match (* any run, ? one character), case-insensitive.
bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (GlobMatch(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern.front() != '?' && pattern.front() != text.front()) return false;
  return GlobMatch(pattern.substr(1), text.substr(1));
}

bool TrustActionOk(const std::string& a) {
  const std::string pattern = Lower(a);
  for (auto name : kTrustActionNames) {
    if (GlobMatch(pattern, name)) return true;
  }
  return false;
}

// An AWS principal: "*", a 12-digit account ID, or an ARN.
bool AwsPrincipalOk(const std::string& id) {
  if (id == "*" || StartsWith(id, "arn:")) return true;
  if (id.size() != 12) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string PrincipalError(const json& s) {
  for (const char* element : {"Principal", "NotPrincipal"}) {
    auto p = s.find(element);
    if (p == s.end() || !p->is_object() || !p->contains("AWS")) continue;
    for (const std::string& id : Strings(*p, "AWS")) {
      if (!AwsPrincipalOk(id)) return "Invalid principal in policy: \"AWS\":\"" + id + "\"";
    }
  }
  return "";
}

bool HasAny(const json& s, const char* a, const char* b) {
  return !Strings(s, a).empty() || !Strings(s, b).empty();
}

}  // namespace

Status CheckPolicyGrammar(std::string_view document, PolicyKind kind) {
  const bool trust = kind == PolicyKind::kTrust;
  json doc = json::parse(document, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return MalformedPolicy(std::string(trust ? kInvalidJson : kSyntax));
  auto statements = Statements(doc);
  if (!statements) return MalformedPolicy(std::string(kSyntax));

  if (!trust) {
    if (!doc.contains("Version") || doc["Version"] != "2012-10-17") {
      return MalformedPolicy(std::string(kVersion));
    }
    for (const json* s : *statements) {
      if (s->contains("Principal") || s->contains("NotPrincipal")) {
        return MalformedPolicy(std::string(kNoPrincipal));
      }
    }
  } else {
    for (const json* s : *statements) {
      if (s->contains("Resource")) return MalformedPolicy(std::string(kTrustResource));
    }
    for (const json* s : *statements) {
      if (!s->contains("Principal") && !s->contains("NotPrincipal")) {
        return MalformedPolicy(std::string(kTrustPrincipal));
      }
    }
  }

  for (const json* s : *statements) {
    if (!LegacyStatementOk(*s)) return MalformedPolicy(std::string(kLegacy));
  }
  // The first malformed resource's message waits until the presence checks have passed; legacy
  // parsing of a statement's ARNs happens only while no resource has been found malformed.
  std::string resource_error;
  if (!trust) {
    for (const json* s : *statements) {
      for (const char* element : {"Resource", "NotResource"}) {
        for (const std::string& r : Strings(*s, element)) {
          if (resource_error.empty()) resource_error = ResourceError(r);
        }
      }
      if (!resource_error.empty()) continue;
      for (const char* element : {"Resource", "NotResource"}) {
        for (const std::string& r : Strings(*s, element)) {
          if (!LegacyResourceOk(r)) return MalformedPolicy(std::string(kLegacy));
        }
      }
    }
  }

  std::set<std::string> sids;
  for (const json* s : *statements) {
    if (!s->contains("Sid")) continue;
    const std::string sid = (*s)["Sid"].get<std::string>();
    for (char c : sid) {
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return MalformedPolicy(std::string(kSidChars));
      }
    }
    if (!sid.empty() && !sids.insert(sid).second) return MalformedPolicy(std::string(kSidUnique));
  }
  for (const json* s : *statements) {
    if (!HasAny(*s, "Action", "NotAction")) return MalformedPolicy(std::string(kNoActions));
  }
  if (!trust) {
    for (const json* s : *statements) {
      if (!HasAny(*s, "Resource", "NotResource")) return MalformedPolicy(std::string(kNoResources));
    }
    if (!resource_error.empty()) return MalformedPolicy(resource_error);
  } else {
    for (const json* s : *statements) {
      std::string e = PrincipalError(*s);
      if (!e.empty()) return MalformedPolicy(e);
    }
  }

  for (const json* s : *statements) {
    for (const char* element : {"Action", "NotAction"}) {
      for (const std::string& a : Strings(*s, element)) {
        std::string e = ActionError(a);
        if (!e.empty()) return MalformedPolicy(e);
      }
    }
  }
  if (trust) {
    for (const json* s : *statements) {
      for (const std::string& a : Strings(*s, "Action")) {
        if (!TrustActionOk(a)) return MalformedPolicy(std::string(kTrustActions));
      }
    }
  }
  return Status::Ok();
}

std::size_t PolicySize(std::string_view document) {
  std::size_t n = 0;
  for (unsigned char c : document) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: same character
    ++n;
  }
  return n;
}

}  // namespace aic::emulator::state
