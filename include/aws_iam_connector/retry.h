// Retries with exponential backoff and full jitter, and a client-side rate limit
// (SPEC section 6: maxRetries, requestsPerSecond).
//
// CallWithRetries runs `attempt` until it succeeds, fails with a non-retryable error (returned at
// once, unchanged) or `max_retries` retries are spent. Between tries it sleeps FullJitterDelay.
// Every try (the first too) first waits on the RateLimiter, if one is given. When retries run
// out on a retryable error, the returned Status keeps the last message and AWS detail; its code
// is kRetryable, except kConnectionFailed and kTimeout which are kept as they are.
// A failed result is marked Status::maybe_applied() when any try (the last included) may have
// reached AWS and been applied (MayHaveApplied): the caller then cannot read the final answer
// as "nothing happened" (a retried CreateUser answered EntityAlreadyExists may have met the user
// its own first try created).
//
// Thread safety: IsRetryable, FullJitterDelay (with a caller-owned rng) and CallWithRetries are
// reentrant; RateLimiter is thread-safe (one limiter is shared by every caller of an account).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string_view>
#include <utility>

#include "aws_iam_connector/status.h"

namespace aic {

// Defaults of maxRetries and the backoff curve.
inline constexpr int kDefaultMaxRetries = 3;
inline constexpr std::chrono::milliseconds kDefaultRetryBaseDelay{100};
inline constexpr std::chrono::milliseconds kDefaultRetryMaxDelay{20000};

struct RetryPolicy {
  int max_retries = kDefaultMaxRetries;  // maxRetries: retries after the first try (0: none)
  std::chrono::milliseconds base_delay = kDefaultRetryBaseDelay;
  std::chrono::milliseconds max_delay = kDefaultRetryMaxDelay;
};

// True for the AWS codes Throttling, ThrottlingException, RequestLimitExceeded,
// TooManyRequestsException, ServiceFailure, ServiceUnavailable, InternalFailure, InternalError,
// EntityTemporarilyUnmodifiable, RequestThrottled, SlowDown, PriorRequestNotComplete;
// for any AWS HTTP status >= 500 (and 429); and for kConnectionFailed, kTimeout, kRetryable.
bool IsRetryable(const Status& status);

// True when the failed try `status` may have been applied by AWS: the transport marked it
// (timeout or reset after the request was sent), any kTimeout, or any AWS HTTP status >= 500
// (AWS may fail after committing). False for throttling (400/429: refused before any work),
// for connection failures before sending, and for every other 4xx.
bool MayHaveApplied(const Status& status);

// True if `code` is one of the retryable AWS error codes listed above.
bool IsRetryableAwsCode(std::string_view code);

// Full jitter: uniform in [0, min(max_delay, base_delay * 2^attempt)], attempt counted from 0.
std::chrono::milliseconds FullJitterDelay(int attempt, const RetryPolicy& policy,
                                          std::mt19937_64& rng);

// The Status CallWithRetries returns when the retry budget is spent on `last`.
Status RetriesExhausted(const Status& last, int tries);

// Sleeps on the calling thread.
void DefaultSleep(std::chrono::milliseconds delay);

// The bookkeeping of one call's tries, shared by the blocking loops below and the asynchronous
// ones (which wait on timers): after each failed try, Failed() gives the final Status (not
// retryable, or retries spent: RetriesExhausted, marked maybe_applied when any try may have been
// applied), or nullopt and then NextDelay() is the backoff before the next try.
class RetryState {
 public:
  explicit RetryState(const RetryPolicy& policy)
      : policy_(policy), max_retries_(policy.max_retries < 0 ? 0 : policy.max_retries) {}
  std::optional<Status> Failed(const Status& status);
  std::chrono::milliseconds NextDelay();
  int tries() const { return tries_; }

 private:
  const RetryPolicy policy_;
  const int max_retries_;
  int tries_ = 0;  // failed tries so far
  bool maybe_applied_ = false;
};

// Paces calls to at most `requests_per_second` on average (no bursts beyond one call): each
// Acquire reserves the next free slot (slots are 1/rate apart) and sleeps until it. With
// requests_per_second <= 0 it never waits. Thread-safe.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  using NowFn = std::function<Clock::time_point()>;
  using SleepFn = std::function<void(Clock::duration)>;

  explicit RateLimiter(double requests_per_second);
  // For tests: an injected clock and sleep.
  RateLimiter(double requests_per_second, NowFn now, SleepFn sleep);

  void Acquire();
  // Reserves the next slot and returns how long to wait for it (zero when unlimited); for
  // callers that wait on a timer instead of sleeping.
  Clock::duration Reserve();
  bool unlimited() const { return interval_.count() <= 0; }
  Clock::duration interval() const { return interval_; }

 private:
  Clock::duration interval_{0};
  NowFn now_;
  SleepFn sleep_;
  std::mutex mu_;
  Clock::time_point next_slot_{};
};

template <class T>
Result<T> CallWithRetries(
    const RetryPolicy& policy, RateLimiter* limiter, const std::function<Result<T>()>& attempt,
    const std::function<void(std::chrono::milliseconds)>& sleep = DefaultSleep) {
  RetryState state(policy);
  for (;;) {
    if (limiter != nullptr) limiter->Acquire();
    Result<T> result = attempt();
    if (result.ok()) return result;
    if (std::optional<Status> last = state.Failed(result.status())) return *last;
    sleep(state.NextDelay());
  }
}

// The same for calls that return only a Status.
Status CallWithRetriesStatus(
    const RetryPolicy& policy, RateLimiter* limiter, const std::function<Status()>& attempt,
    const std::function<void(std::chrono::milliseconds)>& sleep = DefaultSleep);

}  // namespace aic
