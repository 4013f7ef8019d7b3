// Configuration of the connector server (SPEC section 3): provisioner files (one per connector,
// OpenIDM's `provisioner.openicf-aws.json` shape), the secret box that encrypts their secrets at
// rest, and the server settings (listen address, admin users, TLS, data directory).
//
// Provisioner file:
//   {"name": "aws", "enabled": true, "connectorRef": {...}, "displayName": "...",
//    "configurationProperties": {"accessKeyId": ..., "secretKey": ..., ...},
//    "systemActions": [...]}
// Every configurationProperty of SPEC 3 is known with its type and default (see
// kConnectorProperties in config.cc); null means the default. A plain `secretKey` or
// `proxyPassword` is encrypted with the SecretBox and the file is rewritten atomically (temp file
// + rename, same mode) with a {"$crypto": {...}} envelope in its place; in memory the value is a
// SecretString.
//
// Server file (optional; flags override it):
//   {"host": "127.0.0.1", "port": 8080, "dataDir": "./data", "keyFile": "...",
//    "tls": {"certFile": "...", "keyFile": "..."}, "threads": 0, "maxBodyBytes": 65536,
//    "adminUsers": [{"username": "openidm-admin", "passwordHash": "$argon2id$..."}],
//    "connectors": ["provisioner.openicf-aws.json", ...],
//    "maxClientConnections": 4096, "headerTimeoutSeconds": 10, "idleTimeoutSeconds": 30,
//    "bodyTimeoutSeconds": 60, "authFailuresPerMinute": 10, "maxConcurrentPasswordChecks": 2,
//    "minAdminPasswordLength": 8,
//    "scimTokens": [{"name": "entra-id", "tokenSha256": "HEX"}], "scimListCacheSeconds": 30,
//    "scimMaxListResources": 20000, "scimMaxResults": 1000}
// (the values shown are the defaults: http_server.h, server/auth_limiter.h and below)
// An admin given a plain "password" is hashed (crypto_pwhash_str) and the file is rewritten; so
// is a SCIM token given as a plain "token" (SHA-256; at least kMinScimTokenLength characters).
// Refused at load (kConfiguration naming the file and the user): a plain password that is empty
// or shorter than minAdminPasswordLength, a passwordHash of the empty password, or a
// passwordHash whose Argon2 cost is below libsodium's interactive minimum.
// Relative paths in a server file are relative to that file's folder.
//
// Errors: every loader returns kConfiguration with ONE message "FILE: PROPERTY: problem"
// (unknown property, wrong type, missing required value, malformed ARN/region/URL, value out of
// range, unreadable or malformed key file, duplicate connector name). Messages never contain a
// secret value.
// Thread safety: SecretBox is immutable after Open() and safe to share; the loaders are
// reentrant (they touch only the files they are given).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"
#include "http_server/http_server.h"
#include "server/auth_limiter.h"
#include "server/scim/scim_tokens.h"

namespace aic {

inline constexpr std::string_view kDefaultConnectorName = "aws";
inline constexpr std::string_view kDefaultServerHost = "127.0.0.1";
inline constexpr int kDefaultServerPort = 8080;
inline constexpr std::string_view kDefaultDataDir = "./data";
inline constexpr std::string_view kKeyFileName = "connector.key";
inline constexpr std::string_view kDefaultAdminUser = "openidm-admin";
inline constexpr std::string_view kDefaultAdminPassword = "openidm-admin";
// Worker threads of the event loop `serve` runs on (REST sessions, IAM calls, fan-out); 0 = one
// per CPU core, at least kMinAutoServerThreads.
inline constexpr int kDefaultServerThreads = 0;
inline constexpr int kMinAutoServerThreads = 2;
// REST request bodies above this size are refused (413).
inline constexpr std::size_t kDefaultRestMaxBodyBytes = 256 * 1024;
// Plain admin passwords in a server file shorter than this are refused ("minAdminPasswordLength").
inline constexpr int kDefaultMinAdminPasswordLength = 8;
// SCIM listing limits: how long a full listing is reused for paging ("scimListCacheSeconds"), the
// most resources a listing may hold ("scimMaxListResources"; more is 400 tooMany) and the largest
// page ("scimMaxResults", advertised as filter.maxResults).
inline constexpr int kDefaultScimListCacheSeconds = 30;
inline constexpr int kDefaultScimMaxListResources = 20000;
inline constexpr int kDefaultScimMaxResults = 1000;
// A configuration file larger than this is refused.
inline constexpr std::size_t kMaxConfigFileBytes = 1024 * 1024;
// Envelope key of an encrypted value.
inline constexpr std::string_view kCryptoKey = "$crypto";

// Symmetric encryption of secrets at rest: libsodium crypto_secretbox (XSalsa20-Poly1305) with
// a random nonce per value, under a 32-byte key kept in a file of mode 0600.
class SecretBox {
 public:
  // Reads the key file, or creates it (random key, mode 0600, parent folder created) when it
  // does not exist. kConfiguration when it cannot be read or created, has the wrong size or is
  // readable by group/others.
  static Result<std::shared_ptr<const SecretBox>> Open(const std::string& key_file);
  // A box over a given key (tests).
  explicit SecretBox(std::string key);
  ~SecretBox();
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  // {"$crypto": {"type": "x-simple-encryption", "value": {"cipher": ..., "nonce": B64,
  //  "data": B64}}}
  nlohmann::json Encrypt(const SecretString& plain) const;
  // kConfiguration for a malformed envelope or a value encrypted under another key.
  Result<SecretString> Decrypt(const nlohmann::json& envelope) const;
  static bool IsEnvelope(const nlohmann::json& value);

 private:
  std::string key_;
};

// One connector (one provisioner file).
struct ConnectorConfig {
  std::string file;  // where it came from; empty for the embedded default
  std::string name = std::string(kDefaultConnectorName);
  bool enabled = true;
  std::string display_name = "AWS Connector";
  nlohmann::json connector_ref;  // the seed's connectorRef unless the file gives one
  nlohmann::json system_actions = nlohmann::json::array();
  AwsConnectorConfig aws;

  // The provisioner JSON as REST shows it: name, enabled, connectorRef, displayName,
  // configurationProperties (every property, secrets "****" when set, null when not),
  // systemActions.
  nlohmann::json ToMaskedJson() const;
};

// The connectorRef of the seed (bundle org.forgerock.openicf.connectors.aws-connector).
nlohmann::json DefaultConnectorRef();

// Parses one provisioner document. Plain secrets are encrypted into `rewritten` (a copy of
// `document` with envelopes) and `*changed` is set; `file` only names the source in errors.
Result<ConnectorConfig> ParseConnectorConfig(const nlohmann::ordered_json& document,
                                             std::string_view file, const SecretBox& box,
                                             nlohmann::ordered_json* rewritten, bool* changed);
// Reads, parses and (when it held plain secrets) rewrites one provisioner file.
Result<ConnectorConfig> LoadConnectorConfig(const std::string& path, const SecretBox& box);
// Loads several files; also refuses two connectors with the same name.
Result<std::vector<ConnectorConfig>> LoadConnectorConfigs(const std::vector<std::string>& paths,
                                                          const SecretBox& box);

// An admin of the REST API: the password only as a libsodium crypto_pwhash_str hash.
struct AdminUser {
  std::string username;
  std::string password_hash;
};

// Argon2 cost of a crypto_pwhash_str hash ("$argon2id$v=19$m=65536,t=2,p=1$...").
struct PasswordHashCost {
  bool argon2id = true;              // else argon2i
  std::uint64_t memory_kib = 65536;  // crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024
  std::uint64_t ops = 2;             // crypto_pwhash_OPSLIMIT_INTERACTIVE
};
// nullopt when `hash` is not a well-formed argon2id/argon2i crypto_pwhash_str string.
std::optional<PasswordHashCost> ParsePasswordHashCost(std::string_view hash);
// True when the cost is at least libsodium's interactive minimum for its algorithm.
bool MeetsInteractiveCost(const PasswordHashCost& cost);

// crypto_pwhash_str (Argon2id, interactive limits). kInternal when libsodium fails (memory).
Result<std::string> HashPassword(const SecretString& password);
// The same with a given algorithm and cost.
Result<std::string> HashPasswordWithCost(const SecretString& password,
                                         const PasswordHashCost& cost);
// Constant-time check of a password against a crypto_pwhash_str hash.
bool VerifyPassword(const std::string& hash, std::string_view password);

struct ServerConfig {
  std::string file;  // empty when built from flags only
  std::string host = std::string(kDefaultServerHost);
  int port = kDefaultServerPort;
  int threads = kDefaultServerThreads;
  std::size_t max_body_bytes = kDefaultRestMaxBodyBytes;
  // Connection limits and timeouts of the HTTP layer (http_server.h has their meaning).
  std::size_t max_connections = http_server::kDefaultMaxConnections;
  int header_timeout_seconds = static_cast<int>(http_server::kDefaultHeaderTimeout.count());
  int idle_timeout_seconds = static_cast<int>(http_server::kDefaultIdleTimeout.count());
  int body_timeout_seconds = static_cast<int>(http_server::kDefaultBodyTimeout.count());
  // Admin login guards (server/auth_limiter.h).
  int auth_failures_per_minute = kDefaultAuthFailuresPerMinute;
  int max_concurrent_password_checks = kDefaultMaxConcurrentPasswordChecks;
  // Plain admin passwords in the server file shorter than this are refused.
  int min_admin_password_length = kDefaultMinAdminPasswordLength;
  std::string data_dir = std::string(kDefaultDataDir);
  std::string key_file;  // empty: DATA_DIR/connector.key
  std::string tls_cert_file;
  std::string tls_key_file;
  std::vector<AdminUser> admins;  // empty: the default openidm-admin
  // SCIM bearer tokens ("scimTokens"); nullopt: DATA_DIR/scim-token (server/scim/scim_tokens.h).
  std::optional<std::vector<ScimTokenEntry>> scim_tokens;
  // SCIM listing limits (server/scim/scim_api.h has their meaning).
  int scim_list_cache_seconds = kDefaultScimListCacheSeconds;
  int scim_max_list_resources = kDefaultScimMaxListResources;
  int scim_max_results = kDefaultScimMaxResults;
  std::vector<std::string> connector_files;

  std::string KeyFilePath() const;
};

// Reads a server file (see the file comment); plain admin passwords are hashed and the file is
// rewritten.
Result<ServerConfig> LoadServerConfig(const std::string& path);
// Parses the text of a server file; `path` names it in errors and relative paths resolve against
// its folder. Nothing is read or written: `*rewritten` receives the document (with plain admin
// passwords replaced by their hashes) and `*changed` says whether it must be written back.
Result<ServerConfig> ParseServerConfig(std::string_view text, const std::string& path,
                                       nlohmann::ordered_json* rewritten, bool* changed);

// Writes `content` to `path` atomically (temp file in the same folder, fsync, rename, fsync of
// the folder): a crash leaves the old or the new file, never a torn one. The mode is `mode` for
// a new file or the existing file's owner bits, never group/other bits (the files rewritten hold
// encrypted secrets or password hashes). kInternal naming the path on failure.
Status WriteFileAtomically(const std::string& path, std::string_view content,
                           unsigned int mode = 0600);

// Reads a whole file of at most `max_bytes`. kConfiguration naming the path on failure.
Result<std::string> ReadSmallFile(const std::string& path, std::size_t max_bytes);

}  // namespace aic
