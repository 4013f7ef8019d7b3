#include "emulator/fault_injector.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

namespace aic::emulator {
namespace {

double ClampRate(double r) { return std::isfinite(r) ? std::clamp(r, 0.0, 1.0) : 0.0; }

double Draw() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

void FaultInjector::Set(const FaultSettings& settings) {
  throttle_rate_.store(ClampRate(settings.throttle_rate), std::memory_order_relaxed);
  error_rate_.store(ClampRate(settings.error_rate), std::memory_order_relaxed);
  latency_ms_.store(std::clamp(settings.latency_ms, 0, kMaxLatencyMs), std::memory_order_relaxed);
}

FaultSettings FaultInjector::Get() const {
  return {throttle_rate_.load(std::memory_order_relaxed),
          error_rate_.load(std::memory_order_relaxed), latency_ms_.load(std::memory_order_relaxed)};
}

Fault FaultInjector::Apply() const {
  FaultSettings s = Get();
  if (s.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(s.latency_ms));
  // A rate of 1 always fires and 0 never does (Draw() is in [0, 1)).
  if (s.throttle_rate > 0 && Draw() < s.throttle_rate) return Fault::kThrottle;
  if (s.error_rate > 0 && Draw() < s.error_rate) return Fault::kError;
  return Fault::kNone;
}

}  // namespace aic::emulator
