#include "aws_iam_connector/retry.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace aic {
namespace {

using std::chrono::milliseconds;

Status AwsError(std::string code, int http_status, ErrorCode ec = ErrorCode::kInternal) {
  AwsErrorDetail d;
  d.action = "GetUser";
  d.type = http_status >= 500 ? "Receiver" : "Sender";
  d.code = std::move(code);
  d.message = "aws says " + d.code;
  d.request_id = "req-1";
  d.http_status = http_status;
  return Status(ec, "aws says " + d.code, d);
}

TEST(IsRetryableTest, AwsCodesStatusesAndTransportErrors) {
  for (const char* code : {"Throttling", "ThrottlingException", "RequestLimitExceeded",
                           "TooManyRequestsException", "ServiceFailure", "ServiceUnavailable",
                           "InternalFailure", "InternalError", "EntityTemporarilyUnmodifiable"}) {
    EXPECT_TRUE(IsRetryable(AwsError(code, 400))) << code;
  }
  EXPECT_TRUE(IsRetryable(AwsError("Whatever", 500)));
  EXPECT_TRUE(IsRetryable(AwsError("", 503)));
  EXPECT_TRUE(IsRetryable(Status(ErrorCode::kConnectionFailed, "refused")));
  EXPECT_TRUE(IsRetryable(Status(ErrorCode::kTimeout, "slow")));
  EXPECT_TRUE(IsRetryable(Status(ErrorCode::kRetryable, "again")));

  EXPECT_FALSE(IsRetryable(Status::Ok()));
  EXPECT_FALSE(IsRetryable(AwsError("NoSuchEntity", 404, ErrorCode::kUnknownUid)));
  EXPECT_FALSE(IsRetryable(AwsError("EntityAlreadyExists", 409, ErrorCode::kAlreadyExists)));
  EXPECT_FALSE(IsRetryable(AwsError("AccessDenied", 403, ErrorCode::kPermissionDenied)));
  EXPECT_FALSE(IsRetryable(AwsError("ValidationError", 400, ErrorCode::kInvalidInput)));
  EXPECT_FALSE(IsRetryable(Status(ErrorCode::kInvalidInput, "bad")));
  EXPECT_FALSE(IsRetryable(Status(ErrorCode::kInternal, "response too large")));
}

TEST(FullJitterDelayTest, StaysWithinTheExponentialCeiling) {
  RetryPolicy p{.max_retries = 5, .base_delay = milliseconds(100), .max_delay = milliseconds(1000)};
  std::mt19937_64 rng(42);
  for (int attempt = 0; attempt < 40; ++attempt) {
    const std::int64_t ceiling =
        std::min<std::int64_t>(1000, attempt < 20 ? 100LL << attempt : 1000);
    std::int64_t max_seen = 0;
    for (int i = 0; i < 500; ++i) {
      auto d = FullJitterDelay(attempt, p, rng).count();
      ASSERT_GE(d, 0);
      ASSERT_LE(d, ceiling) << "attempt " << attempt;
      max_seen = std::max(max_seen, d);
    }
    // Jitter really spreads up to the ceiling (not a constant, not stuck at base).
    EXPECT_GT(max_seen, ceiling / 2) << "attempt " << attempt;
  }
}

TEST(FullJitterDelayTest, ZeroBaseMeansNoDelay) {
  RetryPolicy p{.max_retries = 1, .base_delay = milliseconds(0), .max_delay = milliseconds(1000)};
  std::mt19937_64 rng(1);
  EXPECT_EQ(FullJitterDelay(3, p, rng).count(), 0);
}

struct Recorder {
  std::vector<milliseconds> sleeps;
  std::function<void(milliseconds)> fn() {
    return [this](milliseconds d) { sleeps.push_back(d); };
  }
};

TEST(CallWithRetriesTest, RetriesThrottlingThenSucceeds) {
  int calls = 0;
  Recorder rec;
  RetryPolicy p{
      .max_retries = 3, .base_delay = milliseconds(100), .max_delay = milliseconds(20000)};
  Result<int> r = CallWithRetries<int>(
      p, nullptr,
      [&]() -> Result<int> {
        ++calls;
        if (calls < 3) return AwsError("Throttling", 400, ErrorCode::kRetryable);
        return 7;
      },
      rec.fn());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 7);
  EXPECT_EQ(calls, 3);
  ASSERT_EQ(rec.sleeps.size(), 2u);
  EXPECT_LE(rec.sleeps[0].count(), 100);
  EXPECT_LE(rec.sleeps[1].count(), 200);
}

TEST(CallWithRetriesTest, NonRetryableReturnsAtOnceUnchanged) {
  int calls = 0;
  Recorder rec;
  Result<int> r = CallWithRetries<int>(
      RetryPolicy{}, nullptr,
      [&]() -> Result<int> {
        ++calls;
        return AwsError("NoSuchEntity", 404, ErrorCode::kUnknownUid);
      },
      rec.fn());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(rec.sleeps.empty());
  EXPECT_EQ(r.status().code(), ErrorCode::kUnknownUid);
  EXPECT_EQ(r.status().message(), "aws says NoSuchEntity");
}

TEST(MayHaveAppliedTest, OnlyTriesThatMayHaveReachedAws) {
  EXPECT_TRUE(MayHaveApplied(AwsError("InternalFailure", 500, ErrorCode::kRetryable)));
  EXPECT_TRUE(MayHaveApplied(AwsError("", 503, ErrorCode::kRetryable)));
  EXPECT_TRUE(MayHaveApplied(Status(ErrorCode::kTimeout, "slow")));
  EXPECT_TRUE(MayHaveApplied(Status(ErrorCode::kConnectionFailed, "reset").MarkMaybeApplied()));

  EXPECT_FALSE(MayHaveApplied(Status::Ok()));
  EXPECT_FALSE(MayHaveApplied(Status(ErrorCode::kConnectionFailed, "refused")));
  EXPECT_FALSE(MayHaveApplied(AwsError("Throttling", 400, ErrorCode::kRetryable)));
  EXPECT_FALSE(MayHaveApplied(AwsError("Throttling", 429, ErrorCode::kRetryable)));
  EXPECT_FALSE(MayHaveApplied(AwsError("EntityAlreadyExists", 409, ErrorCode::kAlreadyExists)));
  EXPECT_FALSE(Status::Ok().MarkMaybeApplied().maybe_applied());
}

// A retried write whose first answer was lost (500) and whose retry meets its own effect
// (EntityAlreadyExists) must say so; the same answer after a throttled try must not.
TEST(CallWithRetriesTest, MarksTheFinalErrorWhenAnEarlierTryMayHaveApplied) {
  Recorder rec;
  auto run = [&](Status first) {
    int calls = 0;
    return CallWithRetries<int>(
        RetryPolicy{}, nullptr,
        [&]() -> Result<int> {
          if (calls++ == 0) return first;
          return AwsError("EntityAlreadyExists", 409, ErrorCode::kAlreadyExists);
        },
        rec.fn());
  };
  Result<int> lost = run(AwsError("InternalFailure", 500, ErrorCode::kRetryable));
  EXPECT_EQ(lost.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_TRUE(lost.status().maybe_applied());
  EXPECT_EQ(lost.status().WithContext("CreateUser").maybe_applied(), true);

  Result<int> throttled = run(AwsError("Throttling", 400, ErrorCode::kRetryable));
  EXPECT_EQ(throttled.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_FALSE(throttled.status().maybe_applied());

  Result<int> refused = run(Status(ErrorCode::kConnectionFailed, "refused"));
  EXPECT_FALSE(refused.status().maybe_applied());

  // Retries spent on 500s: the write may have happened.
  Status exhausted = CallWithRetriesStatus(
      RetryPolicy{1, milliseconds(0), milliseconds(0)}, nullptr,
      [] { return AwsError("InternalFailure", 500, ErrorCode::kRetryable); }, rec.fn());
  EXPECT_EQ(exhausted.code(), ErrorCode::kRetryable);
  EXPECT_TRUE(exhausted.maybe_applied());
}

TEST(CallWithRetriesTest, ExhaustedKeepsAwsDetailAndBecomesRetryable) {
  int calls = 0;
  Recorder rec;
  RetryPolicy p{.max_retries = 4, .base_delay = milliseconds(10), .max_delay = milliseconds(50)};
  Result<std::string> r = CallWithRetries<std::string>(
      p, nullptr,
      [&]() -> Result<std::string> {
        ++calls;
        return AwsError("ServiceFailure", 500, ErrorCode::kInternal);
      },
      rec.fn());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 5);  // 1 try + 4 retries
  EXPECT_EQ(rec.sleeps.size(), 4u);
  for (auto d : rec.sleeps) EXPECT_LE(d.count(), 50);
  EXPECT_EQ(r.status().code(), ErrorCode::kRetryable);
  ASSERT_TRUE(r.status().aws().has_value());
  EXPECT_EQ(r.status().aws()->code, "ServiceFailure");
  EXPECT_EQ(r.status().aws()->http_status, 500);
  EXPECT_EQ(r.status().aws()->request_id, "req-1");
}

TEST(CallWithRetriesTest, ExhaustedConnectionErrorsKeepTheirCode) {
  for (ErrorCode code : {ErrorCode::kConnectionFailed, ErrorCode::kTimeout}) {
    int calls = 0;
    Recorder rec;
    RetryPolicy p{.max_retries = 2, .base_delay = milliseconds(1), .max_delay = milliseconds(5)};
    Result<int> r = CallWithRetries<int>(
        p, nullptr,
        [&]() -> Result<int> {
          ++calls;
          return Status(code, "net down");
        },
        rec.fn());
    EXPECT_EQ(calls, 3);
    EXPECT_EQ(r.status().code(), code);
  }
}

TEST(CallWithRetriesTest, ZeroRetriesTriesOnce) {
  int calls = 0;
  Recorder rec;
  RetryPolicy p{.max_retries = 0};
  Status s = CallWithRetriesStatus(
      p, nullptr,
      [&] {
        ++calls;
        return AwsError("Throttling", 400);
      },
      rec.fn());
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(rec.sleeps.empty());
  EXPECT_EQ(s.code(), ErrorCode::kRetryable);
}

TEST(CallWithRetriesTest, StatusVariantSucceedsAfterRetry) {
  int calls = 0;
  Recorder rec;
  Status s = CallWithRetriesStatus(
      RetryPolicy{}, nullptr,
      [&] { return ++calls == 1 ? Status(ErrorCode::kTimeout, "slow") : Status::Ok(); }, rec.fn());
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(rec.sleeps.size(), 1u);
}

// A manual clock: sleeping advances it.
struct FakeClock {
  RateLimiter::Clock::time_point now{std::chrono::seconds(1000)};
  std::vector<RateLimiter::Clock::duration> sleeps;
};

TEST(RateLimiterTest, PacesCallsOneIntervalApart) {
  FakeClock clock;
  RateLimiter limiter(
      4.0, [&] { return clock.now; },
      [&](RateLimiter::Clock::duration d) {
        clock.sleeps.push_back(d);
        clock.now += d;
      });
  EXPECT_EQ(limiter.interval(), std::chrono::milliseconds(250));
  std::vector<RateLimiter::Clock::time_point> starts;
  for (int i = 0; i < 9; ++i) {
    limiter.Acquire();
    starts.push_back(clock.now);
  }
  EXPECT_EQ(clock.sleeps.size(), 8u);  // the first call does not wait
  for (std::size_t i = 1; i < starts.size(); ++i) {
    EXPECT_EQ(starts[i] - starts[i - 1], std::chrono::milliseconds(250));
  }
  // 9 calls at 4/s span exactly 2 seconds.
  EXPECT_EQ(starts.back() - starts.front(), std::chrono::seconds(2));
}

TEST(RateLimiterTest, IdleTimeIsNotBanked) {
  FakeClock clock;
  RateLimiter limiter(
      10.0, [&] { return clock.now; }, [&](RateLimiter::Clock::duration d) { clock.now += d; });
  limiter.Acquire();
  clock.now += std::chrono::seconds(5);  // idle
  limiter.Acquire();                     // no wait
  auto before = clock.now;
  limiter.Acquire();  // must wait a full interval: no burst from the idle time
  EXPECT_EQ(clock.now - before, std::chrono::milliseconds(100));
}

TEST(RateLimiterTest, UnlimitedNeverSleeps) {
  int sleeps = 0;
  RateLimiter limiter(
      0, [] { return RateLimiter::Clock::time_point{}; },
      [&](RateLimiter::Clock::duration) { ++sleeps; });
  EXPECT_TRUE(limiter.unlimited());
  for (int i = 0; i < 100; ++i) limiter.Acquire();
  EXPECT_EQ(sleeps, 0);
}

TEST(RateLimiterTest, ConcurrentCallersGetDistinctSlots) {
  // Real threads, fake time: each caller reserves its own slot under the lock, so the total
  // requested sleep for N callers at a frozen clock is 0 + 1 + ... + (N-1) intervals.
  std::mutex mu;
  std::vector<RateLimiter::Clock::duration> sleeps;
  const RateLimiter::Clock::time_point frozen{std::chrono::seconds(5)};
  RateLimiter limiter(
      100.0, [&] { return frozen; },
      [&](RateLimiter::Clock::duration d) {
        std::lock_guard lock(mu);
        sleeps.push_back(d);
      });
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { limiter.Acquire(); });
  for (auto& t : threads) t.join();
  ASSERT_EQ(sleeps.size(), 7u);
  std::sort(sleeps.begin(), sleeps.end());
  for (std::size_t i = 0; i < sleeps.size(); ++i) {
    EXPECT_EQ(sleeps[i], std::chrono::milliseconds(10) * static_cast<int>(i + 1));
  }
}

TEST(CallWithRetriesTest, EveryTryIsPacedByTheLimiter) {
  FakeClock clock;
  int acquires_seen = 0;
  RateLimiter limiter(
      2.0, [&] { return clock.now; },
      [&](RateLimiter::Clock::duration d) {
        ++acquires_seen;
        clock.now += d;
      });
  int calls = 0;
  Result<int> r = CallWithRetries<int>(
      RetryPolicy{.max_retries = 3, .base_delay = milliseconds(0)}, &limiter,
      [&]() -> Result<int> {
        if (++calls < 4) return Status(ErrorCode::kConnectionFailed, "x");
        return 1;
      },
      [](milliseconds) {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(acquires_seen, 3);  // tries 2..4 waited for their slot
}

}  // namespace
}  // namespace aic
