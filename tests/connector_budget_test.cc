// The API-call budget of SPEC 4.7, asserted exactly with the in-process emulator's per-action
// counters, for N = 2500 users with 2 groups and 2 managed policies each.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/task.h"

namespace aic {
namespace {

using connector::ConnectorFacade;
using connector::QuerySpec;
using connector::RawOperationOptions;
using json = nlohmann::json;
using Counts = std::map<std::string, std::uint64_t>;

constexpr int kUsers = 2500;
constexpr int kFixtureThreads = 8;
constexpr int kPageSize = 100;

std::uint64_t Ceil(int n, int d) { return static_cast<std::uint64_t>((n + d - 1) / d); }

class ConnectorBudgetTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EmulatorOptions options;
    options.threads = 4;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = e->release();
    connector_ = MakeConnector().release();
    IamClient& iam = connector_->iam();
    ASSERT_TRUE(Wait(iam.CreateGroup("g1")).ok());
    ASSERT_TRUE(Wait(iam.CreateGroup("g2")).ok());
    const std::string doc =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
    auto p1 = Wait(iam.CreatePolicy("p1", doc));
    auto p2 = Wait(iam.CreatePolicy("p2", doc));
    ASSERT_TRUE(p1.ok() && p2.ok());
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kFixtureThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = next++; i < kUsers; i = next++) {
          char name[32];
          std::snprintf(name, sizeof name, "user%05d", i);
          bool ok = Wait(iam.CreateUser(name)).ok() && Wait(iam.AddUserToGroup("g1", name)).ok() &&
                    Wait(iam.AddUserToGroup("g2", name)).ok() &&
                    Wait(iam.AttachUserPolicy(name, p1->arn)).ok() &&
                    Wait(iam.AttachUserPolicy(name, p2->arn)).ok();
          if (!ok) ++failures;
        }
      });
    }
    for (auto& t : threads) t.join();
    ASSERT_EQ(failures.load(), 0);
  }
  static void TearDownTestSuite() {
    delete connector_;
    delete emulator_;
  }
  static std::unique_ptr<AwsConnector> MakeConnector() {
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = "test";
    c.secret_key = SecretString("test");
    c.page_size = kPageSize;
    auto made = AwsConnector::Create(c);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return std::move(*made);
  }
  void SetUp() override {
    facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
    emulator_->ResetCallCounts();
  }

  static Emulator* emulator_;
  static AwsConnector* connector_;
  std::unique_ptr<ConnectorFacade> facade_;
};

Emulator* ConnectorBudgetTest::emulator_ = nullptr;
AwsConnector* ConnectorBudgetTest::connector_ = nullptr;

TEST_F(ConnectorBudgetTest, QueryAllIdsIsCeilNOverPageSizeListUsers) {
  QuerySpec spec;
  spec.query_id = "query-all-ids";
  auto r = Wait(facade_->Query("__ACCOUNT__", spec, {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->result.size(), static_cast<std::size_t>(kUsers));
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"ListUsers", Ceil(kUsers, kPageSize)}}));
}

TEST_F(ConnectorBudgetTest, FullReadWithDefaultAttributesIsGaadPlusListUsers) {
  QuerySpec spec;
  spec.query_id = "query-all";
  auto r = Wait(facade_->Query("__ACCOUNT__", spec, {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->result.size(), static_cast<std::size_t>(kUsers));
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"GetAccountAuthorizationDetails", Ceil(kUsers, 1000)},
                                             {"ListUsers", Ceil(kUsers, 1000)}}));
  for (const auto& o : r->result) {
    ASSERT_EQ(o["groups"].size(), 2u) << o.dump();
    ASSERT_EQ(o["policies"].size(), 2u) << o.dump();
    ASSERT_TRUE(o.contains("Tags") && o.contains("inlinePolicies") && o.contains("CreatedDate"));
  }
  EXPECT_EQ(r->result.front()["_id"], "user00000");
  EXPECT_EQ(r->result.back()["_id"], "user02499");
}

TEST_F(ConnectorBudgetTest, ReadOneIsAtMostFourCalls) {
  auto r = Wait(facade_->Get("__ACCOUNT__", "user01234", {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["groups"].size(), 2u);
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"GetUser", 1},
                                             {"ListGroupsForUser", 1},
                                             {"ListAttachedUserPolicies", 1},
                                             {"ListUserPolicies", 1}}));
  emulator_->ResetCallCounts();
  RawOperationOptions o;
  o.fields = "_id,Path";
  ASSERT_TRUE(Wait(facade_->Get("__ACCOUNT__", "user01234", o)).ok());
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"GetUser", 1}}));
}

TEST_F(ConnectorBudgetTest, DeleteWithNothingAttachedIsOneDeleteUser) {
  ASSERT_TRUE(Wait(connector_->iam().CreateUser("lonely")).ok());
  emulator_->ResetCallCounts();
  RawOperationOptions o;
  o.fields = "_id";
  auto r = Wait(facade_->Delete("__ACCOUNT__", "lonely", o));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["_id"], "lonely");
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"DeleteUser", 1}}));
}

}  // namespace
}  // namespace aic
