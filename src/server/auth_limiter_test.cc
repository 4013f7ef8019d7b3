#include "server/auth_limiter.h"

#include <gtest/gtest.h>

namespace aic {
namespace {

TEST(AuthLimiterTest, ClientIsTheAddressWithoutThePort) {
  EXPECT_EQ(AuthLimiter::ClientOf("127.0.0.1:5000"), "127.0.0.1");
  EXPECT_EQ(AuthLimiter::ClientOf("::1:5000"), "::1");
  EXPECT_EQ(AuthLimiter::ClientOf("[::1]:5000"), "::1");
  EXPECT_EQ(AuthLimiter::ClientOf(""), "");
}

TEST(AuthLimiterTest, FailuresLockOutOneClientForTheWindow) {
  AuthLimiter limiter(2, 1);
  auto now = AuthLimiter::Clock::now();
  limiter.RecordFailure("a", now);
  EXPECT_EQ(limiter.LockedOutFor("a", now), 0);
  limiter.RecordFailure("a", now);
  EXPECT_EQ(limiter.LockedOutFor("a", now), 60);
  EXPECT_EQ(limiter.LockedOutFor("b", now), 0);
  EXPECT_EQ(limiter.LockedOutFor("a", now + kAuthFailureWindow), 0);
  limiter.RecordFailure("b", now);
  limiter.RecordSuccess("b");
  limiter.RecordFailure("b", now);
  EXPECT_EQ(limiter.LockedOutFor("b", now), 0);
}

TEST(AuthLimiterTest, ConcurrentVerificationsAreBounded) {
  AuthLimiter limiter(10, 2);
  EXPECT_TRUE(limiter.TryAcquire());
  EXPECT_TRUE(limiter.TryAcquire());
  EXPECT_FALSE(limiter.TryAcquire());
  limiter.Release();
  EXPECT_TRUE(limiter.TryAcquire());
}

TEST(AuthLimiterTest, TrackedClientsAreBounded) {
  AuthLimiter limiter(1, 1);
  auto now = AuthLimiter::Clock::now();
  limiter.RecordFailure("first", now);
  for (std::size_t i = 0; i < kMaxTrackedAuthClients; ++i) {
    limiter.RecordFailure("c" + std::to_string(i), now + std::chrono::milliseconds(1));
  }
  EXPECT_EQ(limiter.LockedOutFor("first", now), 0);  // the oldest window made room
  EXPECT_GT(limiter.LockedOutFor("c0", now), 0);
}

}  // namespace
}  // namespace aic
