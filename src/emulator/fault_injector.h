// FaultInjector: the emulator's fault settings (throttle rate, error rate, added latency) and
// the per-request draw.
//
// For each request that reached an action: first the added latency is slept, then with
// probability throttle_rate the request is refused with Throttling (400, Type Sender,
// "Rate exceeded"), else with probability error_rate with ServiceFailure (500, Type Receiver).
// Rates are clamped to [0, 1] and latency to [0, kMaxLatencyMs] by Set.
//
// Thread safety: every method may be called from many threads at once (atomics; the random
// source is per thread).
#pragma once

#include <atomic>

namespace aic::emulator {

inline constexpr int kMaxLatencyMs = 60'000;

enum class Fault { kNone, kThrottle, kError };

struct FaultSettings {
  double throttle_rate = 0;
  double error_rate = 0;
  int latency_ms = 0;
};

class FaultInjector {
 public:
  void Set(const FaultSettings& settings);
  FaultSettings Get() const;
  // Sleeps the added latency (if any) and draws the fault for one request.
  Fault Apply() const;

 private:
  std::atomic<double> throttle_rate_{0};
  std::atomic<double> error_rate_{0};
  std::atomic<int> latency_ms_{0};
};

}  // namespace aic::emulator
