#include "aws_iam_connector/emulator.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "emulator/emulator_clock.h"
#include "emulator/emulator_front.h"
#include "emulator/emulator_internal.h"
#include "emulator/state/iam_backend.h"
#include "http_server/http_server.h"

namespace aic {

struct Emulator::Impl {
  std::string host;
  std::shared_ptr<emulator::EmulatorClock> clock;
  std::unique_ptr<emulator::EmulatorFront> front;
  std::unique_ptr<http_server::HttpServer> server;  // stopped before the front goes
};

namespace emulator {
namespace {

bool IsRate(double r) { return std::isfinite(r) && r >= 0 && r <= 1; }

bool IsAccountId(std::string_view id) {
  if (id.size() != 12) return false;
  for (char c : id) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Status ValidateEmulatorOptions(const EmulatorOptions& options) {
  auto bad = [](std::string message) {
    return Status(ErrorCode::kConfiguration, "emulator: " + std::move(message));
  };
  if (options.host.empty()) return bad("host must not be empty");
  if (options.port < 0 || options.port > 65535) return bad("port must be between 0 and 65535");
  if (!IsAccountId(options.account_id)) return bad("account id must be 12 digits");
  if (!IsRate(options.throttle_rate)) return bad("throttle rate must be between 0 and 1");
  if (!IsRate(options.error_rate)) return bad("error rate must be between 0 and 1");
  if (options.latency_ms < 0 || options.latency_ms > kMaxLatencyMs) {
    return bad("latency must be between 0 and " + std::to_string(kMaxLatencyMs) + " ms");
  }
  for (const auto& [action, count] : options.lost_answers) {
    if (!IsLostAnswerAction(action) || count < 1 || count > kMaxLostAnswers) {
      return bad("lost answers need an action name and a count between 1 and " +
                 std::to_string(kMaxLostAnswers));
    }
  }
  if (options.threads < 1 || options.threads > http_server::kMaxThreads) {
    return bad("threads must be between 1 and " + std::to_string(http_server::kMaxThreads));
  }
  if (options.max_body_bytes == 0) return bad("max body bytes must be positive");
  return Status::Ok();
}

Result<std::unique_ptr<Emulator>> StartEmulator(const EmulatorOptions& options,
                                                const BackendFactory& make_backend) {
  AIC_RETURN_IF_ERROR(ValidateEmulatorOptions(options));
  auto impl = std::make_unique<Emulator::Impl>();
  impl->host = options.host;
  impl->clock = std::make_shared<EmulatorClock>();
  auto backend = make_backend([clock = impl->clock] { return clock->Now(); });
  if (!backend.ok()) return backend.status();

  FrontOptions front;
  front.mode = options.mode;
  front.admin = options.admin;
  front.account_id = options.account_id;
  front.initial_faults = {options.throttle_rate, options.error_rate, options.latency_ms};
  for (const auto& [action, count] : options.lost_answers) {
    front.initial_faults.lost_answers[action] = count;
  }
  impl->front =
      std::make_unique<EmulatorFront>(std::move(backend).value(), impl->clock, std::move(front));

  http_server::HttpServerOptions server;
  server.host = options.host;
  server.port = options.port;
  server.threads = options.threads;
  server.max_body_bytes = options.max_body_bytes;
  EmulatorFront* handler = impl->front.get();
  // The coroutine references the front, which outlives the server (Impl's member order and
  // Emulator::Stop); stopping the server destroys coroutines still waiting out a latency.
  auto started = http_server::HttpServer::Start(
      server, [handler](http_server::ServerRequest r) { return handler->Handle(std::move(r)); });
  if (!started.ok()) return started.status();
  impl->server = std::move(started).value();
  return std::make_unique<Emulator>(std::move(impl));
}

}  // namespace emulator

Result<std::unique_ptr<Emulator>> Emulator::Start(const EmulatorOptions& options) {
  return emulator::StartEmulator(
      options, [&options](std::function<std::chrono::system_clock::time_point()> now) {
        emulator::BackendOptions backend;
        backend.db_path = options.db_path;
        backend.account_id = options.account_id;
        backend.demo_data = options.demo_data;
        backend.enforce_iam = options.enforce_iam;
        backend.now = std::move(now);
        return emulator::MakeIamBackend(backend);
      });
}

Emulator::Emulator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Emulator::~Emulator() { Stop(); }

int Emulator::port() const { return impl_->server->port(); }

std::string Emulator::endpoint() const {
  const bool v6 = impl_->host.find(':') != std::string::npos;
  std::string host = v6 ? "[" + impl_->host + "]" : impl_->host;
  return "http://" + host + ":" + std::to_string(port()) + "/";
}

std::map<std::string, std::uint64_t> Emulator::CallCounts() const {
  return impl_->front->counters().Snapshot();
}

void Emulator::ResetCallCounts() { impl_->front->counters().Reset(); }

void Emulator::SetFaults(double throttle_rate, double error_rate, int latency_ms) {
  emulator::FaultSettings settings = impl_->front->faults().Get();
  settings.throttle_rate = throttle_rate;
  settings.error_rate = error_rate;
  settings.latency_ms = latency_ms;
  impl_->front->faults().Set(settings);
}

void Emulator::LoseAnswers(const std::string& action, int count) {
  emulator::FaultSettings settings = impl_->front->faults().Get();
  if (count > 0) {
    settings.lost_answers[action] = count;
  } else {
    settings.lost_answers.erase(action);
  }
  impl_->front->faults().Set(settings);
}

void Emulator::SetClockOffset(std::chrono::seconds offset) {
  offset = std::clamp(offset, -emulator::kMaxClockOffset, emulator::kMaxClockOffset);
  impl_->front->clock().SetOffset(offset);
}

std::chrono::system_clock::time_point Emulator::Now() const { return impl_->clock->Now(); }

Status Emulator::ResetState() { return impl_->front->ResetState(); }

void Emulator::Stop() { impl_->server->Stop(); }

}  // namespace aic
