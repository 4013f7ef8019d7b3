#include "emulator/fault_injector.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace aic::emulator {
namespace {

double ClampRate(double r) { return std::isfinite(r) ? std::clamp(r, 0.0, 1.0) : 0.0; }

double RandomUnit() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

using Counted = std::map<std::string, int, std::less<>>;

bool TakeOne(Counted& counts, std::string_view action) {
  auto it = counts.find(action);
  if (it == counts.end()) return false;
  if (--it->second <= 0) counts.erase(it);
  return true;
}

}  // namespace

bool IsLostAnswerAction(std::string_view action) {
  if (action.empty() || action.size() > kMaxLostAnswerActionBytes) return false;
  return std::all_of(action.begin(), action.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

static Counted Clamped(const Counted& in) {
  Counted out;
  for (const auto& [action, count] : in) {
    if (count > 0 && IsLostAnswerAction(action)) out[action] = std::min(count, kMaxLostAnswers);
  }
  return out;
}

void FaultInjector::Set(const FaultSettings& settings) {
  throttle_rate_.store(ClampRate(settings.throttle_rate), std::memory_order_relaxed);
  error_rate_.store(ClampRate(settings.error_rate), std::memory_order_relaxed);
  latency_ms_.store(std::clamp(settings.latency_ms, 0, kMaxLatencyMs), std::memory_order_relaxed);
  auto lost = Clamped(settings.lost_answers);
  auto failed = Clamped(settings.failed_requests);
  std::lock_guard lock(counted_mu_);
  lost_answers_ = std::move(lost);
  failed_requests_ = std::move(failed);
}

FaultSettings FaultInjector::Get() const {
  FaultSettings s{throttle_rate_.load(std::memory_order_relaxed),
                  error_rate_.load(std::memory_order_relaxed),
                  latency_ms_.load(std::memory_order_relaxed),
                  {},
                  {}};
  std::lock_guard lock(counted_mu_);
  s.lost_answers = lost_answers_;
  s.failed_requests = failed_requests_;
  return s;
}

std::chrono::milliseconds FaultInjector::latency() const {
  return std::chrono::milliseconds(latency_ms_.load(std::memory_order_relaxed));
}

Fault FaultInjector::Draw() const {
  // The atomics only: the counted faults are not copied on every request.
  const double throttle_rate = throttle_rate_.load(std::memory_order_relaxed);
  const double error_rate = error_rate_.load(std::memory_order_relaxed);
  // A rate of 1 always fires and 0 never does (RandomUnit() is in [0, 1)).
  if (throttle_rate > 0 && RandomUnit() < throttle_rate) return Fault::kThrottle;
  if (error_rate > 0 && RandomUnit() < error_rate) return Fault::kError;
  return Fault::kNone;
}

bool FaultInjector::TakeLostAnswer(std::string_view action) {
  std::lock_guard lock(counted_mu_);
  return TakeOne(lost_answers_, action);
}

bool FaultInjector::TakeFailedRequest(std::string_view action) {
  std::lock_guard lock(counted_mu_);
  return TakeOne(failed_requests_, action);
}

}  // namespace aic::emulator
