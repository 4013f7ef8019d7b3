// RestApi: the OpenIDM-compatible REST API of SPEC section 5, as a plain function of a
// ServerRequest to a ServerResponse (so every route is testable without sockets; `serve` puts it
// behind http_server::HttpServer).
//
// Routes (path segments are percent-decoded: /__ACCOUNT__/frank%40example.com):
//   POST   /openidm/system?_action=test                      test every connector -> [...]
//   POST   /openidm/system/{name}?_action=test               test one connector
//   POST   /openidm/system/{name}?_action=script&scriptId=ID  run a systemActions script
//          (also _action=runScriptOnConnector); the JSON body is the script's `args` (empty
//          body: null) -> 200 with the script's result. Missing scriptId 400, unknown 404,
//          script error 400 (message and line), time or memory limit 500 (SPEC 4.11).
//   POST   /openidm/system/{name}/{objectClass}?_action=create   create (201)
//   GET    /openidm/system/{name}/{objectClass}?_queryId=query-all-ids|query-all
//   GET    /openidm/system/{name}/{objectClass}?_queryFilter=...   (+ _pageSize,
//          _pagedResultsCookie, _sortKeys, _fields)
//   GET    /openidm/system/{name}/{objectClass}/{id}         read (_fields)
//   PUT    /openidm/system/{name}/{objectClass}/{id}         replace; with If-None-Match: * create
//   PATCH  /openidm/system/{name}/{objectClass}/{id}         CREST patch operations
//   DELETE /openidm/system/{name}/{objectClass}/{id}         delete; answers the object as it was
//   GET    /openidm/config/provisioner.openicf/{name}        configuration, secrets masked,
//                                                            with objectTypes
// Validation, option parsing and projection happen once in the ConnectorFacade of each system.
//
// SCIM 2.0 (SPEC 10): every path under /scim/v2/ goes to ScimApi; there a bearer token
// (RestApiOptions::scim_tokens, checked by digest, no Argon2) is accepted besides the admins'
// credentials, and refusals are RFC 7644 error bodies.
//
// Authentication (before anything else; a refused request does nothing): X-OpenIDM-Username /
// X-OpenIDM-Password headers or HTTP Basic, checked against the admins' crypto_pwhash_str
// hashes. A verified (user, password) pair is remembered, as a keyed BLAKE2b digest (never the
// password), for auth_cache_ttl, because hash verification is slow by design.
// Authorize() is that check alone on the request line and headers; `serve` runs it before the
// body is read (HttpServerOptions::authorize). Every attempt that is not a cache hit runs
// exactly one Argon2 verification, against the admin's hash or, for an unknown name, against a
// dummy hash with the same parameters (so known and unknown names cost the same). Failed
// attempts are limited per client address (429 with Retry-After once over
// auth_failures_per_minute) and verifications run at most max_concurrent_password_checks at
// once (503 with Retry-After beyond); see server/auth_limiter.h. Concurrent attempts with the
// same (user, password) share one verification: a client that opens many connections at once
// with the same credentials costs one Argon2 run, and the others wait for its answer. A request
// without credentials is 401 and costs nothing.
//
// Errors: every failure is JSON {"code": N, "reason": "...", "message": "..."}; the mapping
// from ErrorCode to status is HttpStatusFor(), the one place it is defined:
//   400 kInvalidInput, kInvalidAttributeValue, kPasswordPolicyViolation, kUnsupported (bad JSON,
//       bad filter with its position, bad parameters, read-only attributes);
//   401 kUnauthenticated; 429 too many failed logins; 503 too many logins at once; 403
//   kPermissionDenied; 404 kUnknownUid (and unknown paths, connectors or object classes); 409
//   kConflict; 412 kAlreadyExists; 413 a body over max_body_bytes; 503 kConnectionFailed,
//   kRetryable, kTimeout (and disabled connectors); 500 anything else, with the IAM action and AWS
//   error code in the message.
// Messages never contain secrets or passwords.
//
// Logging: one line per request at info level: method, path (no query, no body), status,
// duration and the IAM calls the connector made meanwhile (a difference of the connector's
// counters, so approximate when requests run concurrently).
//
// Thread safety: Handle() may be called from many threads at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/script_runner.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/task.h"
#include "http_server/http_server.h"
#include "server/auth_limiter.h"
#include "server/config.h"
#include "server/configured_connector.h"
#include "server/scim/scim_api.h"
#include "server/scim/scim_tokens.h"

namespace aic {

// How long a verified admin credential is remembered.
inline constexpr std::chrono::seconds kAuthCacheTtl{60};
// At most this many remembered credentials (the cache is cleared when full).
inline constexpr std::size_t kAuthCacheMaxEntries = 1024;
// Deepest JSON nesting accepted in a request body.
inline constexpr int kMaxJsonDepth = 64;

// One connector as the REST API sees it.
struct RestSystem {
  std::string name;
  bool enabled = true;
  std::string display_name = "AWS Connector";
  nlohmann::json connector_ref;
  // The provisioner JSON with secrets masked (ConnectorConfig::ToMaskedJson()).
  nlohmann::json masked_config = nlohmann::json::object();
  // The connector with its facade and script host (never null once made).
  std::shared_ptr<ConfiguredConnector> connector;
  // The Lua scripts of `systemActions` (SPEC 4.11); may be empty (then `_action=script`
  // answers 404 for every id).
  std::shared_ptr<ScriptCatalog> scripts;
  // configurationProperties with secrets "****": the scripts' connector.config.
  nlohmann::json script_config = nlohmann::json::object();
};

// Builds an AwsConnector (AwsConnector::Create) and its RestSystem, with the script catalog of
// config.system_actions (actionFile paths relative to the config file's folder). Errors: the
// connector's or the systemActions' kConfiguration, prefixed with the config file.
Result<RestSystem> MakeAwsRestSystem(const ConnectorConfig& config);

// Runs the system's test (AwsConnector::TestWithPermissions) and answers as the seed shows:
// name, enabled, config, connectorRef, displayName, objectTypes, ok, and `error` (never a
// secret) when not ok; plus `permissions`, the IAM permission check (docs/permissions.md):
// ok is false when a permission the connector needs is missing.
nlohmann::json TestSystem(const RestSystem& system);
Task<nlohmann::json> TestSystemAsync(const RestSystem& system);

// How often a request whose login another request is checking looks for the outcome.
inline constexpr std::chrono::milliseconds kLoginCheckPollInterval{5};

struct RestApiOptions {
  std::vector<AdminUser> admins;
  std::size_t max_body_bytes = kDefaultRestMaxBodyBytes;
  std::chrono::seconds auth_cache_ttl = kAuthCacheTtl;
  int auth_failures_per_minute = kDefaultAuthFailuresPerMinute;
  int max_concurrent_password_checks = kDefaultMaxConcurrentPasswordChecks;
  bool log_requests = true;
  // SCIM 2.0 (server/scim/scim_api.h): its bearer tokens (none: only admins' Basic) and limits.
  std::shared_ptr<const ScimTokens> scim_tokens;
  ScimOptions scim;
};

class RestApi {
 public:
  RestApi(RestApiOptions options, std::vector<RestSystem> systems);
  ~RestApi();

  // The server's handler: waits on AWS without holding a thread; password checks and scripts
  // run on the blocking pool (503 + Retry-After when it is full).
  Task<http_server::ServerResponse> HandleAsync(http_server::ServerRequest request);
  // HandleAsync for a caller that is not on the runtime (tests).
  http_server::ServerResponse Handle(const http_server::ServerRequest& request);
  // The authentication of Handle() on its own (the body is not looked at): nullopt when the
  // request may go on, else the 401/429/503 answer.
  std::optional<http_server::ServerResponse> Authorize(const http_server::ServerRequest& request);
  // Authorize without blocking: a recently verified login answers at once; a password check
  // runs on the blocking pool.
  Task<std::optional<http_server::ServerResponse>> AuthorizeAsync(
      http_server::ServerRequest request);
  // The admins' credentials alone (AuthorizeAsync adds SCIM bearer tokens on SCIM paths).
  Task<std::optional<http_server::ServerResponse>> AuthorizeAdminAsync(
      http_server::ServerRequest request);
  // Argon2 verifications run so far (for tests).
  std::uint64_t password_verifications() const { return verifications_.load(); }

  // The single ErrorCode -> HTTP status mapping.
  static int HttpStatusFor(ErrorCode code);
  // OpenIDM's reason phrase for a status ("Bad Request", "Precondition Failed", ...).
  static std::string_view ReasonFor(int status);
  // {"code", "reason", "message"} for a failed Status.
  static http_server::ServerResponse ErrorResponse(const Status& status);
  static http_server::ServerResponse ErrorResponse(int http_status, std::string message);

 private:
  const std::string& DummyHash();
  Task<http_server::ServerResponse> Route(const http_server::ServerRequest& request,
                                          const RestSystem** used);
  // GET /openidm/config/provisioner.openicf/{name}: the masked provisioner JSON.
  http_server::ServerResponse ProvisionerConfigResponse(const std::string& method,
                                                        const std::string& name) const;
  // POST /openidm/system?_action=test: TestSystemAsync of every system, one after another.
  Task<http_server::ServerResponse> TestAllSystems(const std::string& method,
                                                   const std::string& action);
  // What the cache knows of the request's login: verified recently (no Argon2 run needed), being
  // checked by another request right now, or nothing.
  enum class CachedLogin { kUnknown, kVerified, kBeingChecked };
  CachedLogin LookUpLogin(const http_server::ServerRequest& request);
  // The keyed digest of user and password that the cache stores.
  std::string CacheKey(const std::string& user, const std::string& password) const;
  const RestSystem* FindSystem(const std::string& name) const;

  RestApiOptions options_;
  std::vector<RestSystem> systems_;
  std::string cache_key_;  // random key of the credential digests
  std::mutex cache_mu_;
  std::map<std::string, std::chrono::steady_clock::time_point> auth_cache_;
  struct PendingCheck;  // a verification under way, shared by identical concurrent attempts
  std::map<std::string, std::shared_ptr<PendingCheck>> pending_checks_;  // under cache_mu_
  AuthLimiter limiter_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;  // unknown names are verified against it
  std::atomic<std::uint64_t> verifications_{0};
  std::unique_ptr<ScimApi> scim_;  // every path under /scim/v2/
};

}  // namespace aic
