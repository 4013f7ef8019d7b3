#include "emulator/state/iam_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "common/text_codec.h"

namespace aic::emulator::state {
// (In this namespace, not the unnamed one: nlohmann finds them by argument-dependent lookup.)
// The entities added with the whole API are stored field by field with nlohmann's macros; a
// missing field takes the struct's default, so older rows load.
void to_json(nlohmann::json& j, const Tag& t) { j = nlohmann::json::array({t.key, t.value}); }
void from_json(const nlohmann::json& j, Tag& t) {
  t.key = j.at(0).get<std::string>();
  t.value = j.at(1).get<std::string>();
}
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(LastUse, date, service, region)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Role, id, name, path, created, trust_policy,
                                                description, max_session_duration, boundary_arn,
                                                tags, inline_policies, attached, service_linked,
                                                service_name)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InstanceProfile, id, name, path, created, roles,
                                                tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SamlProvider, arn, name, metadata, created,
                                                valid_until, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OidcProvider, arn, url, client_ids, thumbprints,
                                                created, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ServerCertificate, id, name, path, body, chain,
                                                uploaded, expiration, tags)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AccessReportJob, id, arn, granularity, created,
                                                completed)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ServiceAccess, date, region, entity_arn, actions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AccountSettings, aliases, sts_global_token_version,
                                                credential_report_generated, credential_report)

namespace {

using nlohmann::json;

// Stored text is UTF-8; invalid bytes from a request are replaced rather than thrown about.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json TagsJson(const std::vector<Tag>& tags) {
  json a = json::array();
  for (const auto& t : tags) a.push_back({t.key, t.value});
  return a;
}
std::vector<Tag> TagsFrom(const json& a) {
  std::vector<Tag> tags;
  for (const auto& t : a) tags.push_back({t.at(0).get<std::string>(), t.at(1).get<std::string>()});
  return tags;
}

// A role row carries RoleLastUsed beside the macro's fields (std::optional has no macro form).
json RoleJson(const Role& r) {
  json j = r;
  if (r.last_used) j["last_used"] = *r.last_used;
  return j;
}
Role RoleFrom(const json& j) {
  Role r = j.get<Role>();
  if (j.contains("last_used")) r.last_used = j["last_used"].get<LastUse>();
  return r;
}

json UserJson(const User& u) {
  json j = {{"id", u.id},
            {"name", u.name},
            {"path", u.path},
            {"created", u.created},
            {"boundary", u.boundary_arn},
            {"tags", TagsJson(u.tags)},
            {"inline", u.inline_policies},
            {"attached", u.attached},
            {"groups", u.groups}};
  if (u.password_last_used) j["pwd_used"] = *u.password_last_used;
  if (u.login) {
    j["login"] = {u.login->created, u.login->reset_required, u.login->password_hash,
                  u.login->password_changed, u.login->previous_hashes};
  }
  json keys = json::array();
  for (const auto& k : u.access_keys) {
    json key = {k.id, k.secret, k.status, k.created};
    if (k.last_used) key.push_back(*k.last_used);
    keys.push_back(std::move(key));
  }
  j["keys"] = keys;
  json certs = json::array();
  for (const auto& c : u.certificates) certs.push_back({c.id, c.body, c.status, c.uploaded});
  j["certs"] = certs;
  json ssh = json::array();
  for (const auto& s : u.ssh_keys)
    ssh.push_back({s.id, s.body, s.fingerprint, s.status, s.uploaded});
  j["ssh"] = ssh;
  json creds = json::array();
  for (const auto& c : u.service_credentials) {
    creds.push_back({c.id, c.service_name, c.service_user_name, c.status, c.created});
  }
  j["svc"] = creds;
  json mfa = json::array();
  for (const auto& m : u.mfa_devices) mfa.push_back({m.serial, m.enabled});
  j["mfa"] = mfa;
  return j;
}

User UserFrom(const json& j) {
  User u;
  u.id = j.at("id");
  u.name = j.at("name");
  u.path = j.at("path");
  u.created = j.at("created");
  u.boundary_arn = j.at("boundary");
  u.tags = TagsFrom(j.at("tags"));
  u.inline_policies = j.at("inline").get<std::map<std::string, std::string>>();
  u.attached = j.at("attached").get<std::vector<std::string>>();
  u.groups = j.at("groups").get<std::vector<std::string>>();
  if (j.contains("pwd_used")) u.password_last_used = j["pwd_used"].get<Time>();
  if (j.contains("login")) {
    const json& l = j["login"];
    LoginProfile login;
    login.created = l.at(0);
    login.reset_required = l.at(1);
    if (l.size() >= 5) {
      login.password_hash = l[2];
      login.password_changed = l[3];
      login.previous_hashes = l[4].get<std::vector<std::string>>();
    }
    u.login = std::move(login);
  }
  for (const auto& k : j.at("keys")) {
    AccessKey key;
    key.id = k.at(0);
    key.secret = k.at(1);
    key.status = k.at(2);
    key.created = k.at(3);
    if (k.size() >= 5) key.last_used = k[4].get<LastUse>();
    u.access_keys.push_back(std::move(key));
  }
  for (const auto& c : j.at("certs")) u.certificates.push_back({c[0], c[1], c[2], c[3]});
  for (const auto& s : j.at("ssh")) u.ssh_keys.push_back({s[0], s[1], s[2], s[3], s[4]});
  for (const auto& c : j.at("svc")) u.service_credentials.push_back({c[0], c[1], c[2], c[3], c[4]});
  for (const auto& m : j.at("mfa")) u.mfa_devices.push_back({m[0], m[1]});
  return u;
}

json GroupJson(const Group& g) {
  return {{"id", g.id},
          {"name", g.name},
          {"path", g.path},
          {"created", g.created},
          {"inline", g.inline_policies},
          {"attached", g.attached}};
}
Group GroupFrom(const json& j) {
  Group g;
  g.id = j.at("id");
  g.name = j.at("name");
  g.path = j.at("path");
  g.created = j.at("created");
  g.inline_policies = j.at("inline").get<std::map<std::string, std::string>>();
  g.attached = j.at("attached").get<std::vector<std::string>>();
  return g;
}

json PolicyJson(const ManagedPolicy& p) {
  json versions = json::array();
  for (const auto& v : p.versions) versions.push_back({v.id, v.document, v.created});
  return {{"arn", p.arn},           {"id", p.id},
          {"name", p.name},         {"path", p.path},
          {"desc", p.description},  {"created", p.created},
          {"updated", p.updated},   {"default", p.default_version},
          {"next", p.next_version}, {"aws", p.aws_managed},
          {"versions", versions},   {"tags", TagsJson(p.tags)}};
}
ManagedPolicy PolicyFrom(const json& j) {
  ManagedPolicy p;
  p.arn = j.at("arn");
  p.id = j.at("id");
  p.name = j.at("name");
  p.path = j.at("path");
  p.description = j.at("desc");
  p.created = j.at("created");
  p.updated = j.at("updated");
  p.default_version = j.at("default");
  p.next_version = j.at("next");
  p.aws_managed = j.at("aws");
  for (const auto& v : j.at("versions")) p.versions.push_back({v[0], v[1], v[2]});
  p.tags = TagsFrom(j.at("tags"));
  return p;
}

json MfaJson(const VirtualMfaDevice& m) {
  return {{"serial", m.serial},
          {"seed", m.seed},
          {"user", m.user_id},
          {"enabled", m.enabled},
          {"tags", TagsJson(m.tags)}};
}
VirtualMfaDevice MfaFrom(const json& j) {
  return {j.at("serial"), j.at("seed"), j.at("user"), j.at("enabled"), TagsFrom(j.at("tags"))};
}

json TempKeyJson(const TempKey& k) {
  return {{"id", k.id},
          {"secret", k.secret},
          {"token", k.token},
          {"exp", k.expiration},
          {"arn", k.arn},
          {"uid", k.user_id},
          {"role", k.role_id},
          {"src", k.source_key},
          {"mfa", k.mfa},
          {"iat", k.issued},
          {"sp", k.session_policy},
          {"spa", k.session_policy_arns},
          {"stags", TagsJson(k.session_tags)}};
}
TempKey TempKeyFrom(const json& j) {
  TempKey k;
  k.id = j.at("id");
  k.secret = j.at("secret");
  k.token = j.at("token");
  k.expiration = j.at("exp");
  k.arn = j.at("arn");
  k.user_id = j.at("uid");
  k.role_id = j.value("role", std::string());
  k.source_key = j.value("src", std::string());
  k.mfa = j.value("mfa", false);
  // Absent in rows stored before sessions kept their policies and tags.
  k.issued = j.value("iat", Time{0});
  k.session_policy = j.value("sp", std::string());
  k.session_policy_arns = j.value("spa", std::vector<std::string>());
  if (auto t = j.find("stags"); t != j.end()) k.session_tags = TagsFrom(*t);
  return k;
}

json AccountJson(const IamState& s) {
  json j = json::object();
  j["settings"] = s.account;
  if (const auto& p = s.password_policy) {
    j["pp"] = {p->min_length,    p->require_symbols,  p->require_numbers,
               p->require_upper, p->require_lower,    p->allow_change,
               p->max_age,       p->reuse_prevention, p->hard_expiry};
  }
  return j;
}
void AccountFrom(const json& j, IamState& s) {
  if (j.contains("settings")) s.account = j["settings"].get<AccountSettings>();
  if (!j.contains("pp")) return;
  const auto& a = j["pp"];
  s.password_policy = PasswordPolicy{a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]};
}

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS entity (kind TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL,"
    " PRIMARY KEY (kind, id)) WITHOUT ROWID";

// The files SQLite keeps beside the database in WAL mode.
constexpr const char* kSideFileSuffixes[] = {"-wal", "-shm"};

// Creates `path` (owner-only) when it does not exist; takes group and other permissions away
// from it and from its -wal/-shm files when they exist. SQLite creates -wal and -shm with the
// database file's mode, so they are owner-only too.
Status RestrictFiles(const std::string& path) {
  auto fail = [&](const std::string& file, const char* what) {
    return Status(ErrorCode::kConfiguration,
                  "emulator database " + file + ": " + what + ": " + std::strerror(errno));
  };
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, kDatabaseFileMode);
  if (fd < 0) return fail(path, "cannot create");
  struct stat st {};
  const bool stat_ok = ::fstat(fd, &st) == 0;
  const bool chmod_ok =
      stat_ok && ((st.st_mode & 077) == 0 || ::fchmod(fd, st.st_mode & kDatabaseFileMode) == 0);
  ::close(fd);
  if (!chmod_ok) return fail(path, "cannot restrict permissions");
  for (const char* suffix : kSideFileSuffixes) {
    const std::string side = path + suffix;
    if (::stat(side.c_str(), &st) != 0) continue;  // not there: SQLite creates it like path
    if ((st.st_mode & 077) != 0 && ::chmod(side.c_str(), st.st_mode & kDatabaseFileMode) != 0) {
      return fail(side, "cannot restrict permissions");
    }
  }
  return Status::Ok();
}

// Rows for the dirty keys of a map keyed by the same id as its rows.
template <class Map>
void CollectMap(std::vector<StoreRow>& rows, const char* kind, const Map& map,
                const std::set<std::string>& dirty) {
  for (const auto& id : dirty) {
    auto it = map.find(id);
    rows.push_back(
        {kind, id, it == map.end() ? std::nullopt : std::optional(Dump(json(it->second)))});
  }
}

// Column `i` of the current row as text; nullopt when it is NULL (a corrupt row).
std::optional<std::string_view> ColumnText(sqlite3_stmt* st, int i) {
  const unsigned char* text = sqlite3_column_text(st, i);
  if (text == nullptr) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
}

}  // namespace

Result<std::unique_ptr<IamStore>> IamStore::Open(const std::string& path) {
  if (!path.empty()) AIC_RETURN_IF_ERROR(RestrictFiles(path));
  sqlite3* db = nullptr;
  const std::string target = path.empty() ? ":memory:" : path;
  int rc =
      sqlite3_open_v2(target.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status(ErrorCode::kConfiguration, "emulator database " + target + ": " + msg);
  }
  std::unique_ptr<IamStore> store(new IamStore(db, target));
  if (sqlite3_busy_timeout(db, kBusyTimeoutMs) != SQLITE_OK) return store->Error();
  if (!path.empty()) {
    AIC_RETURN_IF_ERROR(store->Exec("PRAGMA journal_mode=WAL"));
    AIC_RETURN_IF_ERROR(store->Exec("PRAGMA synchronous=FULL"));
  }
  AIC_RETURN_IF_ERROR(store->Exec(kSchema));
  return store;
}

IamStore::~IamStore() { sqlite3_close(db_); }

Status IamStore::Error(std::string_view what) const {
  std::string msg = "emulator database " + path_ + ": ";
  if (!what.empty()) msg += std::string(what) + ": ";
  return Status(ErrorCode::kInternal, msg + sqlite3_errmsg(db_));
}

Status IamStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status(ErrorCode::kInternal, "emulator database " + path_ + ": " + msg);
  }
  return Status::Ok();
}

Status IamStore::Step(const char* sql, std::string_view kind, std::string_view id,
                      const std::string* body) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, sql, -1, &st, nullptr) != SQLITE_OK) return Error();
  auto bind = [&](int i, std::string_view text) {
    return sqlite3_bind_text(st, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) ==
           SQLITE_OK;
  };
  bool ok = bind(1, kind) && bind(2, id) && (body == nullptr || bind(3, *body)) &&
            sqlite3_step(st) == SQLITE_DONE;
  Status s = ok ? Status::Ok() : Error();
  sqlite3_finalize(st);
  return s;
}

Status IamStore::Put(std::string_view kind, std::string_view id, const std::string& body) {
  return Step("INSERT OR REPLACE INTO entity(kind, id, body) VALUES(?, ?, ?)", kind, id, &body);
}

Status IamStore::Delete(std::string_view kind, std::string_view id) {
  return Step("DELETE FROM entity WHERE kind = ? AND id = ?", kind, id, nullptr);
}

Status IamStore::Load(IamState& state, bool* empty) {
  IamState loaded;
  bool none = true;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db_, "SELECT kind, body FROM entity", -1, &st, nullptr) != SQLITE_OK) {
    return Error("cannot read");
  }
  Status result;
  int rc = SQLITE_ROW;
  try {
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      none = false;
      auto kind_text = ColumnText(st, 0);
      auto body_text = ColumnText(st, 1);
      if (!kind_text || !body_text) {
        result = Status(ErrorCode::kInternal,
                        "emulator database " + path_ + ": corrupt row (NULL kind or body)");
        break;
      }
      const std::string_view kind = *kind_text;
      json j = json::parse(*body_text);
      if (kind == "user") {
        User u = UserFrom(j);
        std::string key = text::AsciiLower(u.name);
        loaded.users.emplace(std::move(key), std::move(u));
      } else if (kind == "group") {
        Group g = GroupFrom(j);
        std::string key = text::AsciiLower(g.name);
        loaded.groups.emplace(std::move(key), std::move(g));
      } else if (kind == "policy") {
        ManagedPolicy p = PolicyFrom(j);
        std::string key = p.arn;
        loaded.policies.emplace(std::move(key), std::move(p));
      } else if (kind == "mfa") {
        VirtualMfaDevice m = MfaFrom(j);
        std::string key = m.serial;
        loaded.mfa_devices.emplace(std::move(key), std::move(m));
      } else if (kind == "tempkey") {
        TempKey k = TempKeyFrom(j);
        std::string key = k.id;
        loaded.temp_keys.emplace(std::move(key), std::move(k));
      } else if (kind == "account") {
        AccountFrom(j, loaded);
      } else if (kind == "role") {
        Role r = RoleFrom(j);
        std::string key = text::AsciiLower(r.name);
        loaded.roles.emplace(std::move(key), std::move(r));
      } else if (kind == "iprofile") {
        auto p = j.get<InstanceProfile>();
        std::string key = text::AsciiLower(p.name);
        loaded.instance_profiles.emplace(std::move(key), std::move(p));
      } else if (kind == "saml") {
        auto p = j.get<SamlProvider>();
        std::string key = p.arn;
        loaded.saml_providers.emplace(std::move(key), std::move(p));
      } else if (kind == "oidc") {
        auto p = j.get<OidcProvider>();
        std::string key = p.arn;
        loaded.oidc_providers.emplace(std::move(key), std::move(p));
      } else if (kind == "servercert") {
        auto c = j.get<ServerCertificate>();
        std::string key = text::AsciiLower(c.name);
        loaded.server_certificates.emplace(std::move(key), std::move(c));
      } else if (kind == "accessjob") {
        auto job = j.get<AccessReportJob>();
        std::string key = job.id;
        loaded.access_jobs.emplace(std::move(key), std::move(job));
      } else if (kind == "usage") {
        loaded.service_access[j.at("arn").get<std::string>()] =
            j.at("services").get<std::map<std::string, ServiceAccess>>();
      }
    }
    // Only SQLITE_DONE is the end of the table; anything else (I/O error, a corrupt page, a
    // busy database) means the state is incomplete.
    if (result.ok() && rc != SQLITE_DONE) result = Error("cannot read");
  } catch (const json::exception& e) {
    result = Status(ErrorCode::kInternal,
                    "emulator database " + path_ + ": corrupt row: " + std::string(e.what()));
  }
  sqlite3_finalize(st);
  AIC_RETURN_IF_ERROR(result);
  state = std::move(loaded);
  state.RebuildDerived();
  *empty = none;
  return Status::Ok();
}

std::vector<StoreRow> IamStore::Collect(const IamState& state, const Dirty& dirty) {
  std::vector<StoreRow> rows;
  for (const auto& id : dirty.users) {
    auto it = state.users_by_id.find(id);
    rows.push_back({"user", id,
                    it == state.users_by_id.end() ? std::nullopt
                                                  : std::optional(Dump(UserJson(*it->second)))});
  }
  for (const auto& id : dirty.groups) {
    auto it = state.groups_by_id.find(id);
    rows.push_back({"group", id,
                    it == state.groups_by_id.end() ? std::nullopt
                                                   : std::optional(Dump(GroupJson(*it->second)))});
  }
  for (const auto& arn : dirty.policies) {
    auto it = state.policies.find(arn);
    rows.push_back(
        {"policy", arn,
         it == state.policies.end() ? std::nullopt : std::optional(Dump(PolicyJson(it->second)))});
  }
  for (const auto& serial : dirty.mfa_devices) {
    auto it = state.mfa_devices.find(serial);
    rows.push_back(
        {"mfa", serial,
         it == state.mfa_devices.end() ? std::nullopt : std::optional(Dump(MfaJson(it->second)))});
  }
  for (const auto& id : dirty.temp_keys) {
    auto it = state.temp_keys.find(id);
    rows.push_back({"tempkey", id,
                    it == state.temp_keys.end() ? std::nullopt
                                                : std::optional(Dump(TempKeyJson(it->second)))});
  }
  for (const auto& id : dirty.roles) {
    auto it = state.roles_by_id.find(id);
    rows.push_back({"role", id,
                    it == state.roles_by_id.end() ? std::nullopt
                                                  : std::optional(Dump(RoleJson(*it->second)))});
  }
  for (const auto& id : dirty.instance_profiles) {
    auto it = state.instance_profiles_by_id.find(id);
    rows.push_back({"iprofile", id,
                    it == state.instance_profiles_by_id.end()
                        ? std::nullopt
                        : std::optional(Dump(json(*it->second)))});
  }
  CollectMap(rows, "saml", state.saml_providers, dirty.saml_providers);
  CollectMap(rows, "oidc", state.oidc_providers, dirty.oidc_providers);
  CollectMap(rows, "accessjob", state.access_jobs, dirty.access_jobs);
  for (const auto& id : dirty.server_certificates) {
    auto it = std::find_if(state.server_certificates.begin(), state.server_certificates.end(),
                           [&](const auto& kv) { return kv.second.id == id; });
    rows.push_back({"servercert", id,
                    it == state.server_certificates.end() ? std::nullopt
                                                          : std::optional(Dump(json(it->second)))});
  }
  for (const auto& arn : dirty.service_access) {
    auto it = state.service_access.find(arn);
    rows.push_back({"usage", arn,
                    it == state.service_access.end()
                        ? std::nullopt
                        : std::optional(Dump(json{{"arn", arn}, {"services", it->second}}))});
  }
  if (dirty.account) rows.push_back({"account", "account", Dump(AccountJson(state))});
  return rows;
}

Status IamStore::WriteRows(const std::vector<StoreRow>& rows) {
  for (const auto& r : rows) {
    if (r.body) {
      AIC_RETURN_IF_ERROR(Put(r.kind, r.id, *r.body));
    } else {
      AIC_RETURN_IF_ERROR(Delete(r.kind, r.id));
    }
  }
  return Status::Ok();
}

Status IamStore::Write(const std::vector<StoreRow>& rows) {
  if (rows.empty()) return Status::Ok();
  AIC_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  return Finish(WriteRows(rows));
}

Status IamStore::Finish(Status written) {
  if (written.ok()) written = Exec("COMMIT");
  // A failed statement or COMMIT leaves the transaction open (or SQLite already rolled it
  // back, when ROLLBACK fails harmlessly with "no transaction is active").
  if (!written.ok() && sqlite3_get_autocommit(db_) == 0) (void)Exec("ROLLBACK");
  return written;
}

Status IamStore::Commit(const IamState& state, const Dirty& dirty) {
  return Write(Collect(state, dirty));
}

Status IamStore::ReplaceAll(const IamState& state) {
  Dirty all;
  for (const auto& [k, u] : state.users) all.users.insert(u.id);
  for (const auto& [k, g] : state.groups) all.groups.insert(g.id);
  for (const auto& [k, p] : state.policies) all.policies.insert(k);
  for (const auto& [k, m] : state.mfa_devices) all.mfa_devices.insert(k);
  for (const auto& [k, t] : state.temp_keys) all.temp_keys.insert(k);
  for (const auto& [k, r] : state.roles) all.roles.insert(r.id);
  for (const auto& [k, p] : state.instance_profiles) all.instance_profiles.insert(p.id);
  for (const auto& [k, p] : state.saml_providers) all.saml_providers.insert(k);
  for (const auto& [k, p] : state.oidc_providers) all.oidc_providers.insert(k);
  for (const auto& [k, c] : state.server_certificates) all.server_certificates.insert(c.id);
  for (const auto& [k, j] : state.access_jobs) all.access_jobs.insert(k);
  for (const auto& [k, a] : state.service_access) all.service_access.insert(k);
  all.account = true;
  std::vector<StoreRow> rows = Collect(state, all);
  AIC_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Status s = Exec("DELETE FROM entity");
  if (s.ok()) s = WriteRows(rows);
  return Finish(std::move(s));
}

}  // namespace aic::emulator::state
