// SnapshotReader: one import line at a time into the facts the review's checks need.
#include <ctime>
#include <nlohmann/json.hpp>

#include "review/review.h"

namespace aic::review {
namespace {

using nlohmann::json;

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string StringOf(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

bool BoolOf(const json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_boolean() && it->get<bool>();
}

std::optional<EpochSeconds> DateOf(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_string()) return std::nullopt;
  return ParseIsoTime(it->get<std::string>());
}

std::optional<std::int64_t> IntOf(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

std::vector<std::string> StringsOf(const json& o, const char* key) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (out.size() >= kMaxEntriesPerObject) break;
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::vector<AccessKeyFacts> KeysOf(const json& o) {
  std::vector<AccessKeyFacts> keys;
  auto it = o.find("accessKeyUsage");
  if (it == o.end() || !it->is_array()) return keys;
  for (const auto& k : *it) {
    if (keys.size() >= kMaxEntriesPerObject) break;
    if (!k.is_object()) continue;
    AccessKeyFacts key;
    key.slot = static_cast<int>(IntOf(k, "slot").value_or(0));
    key.active = BoolOf(k, "active");
    key.last_rotated = DateOf(k, "LastRotated");
    key.last_used = DateOf(k, "LastUsedDate");
    keys.push_back(key);
  }
  return keys;
}

bool ContainsStar(const json& v) {
  if (v.is_string()) return v.get<std::string>() == "*";
  if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_string() && e.get<std::string>() == "*") return true;
    }
  }
  return false;
}

// A statement Effect Allow, Action "*" (or a list holding "*"), Resource "*" likewise.
bool IsFullAdmin(const json& document) {
  json parsed;
  const json* doc = &document;
  if (document.is_string()) {  // an import that kept the document encoded
    parsed = json::parse(document.get<std::string>(), nullptr, false);
    if (parsed.is_discarded()) return false;
    doc = &parsed;
  }
  if (!doc->is_object()) return false;
  auto st = doc->find("Statement");
  if (st == doc->end()) return false;
  auto one = [](const json& s) {
    if (!s.is_object() || StringOf(s, "Effect") != "Allow") return false;
    auto a = s.find("Action");
    auto r = s.find("Resource");
    return a != s.end() && r != s.end() && ContainsStar(*a) && ContainsStar(*r);
  };
  if (st->is_array()) {
    for (const auto& s : *st) {
      if (one(s)) return true;
    }
    return false;
  }
  return one(*st);
}

void ReadSummary(const json& o, Snapshot& snapshot) {
  SummaryFacts s;
  s.account_id = StringOf(o, "accountId");
  if (auto m = o.find("summary"); m != o.end() && m->is_object()) {
    s.account_mfa_enabled = IntOf(*m, "AccountMFAEnabled");
    s.account_access_keys_present = IntOf(*m, "AccountAccessKeysPresent");
  }
  if (auto p = o.find("passwordPolicy"); p != o.end()) {
    s.password_policy_known = true;
    s.has_password_policy = p->is_object();
    if (p->is_object()) {
      s.minimum_password_length = IntOf(*p, "MinimumPasswordLength");
      s.password_reuse_prevention = IntOf(*p, "PasswordReusePrevention");
    }
  }
  if (auto r = o.find("root"); r != o.end() && r->is_object()) {
    s.root_known = true;
    s.root_mfa_active = BoolOf(*r, "mfaActive");
    for (const auto& k : KeysOf(*r)) s.root_active_keys += k.active ? 1 : 0;
  }
  s.credential_report_time = DateOf(o, "credentialReportGeneratedTime");
  s.usage_error = StringOf(o, "usageError");
  if (auto u = o.find("unavailable"); u != o.end() && u->is_object()) {
    for (const auto& [action, message] : u->items()) {
      s.unavailable[action] = message.is_string() ? message.get<std::string>() : message.dump();
    }
  }
  // A refused GetAccountPasswordPolicy leaves passwordPolicy null: not "the account has none".
  if (s.unavailable.count("GetAccountPasswordPolicy")) s.password_policy_known = false;
  snapshot.summary = std::move(s);
}

void ReadUser(const json& o, Snapshot& snapshot) {
  UserFacts u;
  u.name = StringOf(o, "__NAME__");
  u.arn = StringOf(o, "Arn");
  u.created = DateOf(o, "CreatedDate");
  auto pe = o.find("passwordEnabled");
  u.usage_known = pe != o.end() && pe->is_boolean();
  u.password_enabled = BoolOf(o, "passwordEnabled");
  u.mfa_active = BoolOf(o, "mfaActive");
  u.password_last_used = DateOf(o, "PasswordLastUsed");
  u.keys = KeysOf(o);
  u.policies = StringsOf(o, "policies");
  u.inline_policies = StringsOf(o, "inlinePolicies");
  snapshot.users.push_back(std::move(u));
}

void ReadRole(const json& o, Snapshot& snapshot) {
  RoleFacts r;
  r.name = StringOf(o, "__NAME__");
  r.arn = StringOf(o, "Arn");
  r.created = DateOf(o, "CreatedDate");
  if (auto lu = o.find("RoleLastUsed"); lu != o.end() && lu->is_object()) {
    r.last_used = DateOf(*lu, "LastUsedDate");
  }
  r.service_linked = BoolOf(o, "serviceLinked");
  r.policies = StringsOf(o, "policies");
  if (auto tp = o.find("trustedPrincipals"); tp != o.end() && tp->is_array()) {
    for (const auto& t : *tp) {
      if (r.trust.size() >= kMaxEntriesPerObject) break;
      if (!t.is_object()) continue;
      r.trust.push_back(TrustFacts{StringOf(t, "type"), StringOf(t, "principal"),
                                   BoolOf(t, "external"), BoolOf(t, "wildcard"),
                                   StringsOf(t, "conditions")});
    }
  }
  snapshot.roles.push_back(std::move(r));
}

void ReadPolicy(const json& o, Snapshot& snapshot) {
  PolicyFacts p;
  p.arn = StringOf(o, "Arn");
  p.name = StringOf(o, "__NAME__");
  p.customer_managed =
      StringOf(o, "Scope") == "Local" ||
      (StringOf(o, "Scope").empty() && p.arn.find(":iam::aws:") == std::string::npos);
  p.attachment_count = IntOf(o, "AttachmentCount").value_or(0);
  if (auto d = o.find("document"); d != o.end() && !d->is_null()) {
    p.has_document = true;
    p.full_admin = IsFullAdmin(*d);
  }
  snapshot.policies.push_back(std::move(p));
}

}  // namespace

std::optional<EpochSeconds> ParseIsoTime(std::string_view t) {
  // YYYY-MM-DD[THH:MM:SS[.fff][Z|+00:00]]
  if (t.size() < 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!IsDigits(t.substr(0, 4)) || !IsDigits(t.substr(5, 2)) || !IsDigits(t.substr(8, 2))) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = ToInt(t.substr(0, 4)) - 1900;
  tm.tm_mon = ToInt(t.substr(5, 2)) - 1;
  tm.tm_mday = ToInt(t.substr(8, 2));
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31) return std::nullopt;
  std::string_view rest = t.substr(10);
  if (!rest.empty()) {
    if (rest.size() < 9 || (rest[0] != 'T' && rest[0] != ' ') || rest[3] != ':' || rest[6] != ':' ||
        !IsDigits(rest.substr(1, 2)) || !IsDigits(rest.substr(4, 2)) ||
        !IsDigits(rest.substr(7, 2))) {
      return std::nullopt;
    }
    tm.tm_hour = ToInt(rest.substr(1, 2));
    tm.tm_min = ToInt(rest.substr(4, 2));
    tm.tm_sec = ToInt(rest.substr(7, 2));
    if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) return std::nullopt;
    rest = rest.substr(9);
    if (!rest.empty() && rest[0] == '.') {
      std::size_t i = 1;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
      if (i == 1) return std::nullopt;
      rest = rest.substr(i);
    }
    if (!(rest.empty() || rest == "Z" || rest == "+00:00")) return std::nullopt;
  }
  return static_cast<EpochSeconds>(::timegm(&tm));
}

std::string FormatIsoTime(EpochSeconds t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  ::gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status SnapshotReader::AddLine(std::string_view line) {
  ++line_number_;
  auto fail = [&](const std::string& why) {
    return Status(ErrorCode::kInvalidInput, "line " + std::to_string(line_number_) + ": " + why);
  };
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return Status::Ok();
  if (line.size() > kMaxLineBytes) {
    return fail("longer than " + std::to_string(kMaxLineBytes) + " bytes");
  }
  json value = json::parse(line, nullptr, false);
  if (value.is_discarded()) return fail("not a JSON value");
  if (!value.is_object()) return fail("not a JSON object");
  auto oc = value.find("objectClass");
  if (oc == value.end() || !oc->is_string()) return fail("no \"objectClass\" string");
  const std::string object_class = oc->get<std::string>();
  if (object_class == "assignment") return Status::Ok();
  auto obj = value.find("object");
  if (obj == value.end() || !obj->is_object()) {
    return fail("a " + object_class + " line without an \"object\" object");
  }
  const json& o = *obj;
  if (object_class == "__ACCOUNT_SUMMARY__") {
    if (snapshot_.summary) return fail("a second __ACCOUNT_SUMMARY__ line");
    ReadSummary(o, snapshot_);
  } else if (object_class == "__ACCOUNT__") {
    ReadUser(o, snapshot_);
  } else if (object_class == "__GROUP__") {
    snapshot_.groups.push_back(
        GroupFacts{StringOf(o, "__NAME__"), StringOf(o, "Arn"), StringsOf(o, "policies")});
  } else if (object_class == "__ROLE__") {
    ReadRole(o, snapshot_);
  } else if (object_class == "__POLICY__") {
    ReadPolicy(o, snapshot_);
  } else if (object_class == "__SERVER_CERTIFICATE__") {
    snapshot_.certificates.push_back(
        CertificateFacts{StringOf(o, "__NAME__"), StringOf(o, "Arn"), DateOf(o, "Expiration")});
  }
  return Status::Ok();
}

}  // namespace aic::review
