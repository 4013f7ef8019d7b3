// Server settings and admin password hashing (config.h).
#include <sodium.h>

#include <charconv>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "aws_iam_connector/json_text.h"
#include "common/text_codec.h"
#include "server/config.h"

namespace aic {
namespace {

using ojson = nlohmann::ordered_json;

// Largest accepted worker thread count.
constexpr int kMaxServerThreads = 256;
// Largest REST body limit a configuration may set.
constexpr std::size_t kMaxRestBodyLimit = 64 * 1024 * 1024;

// The integer limits of a server file: name -> range and setter.
struct IntLimit {
  std::int64_t min;
  std::int64_t max;
  void (*set)(ServerConfig&, std::int64_t);
};
const std::map<std::string, IntLimit, std::less<>> kIntLimits = {
    {"maxClientConnections",
     {1, 1000000, [](ServerConfig& c, std::int64_t v) { c.max_connections = v; }}},
    {"headerTimeoutSeconds",
     {1, 3600, [](ServerConfig& c, std::int64_t v) { c.header_timeout_seconds = int(v); }}},
    {"idleTimeoutSeconds",
     {1, 3600, [](ServerConfig& c, std::int64_t v) { c.idle_timeout_seconds = int(v); }}},
    {"bodyTimeoutSeconds",
     {1, 3600, [](ServerConfig& c, std::int64_t v) { c.body_timeout_seconds = int(v); }}},
    {"authFailuresPerMinute",
     {1, 1000000, [](ServerConfig& c, std::int64_t v) { c.auth_failures_per_minute = int(v); }}},
    {"maxConcurrentPasswordChecks",
     {1, 256, [](ServerConfig& c, std::int64_t v) { c.max_concurrent_password_checks = int(v); }}},
    {"minAdminPasswordLength",
     {1, 1024, [](ServerConfig& c, std::int64_t v) { c.min_admin_password_length = int(v); }}},
    {"scimListCacheSeconds",
     {0, 3600, [](ServerConfig& c, std::int64_t v) { c.scim_list_cache_seconds = int(v); }}},
    {"scimMaxListResources",
     {1, 1000000, [](ServerConfig& c, std::int64_t v) { c.scim_max_list_resources = int(v); }}},
    {"scimMaxResults",
     {1, 100000, [](ServerConfig& c, std::int64_t v) { c.scim_max_results = int(v); }}},
};

Status Problem(const std::string& file, std::string_view property, std::string_view problem) {
  return Status(ErrorCode::kConfiguration,
                file + ": " + std::string(property) + ": " + std::string(problem));
}

std::string Resolve(const std::string& base_dir, const std::string& p) {
  if (p.empty() || std::filesystem::path(p).is_absolute() || base_dir.empty()) return p;
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

// (where, user, length) of the plain passwords of adminUsers, checked once
// minAdminPasswordLength is known.
using PlainPasswordLengths = std::vector<std::tuple<std::string, std::string, std::size_t>>;

Result<std::string> NeedString(const std::string& path, const std::string& key, const ojson& v) {
  if (!v.is_string()) return Problem(path, key, "wrong type: must be a string");
  return v.get<std::string>();
}

// tls: certFile and keyFile, both or neither.
Status ReadTlsFiles(const std::string& path, const std::string& base, const ojson& value,
                    ServerConfig& config) {
  if (!value.is_object()) return Problem(path, "tls", "wrong type: must be an object");
  for (auto it = value.begin(); it != value.end(); ++it) {
    const std::string k = it.key();
    const ojson& v = it.value();
    if (k != "certFile" && k != "keyFile") return Problem(path, "tls." + k, "unknown property");
    auto s = NeedString(path, "tls." + k, v);
    if (!s.ok()) return s.status();
    (k == "certFile" ? config.tls_cert_file : config.tls_key_file) = Resolve(base, *s);
  }
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return Problem(path, "tls", "certFile and keyFile must be given together");
  }
  return Status::Ok();
}

// connectors: the provisioner files.
Status ReadConnectorFiles(const std::string& path, const std::string& base, const ojson& value,
                          ServerConfig& config) {
  if (!value.is_array())
    return Problem(path, "connectors", "wrong type: must be an array of paths");
  for (const auto& v : value) {
    auto s = NeedString(path, "connectors", v);
    if (!s.ok()) return s.status();
    config.connector_files.push_back(Resolve(base, *s));
  }
  return Status::Ok();
}

// One top-level key other than adminUsers into `config`; relative paths resolve against `base`
// (the file's folder).
Status ReadServerSetting(const std::string& path, const std::string& base, const std::string& key,
                         const ojson& value, ServerConfig& config) {
  if (key == "host") {
    auto s = NeedString(path, key, value);
    if (!s.ok()) return s.status();
    if (s->empty()) return Problem(path, key, "must not be empty");
    config.host = *s;
  } else if (key == "port") {
    if (!value.is_number_integer()) return Problem(path, key, "wrong type: must be an integer");
    auto p = JsonIntIn(value, 0, 65535);
    if (!p) return Problem(path, key, "out of range (0..65535)");
    config.port = static_cast<int>(*p);
  } else if (key == "threads") {
    if (!value.is_number_integer()) return Problem(path, key, "wrong type: must be an integer");
    auto t = JsonIntIn(value, 0, kMaxServerThreads);  // 0: one per CPU core
    if (!t) return Problem(path, key, "out of range (0..256)");
    config.threads = static_cast<int>(*t);
  } else if (key == "maxBodyBytes") {
    if (!value.is_number_unsigned()) return Problem(path, key, "wrong type: must be an integer");
    auto b = JsonIntIn(value, 1024, static_cast<std::int64_t>(kMaxRestBodyLimit));
    if (!b) return Problem(path, key, "out of range");
    config.max_body_bytes = static_cast<std::size_t>(*b);
  } else if (auto limit = kIntLimits.find(key); limit != kIntLimits.end()) {
    if (!value.is_number_integer()) return Problem(path, key, "wrong type: must be an integer");
    auto v = JsonIntIn(value, limit->second.min, limit->second.max);
    if (!v) {
      return Problem(path, key,
                     "out of range (" + std::to_string(limit->second.min) + ".." +
                         std::to_string(limit->second.max) + ")");
    }
    limit->second.set(config, *v);
  } else if (key == "dataDir") {
    auto s = NeedString(path, key, value);
    if (!s.ok()) return s.status();
    config.data_dir = Resolve(base, *s);
  } else if (key == "keyFile") {
    auto s = NeedString(path, key, value);
    if (!s.ok()) return s.status();
    config.key_file = Resolve(base, *s);
  } else if (key == "tls") {
    return ReadTlsFiles(path, base, value, config);
  } else if (key == "connectors") {
    return ReadConnectorFiles(path, base, value, config);
  } else {
    return Problem(path, key, "unknown property");
  }
  return Status::Ok();
}

// An admin user (`where` names it in errors) has only username, password and passwordHash, all
// strings, and a non-empty username.
Status CheckAdminUserMembers(const std::string& path, const std::string& where, const ojson& u) {
  if (!u.is_object()) return Problem(path, where, "must be an object");
  for (auto it = u.begin(); it != u.end(); ++it) {
    const std::string k = it.key();
    const ojson& v = it.value();
    if (k != "username" && k != "password" && k != "passwordHash") {
      return Problem(path, where + "." + k, "unknown property");
    }
    if (!v.is_string()) return Problem(path, where + "." + k, "wrong type: must be a string");
  }
  if (!u.contains("username") || u["username"].get<std::string>().empty()) {
    return Problem(path, where + ".username", "missing required value");
  }
  return Status::Ok();
}

// A plain admin password: hashed into admin.password_hash and replaced in `u` by its hash (the
// plain text wiped first); its length is noted in `plain_lengths`.
Status HashPlainAdminPassword(const std::string& path, const std::string& where, ojson& u,
                              AdminUser& admin, PlainPasswordLengths& plain_lengths) {
  SecretString plain(u["password"].get_ref<const std::string&>());
  plain_lengths.emplace_back(where, admin.username, plain.size());
  WipeString(u["password"].get_ref<std::string&>());
  auto hash = HashPassword(plain);
  if (!hash.ok()) return Problem(path, where + ".password", hash.status().message());
  admin.password_hash = *hash;
  u.erase("password");
  u["passwordHash"] = *hash;
  return Status::Ok();
}

// A given passwordHash: a libsodium Argon2 hash of at least the interactive cost, and not of
// the empty password.
Status TakeAdminPasswordHash(const std::string& path, const std::string& where, const ojson& u,
                             AdminUser& admin) {
  admin.password_hash = u["passwordHash"].get<std::string>();
  auto cost = ParsePasswordHashCost(admin.password_hash);
  if (!cost) {
    return Problem(path, where + ".passwordHash",
                   "not a libsodium crypto_pwhash_str hash ($argon2id$...)");
  }
  if (!MeetsInteractiveCost(*cost)) {
    return Problem(path, where + ".passwordHash",
                   "user '" + admin.username +
                       "': Argon2 cost below the interactive minimum (argon2id m=65536,t=2)");
  }
  if (VerifyPassword(admin.password_hash, "")) {
    return Problem(path, where + ".passwordHash",
                   "user '" + admin.username + "': empty password refused");
  }
  return Status::Ok();
}

// adminUsers into config.admins. Plain passwords are replaced in `value` by their hashes (then
// `changed`); their lengths go to `plain_lengths`.
Status ReadAdminUsers(const std::string& path, ojson& value, ServerConfig& config,
                      PlainPasswordLengths& plain_lengths, bool& changed) {
  if (!value.is_array()) return Problem(path, "adminUsers", "wrong type: must be an array");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    ojson& u = value[i];
    const std::string where = "adminUsers[" + std::to_string(i) + "]";
    AIC_RETURN_IF_ERROR(CheckAdminUserMembers(path, where, u));
    AdminUser admin;
    admin.username = u["username"].get<std::string>();
    if (!seen.insert(admin.username).second) {
      return Problem(path, where + ".username", "duplicate user");
    }
    if (u.contains("password")) {
      AIC_RETURN_IF_ERROR(HashPlainAdminPassword(path, where, u, admin, plain_lengths));
      changed = true;
    } else if (u.contains("passwordHash")) {
      AIC_RETURN_IF_ERROR(TakeAdminPasswordHash(path, where, u, admin));
    } else {
      return Problem(path, where + ".passwordHash", "missing required value");
    }
    config.admins.push_back(std::move(admin));
  }
  return Status::Ok();
}

// scimTokens into config.scim_tokens: [{"name", "tokenSha256"}] or [{"name", "token"}] (a plain
// token is replaced in `value` by its digest, then `changed`).
Status ReadScimTokens(const std::string& path, ojson& value, ServerConfig& config, bool& changed) {
  if (!value.is_array()) return Problem(path, "scimTokens", "wrong type: must be an array");
  std::vector<ScimTokenEntry> entries;
  std::set<std::string> names;
  for (std::size_t i = 0; i < value.size(); ++i) {
    ojson& t = value[i];
    const std::string where = "scimTokens[" + std::to_string(i) + "]";
    if (!t.is_object()) return Problem(path, where, "wrong type: must be an object");
    for (auto it = t.begin(); it != t.end(); ++it) {
      if (it.key() != "name" && it.key() != "token" && it.key() != "tokenSha256") {
        return Problem(path, where + "." + it.key(), "unknown property");
      }
      if (!it.value().is_string()) {
        return Problem(path, where + "." + it.key(), "wrong type: must be a string");
      }
    }
    ScimTokenEntry entry;
    entry.name = t.value("name", "");
    if (entry.name.empty()) return Problem(path, where + ".name", "missing required value");
    if (!names.insert(entry.name).second) return Problem(path, where + ".name", "duplicate name");
    if (t.contains("token")) {
      std::string plain = t["token"].get<std::string>();
      const std::size_t length = plain.size();
      entry.sha256_hex = ScimTokens::DigestHex(plain);
      WipeString(plain);
      WipeString(t["token"].get_ref<std::string&>());
      if (length < kMinScimTokenLength) {
        return Problem(path, where + ".token",
                       "shorter than " + std::to_string(kMinScimTokenLength) + " characters");
      }
      t.erase("token");
      t["tokenSha256"] = entry.sha256_hex;
      changed = true;
    } else if (t.contains("tokenSha256")) {
      entry.sha256_hex = text::AsciiLower(t["tokenSha256"].get<std::string>());
      if (entry.sha256_hex.size() != 64 ||
          entry.sha256_hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
        return Problem(path, where + ".tokenSha256", "must be 64 hexadecimal digits");
      }
    } else {
      return Problem(path, where + ".tokenSha256", "missing required value");
    }
    entries.push_back(std::move(entry));
  }
  config.scim_tokens = std::move(entries);
  return Status::Ok();
}

// The plain passwords of adminUsers: none empty, none shorter than minAdminPasswordLength.
Status CheckPlainPasswordLengths(const std::string& path, const PlainPasswordLengths& plain_lengths,
                                 const ServerConfig& config) {
  for (const auto& [where, user, length] : plain_lengths) {
    if (length == 0)
      return Problem(path, where + ".password", "user '" + user + "': empty password refused");
    if (length < static_cast<std::size_t>(config.min_admin_password_length)) {
      return Problem(path, where + ".password",
                     "user '" + user + "': password shorter than minAdminPasswordLength (" +
                         std::to_string(config.min_admin_password_length) + ")");
    }
  }
  return Status::Ok();
}

}  // namespace

std::optional<PasswordHashCost> ParsePasswordHashCost(std::string_view hash) {
  PasswordHashCost cost;
  std::string_view rest;
  if (hash.starts_with("$argon2id$")) {
    rest = hash.substr(10);
  } else if (hash.starts_with("$argon2i$")) {
    cost.argon2id = false;
    rest = hash.substr(9);
  } else {
    return std::nullopt;
  }
  if (rest.starts_with("v=")) {
    auto dollar = rest.find('$');
    if (dollar == std::string_view::npos) return std::nullopt;
    rest = rest.substr(dollar + 1);
  }
  // "m=65536,t=2,p=1$..."
  auto end = rest.find('$');
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view params = rest.substr(0, end);
  bool have_m = false, have_t = false;
  while (!params.empty()) {
    auto comma = params.find(',');
    std::string_view item = params.substr(0, comma);
    params = comma == std::string_view::npos ? std::string_view() : params.substr(comma + 1);
    if (item.size() < 3 || item[1] != '=') return std::nullopt;
    std::uint64_t value = 0;
    auto [ptr, ec] = std::from_chars(item.data() + 2, item.data() + item.size(), value);
    if (ec != std::errc() || ptr != item.data() + item.size()) return std::nullopt;
    if (item[0] == 'm') {
      cost.memory_kib = value;
      have_m = true;
    } else if (item[0] == 't') {
      cost.ops = value;
      have_t = true;
    }
  }
  if (!have_m || !have_t) return std::nullopt;
  return cost;
}

bool MeetsInteractiveCost(const PasswordHashCost& cost) {
  if (cost.argon2id) {
    return cost.ops >= crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE &&
           cost.memory_kib * 1024 >= crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
  }
  return cost.ops >= crypto_pwhash_argon2i_OPSLIMIT_INTERACTIVE &&
         cost.memory_kib * 1024 >= crypto_pwhash_argon2i_MEMLIMIT_INTERACTIVE;
}

Result<std::string> HashPasswordWithCost(const SecretString& password,
                                         const PasswordHashCost& cost) {
  if (sodium_init() < 0) return Status(ErrorCode::kInternal, "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  int alg = cost.argon2id ? crypto_pwhash_ALG_ARGON2ID13 : crypto_pwhash_ALG_ARGON2I13;
  // An empty view may have a null data(); libsodium's arguments are declared non-null.
  const char* plain = password.empty() ? "" : password.Reveal().data();
  if (crypto_pwhash_str_alg(out, plain, password.size(), cost.ops,
                            static_cast<std::size_t>(cost.memory_kib * 1024), alg) != 0) {
    return Status(ErrorCode::kInternal, "password hashing failed (out of memory)");
  }
  return std::string(out);
}

Result<std::string> HashPassword(const SecretString& password) {
  return HashPasswordWithCost(password, PasswordHashCost{});
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const char* plain = password.empty() ? "" : password.data();  // never null (see above)
  return crypto_pwhash_str_verify(hash.c_str(), plain, password.size()) == 0;
}

std::string ServerConfig::KeyFilePath() const {
  if (!key_file.empty()) return key_file;
  return (std::filesystem::path(data_dir) / std::string(kKeyFileName)).string();
}

Result<ServerConfig> LoadServerConfig(const std::string& path) {
  auto text = ReadSmallFile(path, kMaxConfigFileBytes);
  if (!text.ok()) return text.status();
  ojson doc;
  struct WipeOnExit {  // plain passwords are wiped in place; this covers every other exit
    ojson& doc;
    ~WipeOnExit() { WipeJsonStrings(doc); }
  } wipe_doc{doc};
  bool changed = false;
  auto config = ParseServerConfig(*text, path, &doc, &changed);
  WipeString(*text);  // the raw text may hold plain admin passwords
  if (!config.ok()) return config.status();
  if (changed) {
    Status written = WriteFileAtomically(path, doc.dump(2) + "\n");
    if (!written.ok()) return Status(ErrorCode::kConfiguration, written.message());
  }
  return config;
}

Result<ServerConfig> ParseServerConfig(std::string_view text, const std::string& path,
                                       nlohmann::ordered_json* rewritten, bool* changed_out) {
  auto parsed = ParseOrderedJson(text);
  if (!parsed.ok())
    return Status(ErrorCode::kConfiguration, path + ": " + parsed.status().message());
  ojson& doc = *rewritten;
  doc = std::move(*parsed);
  if (!doc.is_object()) return Problem(path, "(document)", "must be a JSON object");
  const std::string base = std::filesystem::path(path).parent_path().string();
  ServerConfig config;
  config.file = path;
  bool changed = false;
  PlainPasswordLengths plain_lengths;
  for (auto item = doc.begin(); item != doc.end(); ++item) {
    const std::string key = item.key();
    ojson& value = item.value();
    if (key == "adminUsers") {
      AIC_RETURN_IF_ERROR(ReadAdminUsers(path, value, config, plain_lengths, changed));
    } else if (key == "scimTokens") {
      AIC_RETURN_IF_ERROR(ReadScimTokens(path, value, config, changed));
    } else {
      AIC_RETURN_IF_ERROR(ReadServerSetting(path, base, key, value, config));
    }
  }
  AIC_RETURN_IF_ERROR(CheckPlainPasswordLengths(path, plain_lengths, config));
  *changed_out = changed;
  return config;
}

}  // namespace aic
