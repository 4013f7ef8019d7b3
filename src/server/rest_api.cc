// RestApi (rest_api.h): authentication, routing, the error table and the request log.
#include "server/rest_api.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/blocking_pool.h"
#include "common/text_codec.h"
#include "server/rest_util.h"

namespace aic {
namespace {

namespace net = boost::asio;

using json = nlohmann::json;
using http_server::ServerRequest;
using http_server::ServerResponse;

constexpr std::string_view kSystemPrefix = "openidm";
constexpr std::string_view kProvisionerConfig = "provisioner.openicf";
// The attributes a REST DELETE of an account returns by default: those GetUser carries.
constexpr std::string_view kDeletedAccountFields =
    "_id,__NAME__,UserId,Arn,Path,CreatedDate,PasswordLastUsed,PermissionsBoundary,Tags";
// The same for a group: those GetGroup carries (one read, not three).
constexpr std::string_view kDeletedGroupFields = "_id,__NAME__,GroupId,Arn,Path,CreatedDate";

ServerResponse JsonResponse(int status, const json& body) {
  return ServerResponse{
      status,
      {{"Content-Type", "application/json;charset=utf-8"}, {"Cache-Control", "no-store"}},
      body.dump(2, ' ', false, json::error_handler_t::replace)};
}

connector::RawOperationOptions RawOptions(const QueryParams& q) {
  connector::RawOperationOptions raw;
  raw.fields = q.Get("_fields");
  raw.page_size = q.Get("_pageSize");
  raw.paged_results_cookie = q.Get("_pagedResultsCookie");
  raw.sort_keys = q.Get("_sortKeys");
  return raw;
}

// POST /openidm/system/{name}?_action=script|runScriptOnConnector&scriptId=ID.
ServerResponse RunScript(const RestSystem& system, const std::optional<std::string>& script_id,
                         const std::string& body) {
  if (!script_id || script_id->empty()) {
    return RestApi::ErrorResponse(400, "_action=script needs a scriptId parameter");
  }
  if (!system.enabled) {
    return RestApi::ErrorResponse(503, "connector '" + system.name + "' is disabled");
  }
  if (!system.scripts) {
    return RestApi::ErrorResponse(404,
                                  "no script '" + script_id->substr(0, 64) + "' in systemActions");
  }
  json args;  // null when the body is empty
  if (!Trim(body).empty()) {
    auto parsed = ParseJsonBody(body, kMaxJsonDepth);
    if (!parsed.ok()) return RestApi::ErrorResponse(parsed.status());
    args = std::move(*parsed);
  }
  auto output = system.scripts->RunById(*script_id, args, system.script_config,
                                        system.connector->script_host());
  if (output.ok()) return JsonResponse(200, output->result);
  // A script's time limit is the script's fault, not AWS being unreachable: it answers 500
  // (as the memory limit does) rather than the table's 503 for kTimeout.
  if (output.status().code() == ErrorCode::kTimeout) {
    return RestApi::ErrorResponse(Status(ErrorCode::kLimitExceeded, output.status().message()));
  }
  return RestApi::ErrorResponse(output.status());
}

// RunScript on the blocking pool (Lua runs until its limits stop it).
Task<ServerResponse> RunScriptOffLoop(const RestSystem& system,
                                      const std::optional<std::string>& script_id,
                                      const std::string& body) {
  auto out = co_await BlockingPool::Shared().Run(
      [&]() -> Result<ServerResponse> { return RunScript(system, script_id, body); });
  co_return out.ok() ? std::move(*out) : RestApi::ErrorResponse(out.status());
}

}  // namespace

RestApi::RestApi(RestApiOptions options, std::vector<RestSystem> systems)
    : options_(std::move(options)),
      systems_(std::move(systems)),
      limiter_(options_.auth_failures_per_minute, options_.max_concurrent_password_checks) {
  std::vector<std::string> names;
  for (const RestSystem& system : systems_) names.push_back(system.name);
  scim_ = std::make_unique<ScimApi>(options_.scim, names);
  if (sodium_init() < 0) spdlog::error("libsodium failed to initialise");
  cache_key_.assign(crypto_generichash_KEYBYTES, '\0');
  randombytes_buf(cache_key_.data(), cache_key_.size());
}

RestApi::~RestApi() = default;

int RestApi::HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kInvalidAttributeValue:
    case ErrorCode::kPasswordPolicyViolation:
    case ErrorCode::kUnsupported:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kUnknownUid:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kAlreadyExists:
      return 412;
    case ErrorCode::kConnectionFailed:
    case ErrorCode::kRetryable:
    case ErrorCode::kTimeout:
      return 503;
    case ErrorCode::kLimitExceeded:
    case ErrorCode::kConfiguration:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

std::string_view RestApi::ReasonFor(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Request Entity Too Large";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Unavailable";
    default:
      return "Internal Server Error";
  }
}

ServerResponse RestApi::ErrorResponse(int http_status, std::string message) {
  json body = {{"code", http_status},
               {"reason", std::string(ReasonFor(http_status))},
               {"message", std::move(message)}};
  return JsonResponse(http_status, body);
}

ServerResponse RestApi::ErrorResponse(const Status& status) {
  std::string message = status.message();
  if (status.aws()) {
    message += " (" + status.aws()->action + ": " + status.aws()->code + ")";
  }
  ServerResponse out = ErrorResponse(HttpStatusFor(status.code()), std::move(message));
  if (status.code() == ErrorCode::kRetryable) out.headers.push_back({"Retry-After", "1"});
  return out;
}

const std::string& RestApi::DummyHash() {
  std::call_once(dummy_once_, [this] {
    PasswordHashCost cost;  // interactive, as HashPassword
    if (!options_.admins.empty()) {
      auto first = ParsePasswordHashCost(options_.admins.front().password_hash);
      if (first) cost = *first;
    }
    std::string random(32, '\0');
    randombytes_buf(random.data(), random.size());
    auto hash = HashPasswordWithCost(SecretString(random), cost);
    WipeString(random);
    if (hash.ok()) dummy_hash_ = *hash;
  });
  return dummy_hash_;
}

namespace {
enum class CheckOutcome { kRunning, kVerified, kRefused, kBusy };
}  // namespace

struct RestApi::PendingCheck {
  CheckOutcome outcome = CheckOutcome::kRunning;  // under cache_mu_
  std::condition_variable done_cv;
};

// The user name and password a request carries (X-OpenIDM-* headers or Basic); nullopt when
// it carries none that can be checked.
std::optional<std::pair<std::string, std::string>> RequestCredentials(
    const ServerRequest& request) {
  std::string user(request.Header("X-OpenIDM-Username"));
  std::string password(request.Header("X-OpenIDM-Password"));
  if (user.empty()) {
    auto basic = ParseBasicAuth(request.Header("Authorization"));
    if (!basic) return std::nullopt;
    user = std::move(basic->first);
    WipeString(password);
    password = std::move(basic->second);
  }
  if (user.empty() || user.size() > 256 || password.size() > 1024) {
    WipeString(password);
    return std::nullopt;
  }
  return std::make_pair(std::move(user), std::move(password));
}

std::string RestApi::CacheKey(const std::string& user, const std::string& password) const {
  std::string material = user + '\0' + password;
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(material.data()),
                     material.size(), reinterpret_cast<const unsigned char*>(cache_key_.data()),
                     cache_key_.size());
  WipeString(material);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

RestApi::CachedLogin RestApi::LookUpLogin(const ServerRequest& request) {
  auto credentials = RequestCredentials(request);
  if (!credentials) return CachedLogin::kUnknown;
  std::string key = CacheKey(credentials->first, credentials->second);
  WipeString(credentials->second);
  const auto now = std::chrono::steady_clock::now();
  if (limiter_.LockedOutFor(AuthLimiter::ClientOf(request.remote_address), now) > 0) {
    return CachedLogin::kUnknown;
  }
  std::lock_guard<std::mutex> lock(cache_mu_);
  auto it = auth_cache_.find(key);
  if (it != auth_cache_.end() && it->second > now) return CachedLogin::kVerified;
  return pending_checks_.count(key) != 0 ? CachedLogin::kBeingChecked : CachedLogin::kUnknown;
}

std::optional<ServerResponse> RestApi::Authorize(const ServerRequest& request) {
  auto credentials = RequestCredentials(request);
  if (!credentials) return ErrorResponse(401, "Access Denied");
  std::string user = std::move(credentials->first);
  std::string password = std::move(credentials->second);
  const std::string client = AuthLimiter::ClientOf(request.remote_address);
  auto now = std::chrono::steady_clock::now();
  // Checked before the cache, so a locked-out client cannot test guesses against it either.
  if (int wait = limiter_.LockedOutFor(client, now); wait > 0) {
    WipeString(password);
    ServerResponse out = ErrorResponse(429, "too many failed logins; retry later");
    out.headers.push_back({"Retry-After", std::to_string(wait)});
    return out;
  }
  std::string key = CacheKey(user, password);
  std::shared_ptr<PendingCheck> pending;
  bool mine = false;
  {
    std::unique_lock<std::mutex> lock(cache_mu_);
    auto it = auth_cache_.find(key);
    if (it != auth_cache_.end()) {
      if (it->second > now) {
        WipeString(password);
        return std::nullopt;
      }
      auth_cache_.erase(it);
    }
    auto [slot, inserted] = pending_checks_.try_emplace(key);
    if (inserted) slot->second = std::make_shared<PendingCheck>();
    pending = slot->second;
    mine = inserted;
    if (!mine) {  // the same credentials are being verified: wait for that answer
      pending->done_cv.wait(lock, [&] { return pending->outcome != CheckOutcome::kRunning; });
    }
  }
  if (mine) {
    const AdminUser* admin = nullptr;
    for (const AdminUser& a : options_.admins) {
      if (a.username == user) admin = &a;
    }
    const std::string& hash = admin != nullptr ? admin->password_hash : DummyHash();
    CheckOutcome outcome = CheckOutcome::kBusy;
    if (limiter_.TryAcquire()) {
      ++verifications_;
      bool ok = VerifyPassword(hash, password) && admin != nullptr;
      limiter_.Release();
      outcome = ok ? CheckOutcome::kVerified : CheckOutcome::kRefused;
    }
    std::lock_guard<std::mutex> lock(cache_mu_);
    pending->outcome = outcome;
    pending_checks_.erase(key);
    if (outcome == CheckOutcome::kVerified) {
      if (auth_cache_.size() >= kAuthCacheMaxEntries) auth_cache_.clear();
      auth_cache_[key] = now + options_.auth_cache_ttl;
    }
    pending->done_cv.notify_all();
  }
  WipeString(password);
  switch (pending->outcome) {
    case CheckOutcome::kVerified:
      limiter_.RecordSuccess(client);
      return std::nullopt;
    case CheckOutcome::kBusy: {
      ServerResponse out = ErrorResponse(503, "too many logins at once; retry later");
      out.headers.push_back({"Retry-After", std::to_string(kAuthBusyRetryAfterSeconds)});
      return out;
    }
    default:
      limiter_.RecordFailure(client, std::chrono::steady_clock::now());
      return ErrorResponse(401, "Access Denied");
  }
}

const RestSystem* RestApi::FindSystem(const std::string& name) const {
  for (const RestSystem& s : systems_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Task<json> TestSystemAsync(const RestSystem& system) {
  json out = {{"name", system.name},
              {"enabled", system.enabled},
              {"config", "config/provisioner.openicf/" + system.name},
              {"connectorRef", system.connector_ref},
              {"displayName", system.display_name},
              {"objectTypes", system.connector->facade().schema().ObjectTypeNames()}};
  if (!system.enabled) {
    out["ok"] = false;
    out["error"] = "connector is disabled";
    co_return out;
  }
  AwsTestReport report = co_await system.connector->aws().TestWithPermissions();
  const Status& status = report.status;
  out["ok"] = status.ok();
  if (!status.ok()) {
    std::string message = status.message();
    if (status.aws()) message += " (" + status.aws()->action + ": " + status.aws()->code + ")";
    out["error"] = message;
  }
  out["permissions"] = std::move(report.permissions);
  co_return out;
}

json TestSystem(const RestSystem& system) {
  Result<json> out = Wait(AsResult(TestSystemAsync(system)));
  return out.ok() ? std::move(*out)
                  : json{{"name", system.name}, {"ok", false}, {"error", out.status().message()}};
}

namespace {

// A refusal of a SCIM request as RFC 7644 words it (same status and Retry-After).
ServerResponse AsScimRefusal(const ServerResponse& refused) {
  std::string detail = "authentication failed";
  auto body = json::parse(refused.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object() && body.contains("message") && body["message"].is_string()) {
    detail = body["message"].get<std::string>();
  }
  scim::ScimError error{refused.status, scim::ScimType::kNone, detail, 0};
  ServerResponse out = ScimApi::ErrorResponse(error);
  for (const auto& h : refused.headers) {
    if (text::EqualsIgnoreCase(h.name, "Retry-After")) out.headers.push_back(h);
  }
  return out;
}

// The token of "Authorization: Bearer TOKEN", or nullopt.
std::optional<std::string_view> BearerToken(const ServerRequest& request) {
  std::string_view header = text::TrimAsciiSpace(request.Header("Authorization"));
  if (header.size() < 7 || !text::StartsWithIgnoreCase(header, "Bearer ")) return std::nullopt;
  return text::TrimAsciiSpace(header.substr(7));
}

}  // namespace

Task<std::optional<ServerResponse>> RestApi::AuthorizeAsync(ServerRequest request) {
  if (ScimApi::Serves(request.Path())) {
    if (auto token = BearerToken(request)) {
      const std::string client = AuthLimiter::ClientOf(request.remote_address);
      const auto now = std::chrono::steady_clock::now();
      if (int wait = limiter_.LockedOutFor(client, now); wait > 0) {
        ServerResponse out = ScimApi::ErrorResponse(scim::ScimError{
            429, scim::ScimType::kNone, "too many failed logins; retry later", wait});
        co_return out;
      }
      if (options_.scim_tokens && options_.scim_tokens->Verify(*token)) co_return std::nullopt;
      limiter_.RecordFailure(client, now);
      co_return ScimApi::ErrorResponse(
          scim::ScimError{401, scim::ScimType::kNone, "the bearer token is not valid", 0});
    }
    auto refused = co_await AuthorizeAdminAsync(std::move(request));
    if (refused) co_return AsScimRefusal(*refused);
    co_return std::nullopt;
  }
  co_return co_await AuthorizeAdminAsync(std::move(request));
}

Task<std::optional<ServerResponse>> RestApi::AuthorizeAdminAsync(ServerRequest request) {
  // While the same login is being checked (a burst of new connections with one account), wait
  // on a timer for its outcome instead of taking a blocking-pool slot each.
  for (CachedLogin state = LookUpLogin(request); state != CachedLogin::kUnknown;
       state = LookUpLogin(request)) {
    if (state == CachedLogin::kVerified) co_return std::nullopt;
    net::steady_timer poll(co_await net::this_coro::executor);
    poll.expires_after(kLoginCheckPollInterval);
    co_await poll.async_wait(net::use_awaitable);
  }
  // A password check (Argon2) or a wait for an identical one: off the event loop.
  auto checked = co_await BlockingPool::Shared().Run(
      [&]() -> Result<std::optional<ServerResponse>> { return Authorize(request); });
  co_return checked.ok() ? std::move(*checked) : ErrorResponse(checked.status());
}

ServerResponse RestApi::Handle(const ServerRequest& request) {
  Result<ServerResponse> r = Wait(AsResult(HandleAsync(request)));
  return r.ok() ? std::move(*r) : ErrorResponse(r.status());
}

Task<ServerResponse> RestApi::HandleAsync(ServerRequest request) {
  auto start = std::chrono::steady_clock::now();
  const RestSystem* used = nullptr;
  std::int64_t calls_before = -1;
  ServerResponse response;
  std::optional<ServerResponse> refused = co_await AuthorizeAsync(request);
  if (refused) {
    response = std::move(*refused);
  } else {
    // IAM call counting is attributed to the system the path names.
    auto path = SplitPath(request.Path());
    if (path && path->size() >= 3 && ((*path)[1] == "system" || (*path)[0] == "scim")) {
      const RestSystem* s = FindSystem((*path)[2]);
      if (s != nullptr) calls_before = s->connector->IamCalls();
    }
    try {
      response = co_await Route(request, &used);
    } catch (const std::exception&) {
      response = ScimApi::Serves(request.Path())
                     ? ScimApi::ErrorResponse(
                           scim::ScimError{500, scim::ScimType::kNone, "internal error", 0})
                     : ErrorResponse(500, "internal error");
    }
  }
  if (options_.log_requests) {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::int64_t calls = 0;
    if (used != nullptr && calls_before >= 0) {
      calls = used->connector->IamCalls() - calls_before;
    }
    std::string_view path = request.Path();
    if (path.size() > 512) path = path.substr(0, 512);
    spdlog::info("rest method={} path={} status={} duration_ms={:.1f} iam_calls={}", request.method,
                 path, response.status, ms, calls);
  }
  co_return response;
}

namespace {

// A facade operation's answer: the object with `status`, or the error.
ServerResponse ObjectResponse(int status, const Result<json>& r) {
  return r.ok() ? JsonResponse(status, *r) : RestApi::ErrorResponse(r.status());
}

// POST /openidm/system/{name}?_action=test|script|runScriptOnConnector.
Task<ServerResponse> RunSystemAction(const RestSystem& system, const ServerRequest& request,
                                     const QueryParams& query, const std::string& action) {
  const std::string& method = request.method;
  if (method != "POST") {
    co_return RestApi::ErrorResponse(405, method + " is not supported here");
  }
  if (action == "test") co_return JsonResponse(200, co_await TestSystemAsync(system));
  if (action == "script" || action == "runScriptOnConnector") {
    // A named local, not a temporary in the co_await expression (GCC 12 destroys those twice).
    const std::optional<std::string> script_id = query.Get("scriptId");
    co_return co_await RunScriptOffLoop(system, script_id, request.body);
  }
  co_return RestApi::ErrorResponse(400, "unsupported _action '" + action + "'");
}

// /openidm/system/{name}/{class}: POST ?_action=create, or GET (a query).
Task<ServerResponse> RouteCollection(connector::ConnectorFacade& facade,
                                     const std::string& object_class, const ServerRequest& request,
                                     const QueryParams& query, const std::string& action,
                                     const connector::RawOperationOptions& raw) {
  const std::string& method = request.method;
  if (method == "POST") {
    if (action != "create") {
      co_return RestApi::ErrorResponse(400, "unsupported _action '" + action + "'");
    }
    auto body = ParseJsonBody(request.body, kMaxJsonDepth);
    if (!body.ok()) co_return RestApi::ErrorResponse(body.status());
    co_return ObjectResponse(201, co_await facade.Create(object_class, std::move(*body), raw));
  }
  if (method == "GET") {
    connector::QuerySpec spec;
    spec.query_filter = query.Get("_queryFilter");
    spec.query_id = query.Get("_queryId");
    auto result = co_await facade.Query(object_class, spec, raw);
    if (!result.ok()) co_return RestApi::ErrorResponse(result.status());
    co_return JsonResponse(200, std::move(*result).ToJson());
  }
  co_return RestApi::ErrorResponse(405, method + " is not supported on a collection");
}

// /openidm/system/{name}/{class}/{id}: GET, DELETE, PATCH, PUT (an update, or a create with
// If-None-Match: *).
Task<ServerResponse> RouteObject(connector::ConnectorFacade& facade,
                                 const std::string& object_class, const std::string& id,
                                 const ServerRequest& request, const std::string& action,
                                 const connector::RawOperationOptions& raw) {
  const std::string& method = request.method;
  if (method == "GET") co_return ObjectResponse(200, co_await facade.Get(object_class, id, raw));
  if (method == "DELETE") {
    // The deleted account is answered with what GetUser alone returns (as the seed shows it):
    // one read plus DeleteUser, instead of the four calls of a default read.
    connector::RawOperationOptions delete_raw = raw;
    if (!delete_raw.fields && (object_class == "__ACCOUNT__" || object_class == "__USER__")) {
      delete_raw.fields = std::string(kDeletedAccountFields);
    } else if (!delete_raw.fields && object_class == "__GROUP__") {
      delete_raw.fields = std::string(kDeletedGroupFields);
    }
    co_return ObjectResponse(200, co_await facade.Delete(object_class, id, delete_raw));
  }
  if (method == "PUT" || method == "PATCH") {
    auto body = ParseJsonBody(request.body, kMaxJsonDepth);
    if (!body.ok()) co_return RestApi::ErrorResponse(body.status());
    if (method == "PATCH")
      co_return ObjectResponse(200, co_await facade.Patch(object_class, id, *body, raw));
    std::string_view if_none_match = Trim(request.Header("If-None-Match"));
    if (if_none_match == "*") {
      co_return ObjectResponse(201,
                               co_await facade.Create(object_class, std::move(*body), raw, id));
    }
    if (!if_none_match.empty()) {
      co_return RestApi::ErrorResponse(400, "If-None-Match supports only \"*\" (create)");
    }
    co_return ObjectResponse(200, co_await facade.Update(object_class, id, std::move(*body), raw));
  }
  if (method == "POST") {
    co_return RestApi::ErrorResponse(400, "unsupported _action '" + action + "' on an object");
  }
  co_return RestApi::ErrorResponse(405, method + " is not supported on an object");
}

}  // namespace

Task<ServerResponse> RestApi::Route(const ServerRequest& request, const RestSystem** used) {
  if (ScimApi::Serves(request.Path())) {
    if (request.body.size() > options_.max_body_bytes) {
      co_return ScimApi::ErrorResponse(scim::ScimError{
          413, scim::ScimType::kNone,
          "request body larger than " + std::to_string(options_.max_body_bytes) + " bytes", 0});
    }
    const RestSystem* system = FindSystem(ScimApi::SystemOf(request.Path()));
    *used = system;
    co_return co_await scim_->Handle(request, system);
  }
  auto segments = SplitPath(request.Path());
  if (!segments) co_return ErrorResponse(400, "malformed percent-encoding in the path");
  auto query = QueryParams::Parse(request.Query());
  if (!query.ok()) co_return ErrorResponse(query.status());
  const std::vector<std::string>& seg = *segments;
  const std::string& method = request.method;
  const std::string action = query->Get("_action").value_or("");
  if (request.body.size() > options_.max_body_bytes) {
    co_return ErrorResponse(
        413, "request body larger than " + std::to_string(options_.max_body_bytes) + " bytes");
  }
  if (seg.empty() || seg[0] != kSystemPrefix) co_return ErrorResponse(404, "no such path");

  // /openidm/config/provisioner.openicf/{name}
  if (seg.size() == 4 && seg[1] == "config" && seg[2] == kProvisionerConfig) {
    co_return ProvisionerConfigResponse(method, seg[3]);
  }
  if (seg.size() < 2 || seg[1] != "system") co_return ErrorResponse(404, "no such path");

  if (seg.size() == 2) co_return co_await TestAllSystems(method, action);
  const RestSystem* system = FindSystem(seg[2]);
  if (system == nullptr) co_return ErrorResponse(404, "no connector named '" + seg[2] + "'");
  *used = system;
  if (seg.size() == 3) co_return co_await RunSystemAction(*system, request, *query, action);
  if (seg.size() > 5) co_return ErrorResponse(404, "no such path");
  if (!system->enabled)
    co_return ErrorResponse(503, "connector '" + system->name + "' is disabled");
  if (!connector::ParseObjectClass(seg[3]).ok()) {
    co_return ErrorResponse(404, "unknown object class '" + seg[3].substr(0, 64) + "'");
  }
  connector::ConnectorFacade& facade = system->connector->facade();
  const std::string& object_class = seg[3];
  const connector::RawOperationOptions raw = RawOptions(*query);
  if (seg.size() == 4) {
    co_return co_await RouteCollection(facade, object_class, request, *query, action, raw);
  }
  co_return co_await RouteObject(facade, object_class, seg[4], request, action, raw);
}

ServerResponse RestApi::ProvisionerConfigResponse(const std::string& method,
                                                  const std::string& name) const {
  if (method != "GET") return ErrorResponse(405, method + " is not supported here");
  const RestSystem* s = FindSystem(name);
  if (s == nullptr) return ErrorResponse(404, "no connector configuration '" + name + "'");
  json body = s->masked_config;
  body["_id"] = std::string(kProvisionerConfig) + "/" + s->name;
  body["objectTypes"] = s->connector->facade().schema().ToObjectTypes();
  return JsonResponse(200, body);
}

Task<ServerResponse> RestApi::TestAllSystems(const std::string& method, const std::string& action) {
  if (method != "POST") co_return ErrorResponse(405, method + " is not supported here");
  if (action != "test") co_return ErrorResponse(400, "unsupported _action '" + action + "'");
  json all = json::array();
  for (const RestSystem& s : systems_) all.push_back(co_await TestSystemAsync(s));
  co_return JsonResponse(200, all);
}

}  // namespace aic
