// Unit tests of the refresh logic with a scripted StsClient (pure logic: the wire is covered by
// tests/credentials_sts_test.cc against a stub server and moto).
#include "aws_iam_connector/assume_role_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace aic {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

constexpr char kRole[] = "arn:aws:iam::123456789012:role/Connector";

class ScriptedSts : public StsClient {
 public:
  explicit ScriptedSts(std::function<system_clock::time_point()> now) : now_(std::move(now)) {}

  Result<AssumeRoleResult> AssumeRole(const AssumeRoleRequest& request) override {
    int n = ++calls;
    {
      std::lock_guard<std::mutex> lock(mu);
      last_request = request;
    }
    if (hold_until_released) {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return released; });
    }
    if (fail_next.exchange(false)) {
      return Status(
          ErrorCode::kRetryable, "throttled",
          AwsErrorDetail{"AssumeRole", "Sender", "Throttling", "Rate exceeded", "req-1", 400});
    }
    AssumeRoleResult r;
    r.credentials.access_key_id = "ASIA" + std::to_string(n);
    r.credentials.secret_access_key = SecretString("secret-" + std::to_string(n));
    r.credentials.session_token = SecretString("token-" + std::to_string(n));
    r.credentials.expiration = now_() + seconds(lifetime_seconds);
    r.assumed_role_arn = "arn:aws:sts::123456789012:assumed-role/Connector/s";
    return r;
  }
  Result<CallerIdentity> GetCallerIdentity() override {
    return Status(ErrorCode::kUnsupported, "not scripted");
  }

  void Release() {
    std::lock_guard<std::mutex> lock(mu);
    released = true;
    cv.notify_all();
  }

  std::atomic<int> calls{0};
  std::atomic<bool> fail_next{false};
  int lifetime_seconds = 3600;
  bool hold_until_released = false;
  std::mutex mu;
  std::condition_variable cv;
  bool released = false;
  AssumeRoleRequest last_request;

 private:
  std::function<system_clock::time_point()> now_;
};

// A test clock that only moves when told to.
struct TestClock {
  std::atomic<system_clock::rep> ticks{system_clock::now().time_since_epoch().count()};
  system_clock::time_point Now() const {
    return system_clock::time_point(system_clock::duration(ticks.load()));
  }
  void Advance(system_clock::duration d) { ticks += d.count(); }
  WallClock AsWallClock() {
    return [this] { return Now(); };
  }
};

class AssumeRoleProviderTest : public ::testing::Test {
 protected:
  std::shared_ptr<AssumeRoleCredentialsProvider> Make(AssumeRoleSettings s = {}) {
    if (s.role_arn.empty()) s.role_arn = kRole;
    auto p = AssumeRoleCredentialsProvider::Create(sts, s, clock.AsWallClock());
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : nullptr;
  }
  TestClock clock;
  std::shared_ptr<ScriptedSts> sts = std::make_shared<ScriptedSts>([this] { return clock.Now(); });
};

TEST_F(AssumeRoleProviderTest, SendsTheConfiguredParametersOnFirstGetOnly) {
  AssumeRoleSettings s;
  s.external_id = "ext-123";
  s.role_session_name = "idm-session";
  s.duration_seconds = 1800;
  auto p = Make(s);
  EXPECT_EQ(sts->calls.load(), 0);  // lazy
  auto c = p->Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIA1");
  EXPECT_TRUE(c->session_token.Equals("token-1"));
  EXPECT_EQ(sts->last_request.role_arn, kRole);
  EXPECT_EQ(sts->last_request.external_id, "ext-123");
  EXPECT_EQ(sts->last_request.role_session_name, "idm-session");
  EXPECT_EQ(sts->last_request.duration_seconds, 1800);
  EXPECT_EQ(p->assumed_role_arn(), "arn:aws:sts::123456789012:assumed-role/Connector/s");
  for (int i = 0; i < 10; ++i) ASSERT_EQ(p->Get()->access_key_id, "ASIA1");
  EXPECT_EQ(sts->calls.load(), 1);
}

TEST_F(AssumeRoleProviderTest, RefreshesExactlyOnceWhenTheClockEntersTheWindow) {
  auto p = Make();  // 3600 s credentials, 300 s window
  ASSERT_EQ(p->Get()->access_key_id, "ASIA1");
  clock.Advance(seconds(3600 - 300 - 1));  // one second before the window
  EXPECT_EQ(p->Get()->access_key_id, "ASIA1");
  EXPECT_EQ(sts->calls.load(), 1);
  clock.Advance(seconds(2));  // inside the window, not yet expired
  EXPECT_EQ(p->Get()->access_key_id, "ASIA2");
  EXPECT_EQ(p->Get()->access_key_id, "ASIA2");
  EXPECT_EQ(sts->calls.load(), 2);
  EXPECT_EQ(p->assume_role_calls(), 2);
}

TEST_F(AssumeRoleProviderTest, ShortDurationUsesAQuarterAsWindow) {
  sts->lifetime_seconds = 900;
  AssumeRoleSettings s;
  s.duration_seconds = 900;  // window 225 s
  auto p = Make(s);
  ASSERT_TRUE(p->Get().ok());
  clock.Advance(seconds(900 - 225 - 1));
  ASSERT_TRUE(p->Get().ok());
  EXPECT_EQ(sts->calls.load(), 1);
  clock.Advance(seconds(1));
  ASSERT_TRUE(p->Get().ok());
  EXPECT_EQ(sts->calls.load(), 2);
}

TEST_F(AssumeRoleProviderTest, SixteenThreadsAtRefreshTimeCauseOneAssumeRole) {
  auto p = Make();
  ASSERT_TRUE(p->Get().ok());
  clock.Advance(seconds(3500));  // inside the window
  sts->hold_until_released = true;
  constexpr int kThreads = 16;
  std::atomic<int> started{0};
  std::vector<std::thread> threads;
  std::vector<std::string> keys(kThreads);
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++started;
      auto c = p->Get();
      keys[i] = c.ok() ? c->access_key_id : c.status().ToString();
    });
  }
  // Let the refresh (and every other Get()) get under way, then let STS answer.
  while (started.load() < kThreads || sts->calls.load() < 2) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  sts->Release();
  for (auto& t : threads) t.join();
  EXPECT_EQ(sts->calls.load(), 2);  // the initial one and exactly one refresh
  for (const auto& k : keys) EXPECT_EQ(k, "ASIA2");
}

TEST_F(AssumeRoleProviderTest, FailedRefreshReturnsTheErrorThenRetries) {
  auto p = Make();
  ASSERT_TRUE(p->Get().ok());
  clock.Advance(seconds(3400));  // in the window: old credentials still valid for 200 s
  sts->fail_next = true;
  auto failed = p->Get();
  ASSERT_FALSE(failed.ok());  // never the old, nearly expired credentials
  EXPECT_EQ(failed.status().code(), ErrorCode::kRetryable);
  EXPECT_NE(failed.status().message().find(kRole), std::string::npos);
  ASSERT_TRUE(failed.status().aws().has_value());
  EXPECT_EQ(failed.status().aws()->code, "Throttling");
  auto retried = p->Get();
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->access_key_id, "ASIA3");
}

TEST_F(AssumeRoleProviderTest, CredentialsAlreadyInsideTheWindowAreRefused) {
  sts->lifetime_seconds = 100;  // the local clock is "ahead" of STS
  auto p = Make();
  auto c = p->Get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kInternal);
  EXPECT_NE(c.status().message().find("refresh window"), std::string::npos);
  EXPECT_EQ(c.status().message().find("secret-1"), std::string::npos);
  EXPECT_EQ(c.status().message().find("token-1"), std::string::npos);
}

TEST_F(AssumeRoleProviderTest, CreateRejectsBadSettings) {
  AssumeRoleSettings s;
  s.role_arn = "not-an-arn";
  auto p = AssumeRoleCredentialsProvider::Create(sts, s);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), ErrorCode::kConfiguration);
  s.role_arn = kRole;
  s.duration_seconds = 100000;
  EXPECT_EQ(AssumeRoleCredentialsProvider::Create(sts, s).status().code(),
            ErrorCode::kConfiguration);
  EXPECT_EQ(sts->calls.load(), 0);
}

}  // namespace
}  // namespace aic
