#include "emulator/admin_api.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace aic::emulator {
namespace {

using http_server::ServerRequest;
using http_server::ServerResponse;
using nlohmann::json;

constexpr std::string_view kAdminPrefix = "/_emulator";
constexpr std::string_view kMotoReset = "/moto-api/reset";

ServerResponse Json(int status, const json& body) {
  return ServerResponse{status, {{"Content-Type", "application/json"}}, body.dump() + "\n"};
}

ServerResponse Error(int status, std::string message) {
  return Json(status, json{{"error", std::move(message)}});
}

ServerResponse MethodNotAllowed(std::string_view allow) {
  ServerResponse r = Error(405, "method not allowed");
  r.headers.push_back({"Allow", std::string(allow)});
  return r;
}

// Parses the request body as a JSON object (an empty body is an empty object).
Result<json> ParseObject(const ServerRequest& request) {
  if (request.body.size() > kMaxAdminBodyBytes) {
    return Status(ErrorCode::kInvalidInput,
                  "body larger than " + std::to_string(kMaxAdminBodyBytes) + " bytes");
  }
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status(ErrorCode::kInvalidInput, "malformed JSON");
  if (!body.is_object()) return Status(ErrorCode::kInvalidInput, "the body must be a JSON object");
  return body;
}

json FaultsJson(const FaultSettings& s) {
  json out{{"throttle_rate", s.throttle_rate},
           {"error_rate", s.error_rate},
           {"latency_ms", s.latency_ms}};
  // Counted faults are shown only while some are pending.
  if (!s.lost_answers.empty()) out["lost_answers"] = s.lost_answers;
  if (!s.failed_requests.empty()) out["failed_requests"] = s.failed_requests;
  return out;
}

// Merges {"Action": count, ...} (the field `key`) into `counts`; a count of 0 removes the
// action. Empty on success, else the error message.
std::string MergeCounts(const std::string& key, const json& value,
                        std::map<std::string, int, std::less<>>& lost) {
  if (!value.is_object()) return key + " must be an object of action -> count";
  const std::string range =
      key + " counts must be integers between 0 and " + std::to_string(kMaxLostAnswers);
  for (const auto& [action, count] : value.items()) {
    if (!IsLostAnswerAction(action)) return key + ": " + json(action).dump() + " is no action";
    if (!count.is_number_integer() ||
        (count.is_number_unsigned() &&
         count.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxLostAnswers))) {
      return range;
    }
    const auto n = count.get<long long>();
    if (n < 0 || n > kMaxLostAnswers) return range;
    if (n == 0) {
      lost.erase(action);
    } else {
      lost[action] = static_cast<int>(n);
    }
  }
  return {};
}

}  // namespace

bool IsAdminPath(std::string_view path) {
  return path == kMotoReset || path == kAdminPrefix ||
         (path.starts_with(kAdminPrefix) && path[kAdminPrefix.size()] == '/');
}

AdminApi::AdminApi(CallCounters& counters, FaultInjector& faults, EmulatorClock& clock,
                   std::function<Status()> reset_state, SignIn sign_in)
    : counters_(counters),
      faults_(faults),
      clock_(clock),
      reset_state_(std::move(reset_state)),
      sign_in_(std::move(sign_in)) {}

ServerResponse AdminApi::Handle(const ServerRequest& request) const {
  const std::string_view path = request.Path();
  const bool get = request.method == "GET";
  const bool post = request.method == "POST";
  if (path == "/_emulator/counters") {
    if (!get) return MethodNotAllowed("GET");
    json out = json::object();
    for (const auto& [action, count] : counters_.Snapshot()) out[action] = count;
    return Json(200, out);
  }
  if (path == "/_emulator/counters/reset") {
    if (!post) return MethodNotAllowed("POST");
    counters_.Reset();
    return Json(200, json{{"status", "ok"}});
  }
  if (path == "/_emulator/faults") {
    if (!get && !post) return MethodNotAllowed("GET, POST");
    return Faults(request);
  }
  if (path == "/_emulator/clock") {
    if (!get && !post) return MethodNotAllowed("GET, POST");
    return Clock(request);
  }
  if (path == "/_emulator/console-sign-in") {
    if (!post) return MethodNotAllowed("POST");
    return ConsoleSignIn(request);
  }
  if (path == "/_emulator/reset" || path == kMotoReset) {
    if (!post) return MethodNotAllowed("POST");
    Status s = reset_state_();
    if (!s.ok()) return Error(500, "reset failed: " + s.message());
    return Json(200, json{{"status", "ok"}});
  }
  return Error(404, "no such admin endpoint");
}

ServerResponse AdminApi::Faults(const ServerRequest& request) const {
  if (request.method == "GET") return Json(200, FaultsJson(faults_.Get()));
  auto body = ParseObject(request);
  if (!body.ok()) return Error(400, body.status().message());
  FaultSettings settings = faults_.Get();
  for (const auto& [key, value] : body->items()) {
    if (key == "throttle_rate" || key == "error_rate") {
      if (!value.is_number()) return Error(400, key + " must be a number");
      double rate = value.get<double>();
      if (!std::isfinite(rate) || rate < 0 || rate > 1) {
        return Error(400, key + " must be between 0 and 1");
      }
      (key == "throttle_rate" ? settings.throttle_rate : settings.error_rate) = rate;
    } else if (key == "latency_ms") {
      if (!value.is_number_integer()) return Error(400, "latency_ms must be an integer");
      auto ms = value.get<long long>();
      if (ms < 0 || ms > kMaxLatencyMs) {
        return Error(400, "latency_ms must be between 0 and " + std::to_string(kMaxLatencyMs));
      }
      settings.latency_ms = static_cast<int>(ms);
    } else if (key == "lost_answers" || key == "failed_requests") {
      std::string error = MergeCounts(
          key, value, key == "lost_answers" ? settings.lost_answers : settings.failed_requests);
      if (!error.empty()) return Error(400, error);
    } else {
      return Error(400, "unknown field " + json(key).dump());
    }
  }
  faults_.Set(settings);
  return Json(200, FaultsJson(faults_.Get()));
}

ServerResponse AdminApi::Clock(const ServerRequest& request) const {
  if (request.method == "POST") {
    auto body = ParseObject(request);
    if (!body.ok()) return Error(400, body.status().message());
    for (const auto& [key, value] : body->items()) {
      if (key != "offset_seconds") return Error(400, "unknown field " + json(key).dump());
      if (!value.is_number_integer()) return Error(400, "offset_seconds must be an integer");
      // Read as signed even when nlohmann stored it unsigned; huge values are refused below.
      if (value.is_number_unsigned() &&
          value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxClockOffset.count())) {
        return Error(400, "offset_seconds is out of range");
      }
      auto offset = value.get<long long>();
      if (offset > kMaxClockOffset.count() || offset < -kMaxClockOffset.count()) {
        return Error(400, "offset_seconds is out of range");
      }
      clock_.SetOffset(std::chrono::seconds(offset));
    }
  }
  return Json(200, json{{"offset_seconds", clock_.offset().count()}});
}

// {"userName": "...", "password": "..."} -> 200 {"status": "ok"}; a wrong user, password or a
// user without login profile -> 401 {"error": "..."} (one message for all three, as a sign-in
// page answers); the password is never echoed or logged.
ServerResponse AdminApi::ConsoleSignIn(const ServerRequest& request) const {
  if (!sign_in_) return Error(404, "no such admin endpoint");
  auto body = ParseObject(request);
  if (!body.ok()) return Error(400, body.status().message());
  std::string user;
  SecretString password;
  bool has_user = false, has_password = false;
  for (const auto& [key, value] : body->items()) {
    if (key != "userName" && key != "password") {
      return Error(400, "unknown field " + json(key).dump());
    }
    if (!value.is_string()) return Error(400, key + " must be a string");
    if (key == "userName") {
      user = value.get<std::string>();
      has_user = true;
    } else {
      password = SecretString(value.get<std::string>());
      has_password = true;
    }
  }
  if (!has_user || !has_password) return Error(400, "userName and password are required");
  Status s = sign_in_(user, password);
  if (s.ok()) return Json(200, json{{"status", "ok"}});
  if (s.code() == ErrorCode::kUnauthenticated) return Error(401, s.message());
  return Error(500, "sign-in failed: " + s.message());
}

}  // namespace aic::emulator
