// EmulatorClock: the emulator's notion of "now": the system clock plus an adjustable offset.
//
// Used for the SigV4 request window, for the expiry of temporary (AssumeRole) credentials and
// by the backend (BackendOptions::now), so tests can move time forward (POST /_emulator/clock)
// and expire session tokens without waiting.
//
// Thread safety: every method may be called from many threads at once (the offset is atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace aic::emulator {

// Largest offset accepted (about 100 years either way).
inline constexpr std::chrono::seconds kMaxClockOffset{100LL * 366 * 24 * 3600};

class EmulatorClock {
 public:
  std::chrono::system_clock::time_point Now() const {
    return std::chrono::system_clock::now() +
           std::chrono::seconds(offset_seconds_.load(std::memory_order_relaxed));
  }
  std::chrono::seconds offset() const {
    return std::chrono::seconds(offset_seconds_.load(std::memory_order_relaxed));
  }
  // The caller keeps |offset| <= kMaxClockOffset.
  void SetOffset(std::chrono::seconds offset) {
    offset_seconds_.store(offset.count(), std::memory_order_relaxed);
  }

 private:
  std::atomic<std::int64_t> offset_seconds_{0};
};

}  // namespace aic::emulator
