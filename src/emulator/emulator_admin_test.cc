// The emulator's admin endpoints over real loopback HTTP, on the real IAM backend.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "aws_iam_connector/emulator.h"
#include "emulator/emulator_test_client.h"

namespace aic::emulator {
namespace {

using nlohmann::json;
using testing::FormPost;
using testing::MakeCredentials;
using testing::Reply;
using testing::Send;
using testing::Signed;
using testing::Url;

class EmulatorAdminTest : public ::testing::Test {
 protected:
  void SetUp() override { StartWith(EmulatorOptions().threads); }
  void StartWith(int threads) {
    EmulatorOptions options;
    options.admin = true;
    options.threads = threads;
    emulator_.reset();
    auto started = Emulator::Start(options);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    emulator_ = std::move(started).value();
  }

  Reply Admin(std::string method, std::string target, std::string body = {}) {
    HttpRequest r;
    r.method = std::move(method);
    r.url = Url(emulator_->port(), target);
    if (!body.empty()) r.headers.push_back({"Content-Type", "application/json"});
    r.body = std::move(body);
    return Send(r);
  }
  static json Json(const Reply& r) {
    EXPECT_EQ(r.Header("Content-Type"), "application/json");
    return json::parse(r.body);
  }
  Reply Iam(std::string form) {
    return Send(
        Signed(FormPost(emulator_->port(), std::move(form)), MakeCredentials("test", "test")));
  }

  std::unique_ptr<Emulator> emulator_;
};

TEST_F(EmulatorAdminTest, CountersAreServedAsJsonAndReset) {
  EXPECT_EQ(Json(Admin("GET", "/_emulator/counters")), json::object());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Iam("Action=ListUsers&Version=2010-05-08").status, 200);
  ASSERT_EQ(Iam("Action=ListGroups&Version=2010-05-08").status, 200);
  Reply r = Admin("GET", "/_emulator/counters");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r), (json{{"ListGroups", 1}, {"ListUsers", 3}}));
  EXPECT_EQ(Admin("POST", "/_emulator/counters/reset").status, 200);
  EXPECT_EQ(Json(Admin("GET", "/_emulator/counters")), json::object());
  EXPECT_EQ(Admin("POST", "/_emulator/counters").status, 405);
  EXPECT_EQ(Admin("GET", "/_emulator/counters/reset").status, 405);
}

TEST_F(EmulatorAdminTest, FaultsAreSetReadAndApplied) {
  Reply r =
      Admin("POST", "/_emulator/faults", R"({"throttle_rate":1,"error_rate":0,"latency_ms":0})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["throttle_rate"], 1.0);
  Reply throttled = Iam("Action=ListUsers&Version=2010-05-08");
  EXPECT_EQ(throttled.status, 400);
  EXPECT_EQ(throttled.Code(), "Throttling");
  EXPECT_EQ(throttled.Xml("Message"), "Rate exceeded");

  // Fields left out keep their value.
  r = Admin("POST", "/_emulator/faults", R"({"throttle_rate":0,"error_rate":1})");
  ASSERT_EQ(r.status, 200) << r.body;
  Reply failed = Iam("Action=ListUsers&Version=2010-05-08");
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.Code(), "ServiceFailure");
  EXPECT_EQ(failed.Xml("Type"), "Receiver");

  r = Admin("POST", "/_emulator/faults", R"({"error_rate":0,"latency_ms":5})");
  EXPECT_EQ(Json(Admin("GET", "/_emulator/faults")),
            (json{{"throttle_rate", 0.0}, {"error_rate", 0.0}, {"latency_ms", 5}}));
  EXPECT_EQ(Iam("Action=ListUsers&Version=2010-05-08").status, 200);
  EXPECT_EQ(Json(Admin("GET", "/_emulator/counters"))["ListUsers"], 3);
}

TEST_F(EmulatorAdminTest, CountedFaultsLoseAnswersAndFailRequestsDeterministically) {
  Reply r = Admin("POST", "/_emulator/faults",
                  R"({"lost_answers":{"CreateUser":1},"failed_requests":{"DeleteUser":1}})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["lost_answers"], (json{{"CreateUser", 1}}));
  EXPECT_EQ(Json(r)["failed_requests"], (json{{"DeleteUser", 1}}));
  // A failed CreateUser (bad name) is answered as usual and uses no count.
  EXPECT_EQ(Iam("Action=CreateUser&Version=2010-05-08&UserName=bad%20name").status, 400);
  Reply lost = Iam("Action=CreateUser&Version=2010-05-08&UserName=amy");
  EXPECT_EQ(lost.status, 500);
  EXPECT_EQ(lost.Code(), "InternalFailure");
  EXPECT_EQ(Iam("Action=GetUser&Version=2010-05-08&UserName=amy").status, 200);  // applied
  EXPECT_EQ(Iam("Action=CreateUser&Version=2010-05-08&UserName=amy").Code(), "EntityAlreadyExists");
  Reply failed = Iam("Action=DeleteUser&Version=2010-05-08&UserName=amy");
  EXPECT_EQ(failed.status, 500);
  EXPECT_EQ(failed.Code(), "ServiceFailure");
  EXPECT_EQ(Iam("Action=GetUser&Version=2010-05-08&UserName=amy").status, 200);  // not applied
  EXPECT_EQ(Iam("Action=DeleteUser&Version=2010-05-08&UserName=amy").status, 200);
  // All used: the fields are gone from GET.
  EXPECT_EQ(Json(Admin("GET", "/_emulator/faults")),
            (json{{"throttle_rate", 0.0}, {"error_rate", 0.0}, {"latency_ms", 0}}));
  // A count of 0 removes a pending one.
  ASSERT_EQ(Admin("POST", "/_emulator/faults", R"({"lost_answers":{"TagUser":3}})").status, 200);
  ASSERT_EQ(Admin("POST", "/_emulator/faults", R"({"lost_answers":{"TagUser":0}})").status, 200);
  EXPECT_FALSE(Json(Admin("GET", "/_emulator/faults")).contains("lost_answers"));
}

TEST_F(EmulatorAdminTest, BadAdminBodiesGet400AndChangeNothing) {
  const char* bad[] = {
      "{not json",
      "[1,2]",
      R"({"throttle_rate":1.5})",
      R"({"throttle_rate":-0.1})",
      R"({"throttle_rate":"high"})",
      R"({"latency_ms":0.5})",
      R"({"latency_ms":999999})",
      R"({"unknown":1})",
      R"({"lost_answers":1})",
      R"({"lost_answers":{"CreateUser":-1}})",
      R"({"lost_answers":{"CreateUser":1001}})",
      R"({"lost_answers":{"CreateUser":1.5}})",
      R"({"lost_answers":{"Create User":1}})",
      R"({"failed_requests":{"":1}})",
  };
  for (const char* body : bad) {
    Reply r = Admin("POST", "/_emulator/faults", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_TRUE(Json(r).contains("error")) << r.body;
  }
  EXPECT_EQ(Json(Admin("GET", "/_emulator/faults")),
            (json{{"throttle_rate", 0.0}, {"error_rate", 0.0}, {"latency_ms", 0}}));
  EXPECT_EQ(Admin("POST", "/_emulator/clock", R"({"offset_seconds":"soon"})").status, 400);
  EXPECT_EQ(Admin("POST", "/_emulator/clock", R"({"offset_seconds":1e30})").status, 400);
  EXPECT_EQ(Admin("POST", "/_emulator/clock", R"({"offset_seconds":99999999999999})").status, 400);
  EXPECT_EQ(Admin("POST", "/_emulator/clock", std::string(5000, '[')).status, 400);
  EXPECT_EQ(Json(Admin("GET", "/_emulator/clock"))["offset_seconds"], 0);
  EXPECT_EQ(Admin("GET", "/_emulator/nothing-here").status, 404);
}

TEST_F(EmulatorAdminTest, ConsoleSignInChecksThePasswordAndRecordsItsUse) {
  ASSERT_EQ(Iam("Action=CreateUser&Version=2010-05-08&UserName=web").status, 200);
  const std::string ok = R"({"userName": "web", "password": "Web!passw0rd"})";
  Reply r = Admin("POST", "/_emulator/console-sign-in", ok);
  EXPECT_EQ(r.status, 401);  // no login profile yet
  EXPECT_EQ(r.body.find("Web!passw0rd"), std::string::npos);
  ASSERT_EQ(Iam("Action=CreateLoginProfile&Version=2010-05-08&UserName=web&Password=Web%21passw0rd")
                .status,
            200);
  EXPECT_EQ(
      Admin("POST", "/_emulator/console-sign-in", R"({"userName": "web", "password": "nope"})")
          .status,
      401);
  EXPECT_EQ(Iam("Action=GetUser&Version=2010-05-08&UserName=web").body.find("PasswordLastUsed"),
            std::string::npos);
  r = Admin("POST", "/_emulator/console-sign-in", ok);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r), (json{{"status", "ok"}}));
  EXPECT_NE(Iam("Action=GetUser&Version=2010-05-08&UserName=web").body.find("PasswordLastUsed"),
            std::string::npos);
  EXPECT_EQ(Admin("POST", "/_emulator/console-sign-in", R"({"userName": "web"})").status, 400);
  EXPECT_EQ(
      Admin("POST", "/_emulator/console-sign-in", R"({"userName": 1, "password": "x"})").status,
      400);
  EXPECT_EQ(Admin("GET", "/_emulator/console-sign-in").status, 405);
}

TEST_F(EmulatorAdminTest, ClockOffsetMovesTheEmulatorClock) {
  auto before = emulator_->Now();
  Reply r = Admin("POST", "/_emulator/clock", R"({"offset_seconds":3600})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["offset_seconds"], 3600);
  EXPECT_GE(emulator_->Now() - before, std::chrono::seconds(3600));
  // Users created now carry the emulator's date; clients signing with their own clock still work.
  Reply created = Iam("Action=CreateUser&Version=2010-05-08&UserName=later");
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(Json(Admin("POST", "/_emulator/clock", R"({"offset_seconds":-60})"))["offset_seconds"],
            -60);
}

TEST_F(EmulatorAdminTest, ResetDropsStateCountersFaultsAndClockOffset) {
  for (const char* path : {"/_emulator/reset", "/moto-api/reset"}) {
    ASSERT_EQ(Iam("Action=CreateUser&Version=2010-05-08&UserName=doomed").status, 200) << path;
    ASSERT_EQ(Admin("POST", "/_emulator/faults", R"({"latency_ms":1})").status, 200);
    ASSERT_EQ(Admin("POST", "/_emulator/clock", R"({"offset_seconds":10})").status, 200);
    Reply r = Admin("POST", path);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(Json(r)["status"], "ok");
    EXPECT_EQ(Json(Admin("GET", "/_emulator/counters")), json::object()) << path;
    EXPECT_EQ(Json(Admin("GET", "/_emulator/faults"))["latency_ms"], 0) << path;
    EXPECT_EQ(Json(Admin("GET", "/_emulator/clock"))["offset_seconds"], 0) << path;
    Reply gone = Iam("Action=GetUser&Version=2010-05-08&UserName=doomed");
    EXPECT_EQ(gone.Code(), "NoSuchEntity") << path << gone.body;
    // An empty account: the AWS-managed policies, no demo group.
    EXPECT_EQ(Iam("Action=GetGroup&Version=2010-05-08&GroupName=demo-group").status, 404) << path;
    EXPECT_EQ(Iam("Action=GetPolicy&Version=2010-05-08&PolicyArn=arn:aws:iam::aws:policy/"
                  "ReadOnlyAccess")
                  .status,
              200)
        << path;
  }
  EXPECT_EQ(Admin("GET", "/moto-api/reset").status, 405);
}

// The latency set through /_emulator/faults is a timer: with one worker thread, 100 concurrent
// GetUser calls each delayed 200 ms all succeed well within 10 s, where sleeping on the thread
// would take 20 s. It still applies: a timer never fires early, so the batch takes >= 200 ms.
TEST_F(EmulatorAdminTest, LatencyIsATimerThatDoesNotHoldTheWorkerThread) {
  StartWith(1);
  ASSERT_EQ(Iam("Action=CreateUser&Version=2010-05-08&UserName=slow").status, 200);
  Reply r = Admin("POST", "/_emulator/faults", R"({"latency_ms":200})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Json(r)["latency_ms"], 200);

  constexpr int kClients = 100;
  std::atomic<int> ok{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      try {
        Reply got = Iam("Action=GetUser&Version=2010-05-08&UserName=slow");
        if (got.status == 200 && got.Xml("UserName") == "slow") ++ok;
      } catch (const std::exception&) {  // counted as a failure below
      }
    });
  }
  for (auto& t : clients) t.join();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ok.load(), kClients);
  EXPECT_GE(elapsed, std::chrono::milliseconds(200));
  EXPECT_LT(elapsed, std::chrono::seconds(10));
  EXPECT_EQ(Json(Admin("GET", "/_emulator/counters"))["GetUser"], kClients);
}

}  // namespace
}  // namespace aic::emulator
