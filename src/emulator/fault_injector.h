// FaultInjector: the emulator's fault settings (throttle rate, error rate, added latency) and
// the per-request draw.
//
// For each request that reached an action: first the caller waits latency() (on a timer; this
// class never sleeps), then Draw(): with probability throttle_rate the request is refused with
// Throttling (400, Type Sender, "Rate exceeded"), else with probability error_rate with
// ServiceFailure (500, Type Receiver).
// Rates are clamped to [0, 1] and latency to [0, kMaxLatencyMs] by Set.
//
// Counted faults (deterministic, per action), for tests of lost answers:
// - `lost_answers[action] = n`: the next n requests for `action` that the backend applies
//   (committed, answered 2xx) are answered 500 InternalFailure instead, as when AWS's answer
//   never arrives. Failed requests (nothing applied) are answered as usual and use no count.
// - `failed_requests[action] = n`: the next n requests for `action` are answered
//   500 ServiceFailure without reaching the backend (nothing applied).
// TakeLostAnswer / TakeFailedRequest use one count; counts are clamped to [0, kMaxLostAnswers]
// and actions with count 0 (or a malformed name) are dropped.
//
// Thread safety: every method may be called from many threads at once (atomics, a mutex for
// the counted faults; the random source is per thread).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace aic::emulator {

inline constexpr int kMaxLatencyMs = 60'000;
// Largest number of answers to lose that may be pending for one action.
inline constexpr int kMaxLostAnswers = 1'000;

enum class Fault { kNone, kThrottle, kError };

struct FaultSettings {
  double throttle_rate = 0;
  double error_rate = 0;
  int latency_ms = 0;
  std::map<std::string, int, std::less<>> lost_answers{};     // action -> answers still to lose
  std::map<std::string, int, std::less<>> failed_requests{};  // action -> requests still to fail
};

// True for a name lost_answers may carry: 1..kMaxLostAnswerActionBytes ASCII letters/digits.
inline constexpr std::size_t kMaxLostAnswerActionBytes = 128;
bool IsLostAnswerAction(std::string_view action);

class FaultInjector {
 public:
  void Set(const FaultSettings& settings);
  FaultSettings Get() const;
  // The latency to add to one request (zero for none).
  std::chrono::milliseconds latency() const;
  // Draws the fault for one request (after its latency).
  Fault Draw() const;
  // True (and one fewer pending) if the answer to this request for `action` is to be lost.
  bool TakeLostAnswer(std::string_view action);
  // True (and one fewer pending) if this request for `action` is to fail unapplied.
  bool TakeFailedRequest(std::string_view action);

 private:
  std::atomic<double> throttle_rate_{0};
  std::atomic<double> error_rate_{0};
  std::atomic<int> latency_ms_{0};
  mutable std::mutex counted_mu_;
  std::map<std::string, int, std::less<>> lost_answers_;
  std::map<std::string, int, std::less<>> failed_requests_;
};

}  // namespace aic::emulator
