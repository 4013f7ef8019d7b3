// Writes whose answer is lost (issue 10): the emulator applies a write and answers 500 instead
// (its lost_answers fault, armed over the admin endpoint), the connector retries, and must
// recognise its own effect: never report it as "already exists" / "not found", never leave the
// operation half-done. Exact call counts come from the emulator's counters; the IAM state is
// checked through IAM itself.
#include <gtest/gtest.h>

#include <chrono>
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

// ---- Groups: no tags to carry a marker; CreateOwnGroup's rule decides (aws_internal.h) ------

constexpr std::string_view kGroup = "__GROUP__";
const std::string kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

TEST_F(ConnectorLostAnswerTest, LostCreateGroupAnswerStillCreatesWithPolicyAndMember) {
  ASSERT_TRUE(Wait(iam().CreateUser("mia")).ok());
  LoseNext("CreateGroup", 1);
  auto r = Wait(facade_->Create(kGroup,
                                {{"__NAME__", "team"},
                                 {"Path", "/t/"},
                                 {"policies", json::array({kReadOnly})},
                                 {"members", json::array({"mia"})}},
                                {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["_id"], "team");
  EXPECT_EQ((*r)["Path"], "/t/");
  // CreateGroup twice (the lost answer, then EntityAlreadyExists), one look at the group (at
  // once: itself with one member, one attached and one inline policy at most), then the rest.
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateGroup", 2},
                                             {"GetGroup", 1},
                                             {"ListAttachedGroupPolicies", 1},
                                             {"ListGroupPolicies", 1},
                                             {"AttachGroupPolicy", 1},
                                             {"AddUserToGroup", 1}}));
  EXPECT_EQ(GroupsOf("mia"), std::vector<std::string>{"team"});
  auto attached = Wait(iam().ListAttachedGroupPolicies("team"));
  ASSERT_TRUE(attached.ok());
  ASSERT_EQ(attached->items.size(), 1u);
  EXPECT_EQ(attached->items[0].policy_arn, kReadOnly);
}

TEST_F(ConnectorLostAnswerTest, SomeoneElsesGroupIsStillAlreadyExistsAndUntouched) {
  ASSERT_TRUE(Wait(iam().CreateUser("ned")).ok());
  ASSERT_TRUE(Wait(iam().CreateUser("olga")).ok());
  // Not ours, each by one rule: it has a member; it was made long before our first try; it is
  // under another path. Our first try fails 500 unapplied (the connector cannot know), so the
  // retry's EntityAlreadyExists is ambiguous.
  ASSERT_TRUE(Wait(iam().CreateGroup("withmember")).ok());
  ASSERT_TRUE(Wait(iam().AddUserToGroup("withmember", "ned")).ok());
  emulator_->SetClockOffset(std::chrono::seconds(-600));
  ASSERT_TRUE(Wait(iam().CreateGroup("old")).ok());
  emulator_->SetClockOffset(std::chrono::seconds(0));
  ASSERT_TRUE(Wait(iam().CreateGroup("elsewhere", "/theirs/")).ok());
  for (const char* name : {"withmember", "old", "elsewhere"}) {
    FailNext("CreateGroup", 1);
    auto r =
        Wait(facade_->Create(kGroup, {{"__NAME__", name}, {"members", json::array({"olga"})}}, {}));
    ASSERT_FALSE(r.ok()) << name;
    EXPECT_EQ(r.status().code(), ErrorCode::kAlreadyExists)
        << name << ": " << r.status().ToString();
    EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateGroup", 2},
                                               {"GetGroup", 1},
                                               {"ListAttachedGroupPolicies", 1},
                                               {"ListGroupPolicies", 1}}))
        << name;
  }
  EXPECT_TRUE(GroupsOf("olga").empty());
  EXPECT_EQ(GroupsOf("ned"), std::vector<std::string>{"withmember"});
  auto elsewhere = Wait(iam().GetGroup("elsewhere"));
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(elsewhere->group.path, "/theirs/");
}

TEST_F(ConnectorLostAnswerTest, LostDeleteGroupAnswerReportsSuccess) {
  ASSERT_TRUE(Wait(iam().CreateGroup("gone")).ok());
  LoseNext("DeleteGroup", 1);
  RawOperationOptions o;
  o.fields = "_id";
  auto r = Wait(facade_->Delete(kGroup, "gone", o));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"DeleteGroup", 2}}));  // lost success, NoSuchEntity
  EXPECT_EQ(Wait(iam().GetGroup("gone")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorLostAnswerTest, LostDeleteGroupAnswerAfterCascadeReportsSuccess) {
  ASSERT_TRUE(Wait(iam().CreateUser("pam")).ok());
  ASSERT_TRUE(Wait(iam().AddUserToGroup("g1", "pam")).ok());
  LoseNext("DeleteGroup", 1);  // the first DeleteGroup fails (DeleteConflict): no count used
  LoseNext("RemoveUserFromGroup", 1);
  RawOperationOptions o;
  o.fields = "_id";
  auto r = Wait(facade_->Delete(kGroup, "g1", o));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(emulator_->CallCounts()["DeleteGroup"], 3u);  // conflict, lost success, NoSuchEntity
  EXPECT_EQ(emulator_->CallCounts()["RemoveUserFromGroup"], 2u);  // lost success, NoSuchEntity
  EXPECT_EQ(Wait(iam().GetGroup("g1")).status().code(), ErrorCode::kUnknownUid);
  EXPECT_TRUE(GroupsOf("pam").empty());
}

TEST_F(ConnectorLostAnswerTest, LostGroupRenameAnswerIsRecognisedByGroupId) {
  LoseNext("UpdateGroup", 1);
  auto r = Wait(facade_->Update(kGroup, "g2", {{"__NAME__", "g2b"}, {"Path", "/p/"}}, {}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["_id"], "g2b");
  EXPECT_EQ(emulator_->CallCounts()["UpdateGroup"], 2u);  // lost success, then NoSuchEntity
  EXPECT_EQ(emulator_->CallCounts()["GetGroup"], 2u);     // the read before, the check after
  auto g = Wait(iam().GetGroup("g2b"));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->group.path, "/p/");
  EXPECT_EQ(Wait(iam().GetGroup("g2")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorLostAnswerTest, ReservedMarkerTagIsRefusedInRequests) {
  auto r = Create(
      {{"__NAME__", "lee"},
       {"Tags", json::array({{{"Key", std::string(kCreateMarkerTagKey)}, {"Value", "x"}}})}});
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidAttributeValue) << r.status().ToString();
}

}  // namespace
}  // namespace aic
