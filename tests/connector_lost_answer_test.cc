// Writes whose answer is lost (issue 10): the emulator applies a write and answers 500 instead
// (its lost_answers fault, armed over the admin endpoint), the connector retries, and must
// recognise its own effect: never report it as "already exists" / "not found", never leave the
// operation half-done. Exact call counts come from the emulator's counters; the IAM state is
// checked through IAM itself.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/task.h"

namespace aic {
namespace {

using connector::ConnectorFacade;
using connector::RawOperationOptions;
using json = nlohmann::json;
using Counts = std::map<std::string, std::uint64_t>;

constexpr std::string_view kAccount = "__ACCOUNT__";
constexpr std::string_view kPassword = "Sup3r-Secret-Pw!";

class ConnectorLostAnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin = true;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = std::move(*e);
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = "test";
    c.secret_key = SecretString("test");
    auto made = AwsConnector::Create(c);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    connector_ = std::move(*made);
    facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
    ASSERT_TRUE(Wait(iam().CreateGroup("g1")).ok());
    ASSERT_TRUE(Wait(iam().CreateGroup("g2")).ok());
    auto t = MakeCurlTransport(TransportOptions{});
    ASSERT_TRUE(t.ok());
    admin_ = std::move(*t);
  }

  IamClient& iam() { return connector_->iam(); }

  // Arms a counted fault over HTTP, as a test tool would (lost_answers: the next `count`
  // successful answers to `action` are lost). Also zeroes the counters.
  void Arm(const std::string& fault, const std::string& action, int count) {
    HttpRequest r;
    r.url = emulator_->endpoint() + "_emulator/faults";
    r.SetHeader("Content-Type", "application/json");
    r.body = json{{fault, {{action, count}}}}.dump();
    auto reply = admin_->Send(r);
    ASSERT_TRUE(reply.ok()) << reply.status().ToString();
    ASSERT_EQ(reply->status, 200) << reply->body;
    emulator_->ResetCallCounts();
  }

  // The next `count` requests for `action` fail 500 without being applied.
  void FailNext(const std::string& action, int count) { Arm("failed_requests", action, count); }
  void LoseNext(const std::string& action, int count) { Arm("lost_answers", action, count); }

  Result<json> Create(json attributes) {
    return Wait(facade_->Create(kAccount, std::move(attributes), RawOperationOptions{}));
  }

  std::vector<std::string> GroupsOf(const std::string& user) {
    std::vector<std::string> out;
    auto groups = Wait(iam().ListGroupsForUser(user));
    EXPECT_TRUE(groups.ok()) << groups.status().ToString();
    if (groups.ok()) {
      for (const auto& g : groups->items) out.push_back(g.group_name);
    }
    return out;
  }

  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<ConnectorFacade> facade_;
  std::unique_ptr<HttpTransport> admin_;
};

const json kTwoGroups = json::array({"g1", "g2"});

TEST_F(ConnectorLostAnswerTest, LostCreateUserAnswerStillCreatesWithPasswordAndGroups) {
  LoseNext("CreateUser", 1);
  auto r = Create({{"__NAME__", "alice"},
                   {"__PASSWORD__", std::string(kPassword)},
                   {"groups", kTwoGroups},
                   {"Tags", json::array({{{"Key", "team"}, {"Value", "blue"}}})}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["_id"], "alice");
  EXPECT_EQ((*r)["Tags"], json::array({{{"Key", "team"}, {"Value", "blue"}}}));
  // CreateUser twice (the lost answer, then EntityAlreadyExists), one GetUser to see the marker.
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateUser", 2},
                                             {"GetUser", 1},
                                             {"GetAccountPasswordPolicy", 1},
                                             {"CreateLoginProfile", 1},
                                             {"AddUserToGroup", 2}}));
  EXPECT_TRUE(Wait(iam().GetLoginProfile("alice")).ok());
  EXPECT_EQ(GroupsOf("alice"), (std::vector<std::string>{"g1", "g2"}));
  // Reads hide the marker tag.
  auto read = Wait(facade_->Get(kAccount, "alice", RawOperationOptions{}));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["Tags"], json::array({{{"Key", "team"}, {"Value", "blue"}}}));
}

TEST_F(ConnectorLostAnswerTest, SomeoneElsesUserIsStillAlreadyExistsAndUntouched) {
  ASSERT_TRUE(Wait(iam().CreateUser("bob", "/theirs/", {{"owner", "them"}})).ok());
  // Plain case: no fault.
  emulator_->ResetCallCounts();
  auto plain = Create({{"__NAME__", "bob"}});
  EXPECT_EQ(plain.status().code(), ErrorCode::kAlreadyExists) << plain.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateUser", 1}}));

  // The attack on the marker check: our first try fails 500 (not applied, but the connector
  // cannot know), so the retry's EntityAlreadyExists is ambiguous. bob carries no marker of
  // ours: still 412, and bob gets neither our password nor our groups.
  FailNext("CreateUser", 1);
  auto r = Create(
      {{"__NAME__", "bob"}, {"__PASSWORD__", std::string(kPassword)}, {"groups", kTwoGroups}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kAlreadyExists) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(),
            (Counts{{"CreateUser", 2}, {"GetUser", 1}, {"GetAccountPasswordPolicy", 1}}));

  auto bob = Wait(iam().GetUser("bob"));
  ASSERT_TRUE(bob.ok());
  EXPECT_EQ(bob->path, "/theirs/");
  EXPECT_EQ(bob->tags, (std::vector<Tag>{{"owner", "them"}}));
  EXPECT_EQ(Wait(iam().GetLoginProfile("bob")).status().code(), ErrorCode::kUnknownUid);
  EXPECT_TRUE(GroupsOf("bob").empty());
}

TEST_F(ConnectorLostAnswerTest, UnappliedFailureBeforeCreateIsRetriedNormally) {
  FailNext("CreateUser", 1);
  auto r = Create({{"__NAME__", "cleo"}, {"groups", kTwoGroups}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateUser", 2}, {"AddUserToGroup", 2}}));
}

TEST_F(ConnectorLostAnswerTest, LostCreateLoginProfileAnswerSetsThePassword) {
  LoseNext("CreateLoginProfile", 1);
  auto r = Create(
      {{"__NAME__", "erin"}, {"__PASSWORD__", std::string(kPassword)}, {"groups", kTwoGroups}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateUser", 1},
                                             {"GetAccountPasswordPolicy", 1},
                                             {"CreateLoginProfile", 2},
                                             {"UpdateLoginProfile", 1},
                                             {"AddUserToGroup", 2}}));
  EXPECT_TRUE(Wait(iam().GetLoginProfile("erin")).ok());
  EXPECT_EQ(GroupsOf("erin"), (std::vector<std::string>{"g1", "g2"}));
}

TEST_F(ConnectorLostAnswerTest, LostAddUserToGroupAnswerIsRetriedIdempotently) {
  LoseNext("AddUserToGroup", 1);
  auto r = Create(
      {{"__NAME__", "fay"}, {"__PASSWORD__", std::string(kPassword)}, {"groups", kTwoGroups}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateUser", 1},
                                             {"GetAccountPasswordPolicy", 1},
                                             {"CreateLoginProfile", 1},
                                             {"AddUserToGroup", 3}}));
  EXPECT_TRUE(Wait(iam().GetLoginProfile("fay")).ok());
  EXPECT_EQ(GroupsOf("fay"), (std::vector<std::string>{"g1", "g2"}));
}

TEST_F(ConnectorLostAnswerTest, LostDeleteUserAnswerAfterCascadeReportsSuccess) {
  ASSERT_TRUE(Create({{"__NAME__", "gus"},
                      {"__PASSWORD__", std::string(kPassword)},
                      {"groups", json::array({"g1"})}})
                  .ok());
  LoseNext("DeleteUser", 1);  // the first DeleteUser fails (DeleteConflict): no count used
  auto r = Wait(facade_->Delete(kAccount, "gus", RawOperationOptions{}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts()["DeleteUser"], 3u);  // conflict, lost success, NoSuchEntity
  EXPECT_EQ(emulator_->CallCounts()["DeleteLoginProfile"], 1u);
  EXPECT_EQ(emulator_->CallCounts()["RemoveUserFromGroup"], 1u);
  EXPECT_EQ(Wait(iam().GetUser("gus")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorLostAnswerTest, LostDeleteUserAnswerReportsSuccess) {
  ASSERT_TRUE(Wait(iam().CreateUser("hal")).ok());
  LoseNext("DeleteUser", 1);
  RawOperationOptions o;
  o.fields = "_id";
  auto r = Wait(facade_->Delete(kAccount, "hal", o));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"DeleteUser", 2}}));
  EXPECT_EQ(Wait(iam().GetUser("hal")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorLostAnswerTest, LostCascadeStepAnswersAreFine) {
  ASSERT_TRUE(Create({{"__NAME__", "ian"},
                      {"__PASSWORD__", std::string(kPassword)},
                      {"groups", json::array({"g1"})}})
                  .ok());
  LoseNext("DeleteLoginProfile", 1);
  LoseNext("RemoveUserFromGroup", 1);
  auto r = Wait(facade_->Delete(kAccount, "ian", RawOperationOptions{}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts()["DeleteLoginProfile"], 2u);
  EXPECT_EQ(emulator_->CallCounts()["RemoveUserFromGroup"], 2u);
  EXPECT_EQ(Wait(iam().GetUser("ian")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorLostAnswerTest, LostRenameAnswerIsRecognisedByUserId) {
  ASSERT_TRUE(Create({{"__NAME__", "jay"}}).ok());
  LoseNext("UpdateUser", 1);
  auto r = Wait(facade_->Update(kAccount, "jay", {{"__NAME__", "jay2"}}, {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["_id"], "jay2");
  EXPECT_EQ(emulator_->CallCounts()["UpdateUser"], 2u);  // lost success, then NoSuchEntity
  EXPECT_EQ(emulator_->CallCounts()["GetUser"], 2u);     // the read before, the check after
  EXPECT_TRUE(Wait(iam().GetUser("jay2")).ok());
  EXPECT_EQ(Wait(iam().GetUser("jay")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorLostAnswerTest, LostPasswordSetOnUpdateSetsThePassword) {
  ASSERT_TRUE(Create({{"__NAME__", "kim"}}).ok());
  LoseNext("CreateLoginProfile", 1);
  auto r = Wait(facade_->Update(kAccount, "kim", {{"__PASSWORD__", std::string(kPassword)}}, {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts()["CreateLoginProfile"], 2u);
  EXPECT_EQ(emulator_->CallCounts()["UpdateLoginProfile"], 2u);  // NoSuchEntity, then the set
  EXPECT_TRUE(Wait(iam().GetLoginProfile("kim")).ok());
}

TEST_F(ConnectorLostAnswerTest, ReservedMarkerTagIsRefusedInRequests) {
  auto r = Create(
      {{"__NAME__", "lee"},
       {"Tags", json::array({{{"Key", std::string(kCreateMarkerTagKey)}, {"Value", "x"}}})}});
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidAttributeValue) << r.status().ToString();
}

}  // namespace
}  // namespace aic
