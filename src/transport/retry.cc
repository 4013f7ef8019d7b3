#include "aws_iam_connector/retry.h"

#include <algorithm>
#include <array>
#include <thread>

namespace aic {
namespace {

constexpr std::array<std::string_view, 12> kRetryableAwsCodes = {
    "Throttling",
    "ThrottlingException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
    "ServiceFailure",
    "ServiceUnavailable",
    "InternalFailure",
    "InternalError",
    "EntityTemporarilyUnmodifiable",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
};
// HTTP "Too Many Requests".
constexpr int kHttpTooManyRequests = 429;
constexpr int kHttpFirstServerError = 500;
// 2^kMaxShift is far above any sane max_delay / base_delay ratio; avoids overflow.
constexpr int kMaxShift = 30;

}  // namespace

bool IsRetryableAwsCode(std::string_view code) {
  return std::find(kRetryableAwsCodes.begin(), kRetryableAwsCodes.end(), code) !=
         kRetryableAwsCodes.end();
}

bool IsRetryable(const Status& status) {
  if (status.ok()) return false;
  switch (status.code()) {
    case ErrorCode::kConnectionFailed:
    case ErrorCode::kTimeout:
    case ErrorCode::kRetryable:
      return true;
    default:
      break;
  }
  if (const auto& aws = status.aws()) {
    if (IsRetryableAwsCode(aws->code)) return true;
    if (aws->http_status >= kHttpFirstServerError || aws->http_status == kHttpTooManyRequests) {
      return true;
    }
  }
  return false;
}

bool MayHaveApplied(const Status& status) {
  if (status.ok()) return false;
  if (status.maybe_applied() || status.code() == ErrorCode::kTimeout) return true;
  return status.aws() && status.aws()->http_status >= kHttpFirstServerError;
}

std::chrono::milliseconds FullJitterDelay(int attempt, const RetryPolicy& policy,
                                          std::mt19937_64& rng) {
  const std::int64_t base = std::max<std::int64_t>(0, policy.base_delay.count());
  const std::int64_t cap = std::max<std::int64_t>(0, policy.max_delay.count());
  const int shift = std::clamp(attempt, 0, kMaxShift);
  std::int64_t ceiling = cap;
  if (base > 0 && base <= (cap >> shift)) ceiling = base << shift;
  if (base == 0) ceiling = 0;
  std::uniform_int_distribution<std::int64_t> dist(0, ceiling);
  return std::chrono::milliseconds(dist(rng));
}

Status RetriesExhausted(const Status& last, int tries) {
  ErrorCode code = last.code();
  if (code != ErrorCode::kConnectionFailed && code != ErrorCode::kTimeout) {
    code = ErrorCode::kRetryable;
  }
  std::string message = last.message() + " (gave up after " + std::to_string(tries) +
                        (tries == 1 ? " try)" : " tries)");
  if (last.aws()) return Status(code, std::move(message), *last.aws());
  return Status(code, std::move(message));
}

void DefaultSleep(std::chrono::milliseconds delay) {
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
}

RateLimiter::RateLimiter(double requests_per_second)
    : RateLimiter(
          requests_per_second, [] { return Clock::now(); },
          [](Clock::duration d) {
            if (d.count() > 0) std::this_thread::sleep_for(d);
          }) {}

RateLimiter::RateLimiter(double requests_per_second, NowFn now, SleepFn sleep)
    : now_(std::move(now)), sleep_(std::move(sleep)) {
  if (requests_per_second > 0) {
    interval_ = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / requests_per_second));
    if (interval_.count() <= 0) interval_ = Clock::duration(1);
  }
}

RateLimiter::Clock::duration RateLimiter::Reserve() {
  if (unlimited()) return Clock::duration{0};
  std::lock_guard lock(mu_);
  const Clock::time_point now = now_();
  const Clock::time_point slot = std::max(now, next_slot_);
  next_slot_ = slot + interval_;
  return slot - now;
}

void RateLimiter::Acquire() {
  // Sleep outside the lock: later callers reserve later slots meanwhile.
  const Clock::duration wait = Reserve();
  if (wait.count() > 0) sleep_(wait);
}

Status CallWithRetriesStatus(const RetryPolicy& policy, RateLimiter* limiter,
                             const std::function<Status()>& attempt,
                             const std::function<void(std::chrono::milliseconds)>& sleep) {
  RetryState state(policy);
  for (;;) {
    if (limiter != nullptr) limiter->Acquire();
    Status status = attempt();
    if (status.ok()) return status;
    if (std::optional<Status> last = state.Failed(status)) return *last;
    sleep(state.NextDelay());
  }
}

std::optional<Status> RetryState::Failed(const Status& status) {
  maybe_applied_ = maybe_applied_ || MayHaveApplied(status);
  ++tries_;
  if (IsRetryable(status) && tries_ <= max_retries_) return std::nullopt;
  Status last = IsRetryable(status) ? RetriesExhausted(status, tries_) : status;
  return maybe_applied_ ? last.MarkMaybeApplied() : last;
}

std::chrono::milliseconds RetryState::NextDelay() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return FullJitterDelay(tries_ - 1, policy_, rng);
}

}  // namespace aic
