// AuthLimiter: the guards around admin password verification in RestApi (SPEC 7).
//
// - Failed attempts per client address: after `max_failures` failed verifications from one
//   address within kAuthFailureWindow, further attempts from it are refused (429 with
//   Retry-After: the seconds until the window ends) without verifying anything. The address is
//   the IP of "IP:PORT" (the port is dropped). A success clears the address's count. At most
//   kMaxTrackedAuthClients addresses are tracked; when full, expired windows are dropped, then
//   the oldest window.
// - Concurrent verifications: at most `max_concurrent` Argon2 verifications run at once; an
//   attempt beyond that is refused (503 with Retry-After: kAuthBusyRetryAfterSeconds).
//
// Thread safety: every method may be called from many threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aic {

// The window over which failed attempts from one address are counted.
inline constexpr std::chrono::seconds kAuthFailureWindow{60};
// Failed attempts allowed per client address and window (then 429).
inline constexpr int kDefaultAuthFailuresPerMinute = 10;
// Argon2 verifications (64 MiB each) allowed at once (then 503).
inline constexpr int kDefaultMaxConcurrentPasswordChecks = 2;
// Client addresses whose failures are tracked at once.
inline constexpr std::size_t kMaxTrackedAuthClients = 10000;
// Retry-After of a 503 when every verification slot is busy.
inline constexpr int kAuthBusyRetryAfterSeconds = 1;

class AuthLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  AuthLimiter(int max_failures, int max_concurrent)
      : max_failures_(max_failures), max_concurrent_(max_concurrent) {}

  // "IP:PORT" (or "[v6]:PORT") -> the IP.
  static std::string ClientOf(std::string_view remote_address);

  // Seconds the client must wait (> 0) when it is locked out, else 0.
  int LockedOutFor(const std::string& client, Clock::time_point now);
  void RecordFailure(const std::string& client, Clock::time_point now);
  void RecordSuccess(const std::string& client);

  // A verification slot; false when all are taken. Release() gives it back.
  bool TryAcquire();
  void Release();

 private:
  struct Window {
    Clock::time_point start;
    int failures = 0;
  };
  void MakeRoom(Clock::time_point now);  // with mu_ held

  const int max_failures_;
  const int max_concurrent_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
  int running_ = 0;
};

}  // namespace aic
