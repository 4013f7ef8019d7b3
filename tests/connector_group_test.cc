// __GROUP__ writes (SPEC 2, 4.1-4.4 as for users) through the ConnectorFacade, as the REST
// server and the SCIM service call it, against the in-process emulator over loopback. Every
// test asserts the exact IAM calls from the emulator's per-action counters, then checks the
// state through IAM itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
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

constexpr std::string_view kGroup = "__GROUP__";
constexpr int kUsers = 12;
const std::string kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const std::string kIamReadOnly = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
const std::string kNoPolicy = "arn:aws:iam::123456789012:policy/Nope";

std::string UserName(int i) { return "u" + std::to_string(i); }

json Users(std::initializer_list<int> ids) {
  json out = json::array();
  for (int i : ids) out.push_back(UserName(i));
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

class ConnectorGroupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EmulatorOptions options;
    options.threads = 4;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = e->release();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(emulator_->ResetState().ok());
    connector_ = MakeConnector(Config());
    facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
    for (int i = 0; i < kUsers; ++i) ASSERT_TRUE(Wait(iam().CreateUser(UserName(i))).ok());
    auto p = Wait(iam().CreatePolicy(
        "LocalPolicy",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})"));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    local_policy_ = p->arn;
    emulator_->ResetCallCounts();
  }

  static AwsConnectorConfig Config() {
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = "test";
    c.secret_key = SecretString("test");
    return c;
  }
  static std::unique_ptr<AwsConnector> MakeConnector(const AwsConnectorConfig& config) {
    auto made = AwsConnector::Create(config);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? std::move(*made) : nullptr;
  }
  IamClient& iam() { return connector_->iam(); }
  Counts TakeCounts() {
    Counts c = emulator_->CallCounts();
    emulator_->ResetCallCounts();
    return c;
  }

  static RawOperationOptions Fields(std::string fields) {
    RawOperationOptions o;
    if (!fields.empty()) o.fields = std::move(fields);
    return o;
  }
  Result<json> Create(json attributes, std::string fields = "") {
    return Wait(facade_->Create(kGroup, std::move(attributes), Fields(std::move(fields))));
  }
  Result<json> Read(std::string_view id, std::string fields = "") {
    return Wait(facade_->Get(kGroup, id, Fields(std::move(fields))));
  }
  Result<json> Put(std::string_view id, json attributes, std::string fields = "") {
    return Wait(facade_->Update(kGroup, id, std::move(attributes), Fields(std::move(fields))));
  }
  Result<json> Patch(std::string_view id, json body) {
    return Wait(facade_->Patch(kGroup, id, body, {}));
  }
  Result<json> Remove(std::string_view id, std::string fields = "") {
    return Wait(facade_->Delete(kGroup, id, Fields(std::move(fields))));
  }

  // The group as IAM has it (these calls count: take the counts first).
  std::vector<std::string> MembersInIam(const std::string& group) {
    std::vector<std::string> out;
    auto g = Wait(iam().GetGroup(group));
    EXPECT_TRUE(g.ok()) << g.status().ToString();
    if (g.ok()) {
      for (const auto& u : g->users.items) out.push_back(u.user_name);
    }
    return Sorted(out);
  }
  std::vector<std::string> PoliciesInIam(const std::string& group) {
    std::vector<std::string> out;
    auto p = Wait(iam().ListAttachedGroupPolicies(group));
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    if (p.ok()) {
      for (const auto& a : p->items) out.push_back(a.policy_arn);
    }
    return Sorted(out);
  }
  bool GroupExists(const std::string& group) { return Wait(iam().GetGroup(group)).ok(); }
  std::vector<std::string> GroupsOfUser(const std::string& user) {
    std::vector<std::string> out;
    auto g = Wait(iam().ListGroupsForUser(user));
    EXPECT_TRUE(g.ok());
    if (g.ok()) {
      for (const auto& x : g->items) out.push_back(x.group_name);
    }
    return out;
  }

  static Emulator* emulator_;
  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<ConnectorFacade> facade_;
  std::string local_policy_;
};

Emulator* ConnectorGroupTest::emulator_ = nullptr;

// ---- Create ----------------------------------------------------------------------------------

TEST_F(ConnectorGroupTest, CreateWithTwoPoliciesAndThreeMembers) {
  auto r = Create({{"__NAME__", "devs"},
                   {"Path", "/eng/"},
                   {"policies", json::array({kReadOnly, local_policy_})},
                   {"members", Users({0, 1, 2})}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TakeCounts(),
            (Counts{{"CreateGroup", 1}, {"AttachGroupPolicy", 2}, {"AddUserToGroup", 3}}));
  EXPECT_EQ((*r)["_id"], "devs");
  EXPECT_EQ((*r)["__NAME__"], "devs");
  EXPECT_EQ((*r)["Path"], "/eng/");
  EXPECT_EQ((*r)["Arn"], "arn:aws:iam::123456789012:group/eng/devs");
  EXPECT_TRUE((*r)["GroupId"].is_string());
  EXPECT_EQ((*r)["policies"], json::array({kReadOnly, local_policy_}));
  EXPECT_EQ((*r)["inlinePolicies"], json::array());
  EXPECT_FALSE(r->contains("members"));  // not returned by default

  EXPECT_EQ(MembersInIam("devs"), (std::vector<std::string>{"u0", "u1", "u2"}));
  EXPECT_EQ(PoliciesInIam("devs"), Sorted({kReadOnly, local_policy_}));
  auto read = Read("devs", "__NAME__,GroupId,Arn,Path,CreatedDate,policies,members");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  for (const char* a : {"_id", "GroupId", "Arn", "Path", "CreatedDate"}) {
    EXPECT_EQ((*read)[a], (*r)[a]) << a;
  }
}

TEST_F(ConnectorGroupTest, CreateAnswersMemberIdsWhenAskedWithOneGetGroup) {
  auto r = Create({{"__NAME__", "ops"}, {"members", Users({3, 4})}}, "_id,members,memberIds");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"CreateGroup", 1}, {"AddUserToGroup", 2}, {"GetGroup", 1}}));
  auto u3 = Wait(iam().GetUser("u3"));
  auto u4 = Wait(iam().GetUser("u4"));
  ASSERT_TRUE(u3.ok() && u4.ok());
  EXPECT_EQ((*r)["members"], Users({3, 4}));
  EXPECT_EQ((*r)["memberIds"], json::array({u3->user_id, u4->user_id}));
}

TEST_F(ConnectorGroupTest, UnknownPolicyOrUserRollsBackAndLeavesNothing) {
  auto ro_before = Wait(iam().GetPolicy(kReadOnly));  // the seed's demo group has it too
  ASSERT_TRUE(ro_before.ok());
  emulator_->ResetCallCounts();
  auto r = Create({{"__NAME__", "bad"},
                   {"policies", json::array({kReadOnly, kNoPolicy})},
                   {"members", Users({0})}});
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidAttributeValue) << r.status().ToString();
  EXPECT_NE(r.status().message().find("create failed at AttachGroupPolicy(" + kNoPolicy + ")"),
            std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("rolled back: the group was not created"), std::string::npos);
  EXPECT_EQ(TakeCounts(), (Counts{{"CreateGroup", 1},
                                  {"AttachGroupPolicy", 2},
                                  {"DetachGroupPolicy", 1},
                                  {"DeleteGroup", 1}}));
  EXPECT_FALSE(GroupExists("bad"));
  auto ro = Wait(iam().GetPolicy(kReadOnly));
  ASSERT_TRUE(ro.ok());
  EXPECT_EQ(ro->attachment_count, ro_before->attachment_count);
  emulator_->ResetCallCounts();

  auto u = Create({{"__NAME__", "bad"},
                   {"policies", json::array({kReadOnly})},
                   {"members", json::array({"u0", "nobody"})}});
  EXPECT_EQ(u.status().code(), ErrorCode::kInvalidAttributeValue) << u.status().ToString();
  EXPECT_NE(u.status().message().find("AddUserToGroup(nobody)"), std::string::npos)
      << u.status().message();
  EXPECT_EQ(TakeCounts(), (Counts{{"CreateGroup", 1},
                                  {"AttachGroupPolicy", 1},
                                  {"AddUserToGroup", 2},
                                  {"RemoveUserFromGroup", 1},
                                  {"DetachGroupPolicy", 1},
                                  {"DeleteGroup", 1}}));
  EXPECT_FALSE(GroupExists("bad"));
  EXPECT_TRUE(GroupsOfUser("u0").empty());
}

TEST_F(ConnectorGroupTest, ExistingNameInAnotherCaseIsAlreadyExistsAndChangesNothing) {
  ASSERT_TRUE(Wait(iam().CreateGroup("Admins")).ok());
  ASSERT_TRUE(Wait(iam().AddUserToGroup("Admins", "u0")).ok());
  emulator_->ResetCallCounts();
  auto r = Create({{"__NAME__", "ADMINS"},
                   {"Path", "/x/"},
                   {"policies", json::array({kReadOnly})},
                   {"members", Users({1})}});
  EXPECT_EQ(r.status().code(), ErrorCode::kAlreadyExists) << r.status().ToString();
  ASSERT_TRUE(r.status().aws().has_value());
  EXPECT_EQ(r.status().aws()->action, "CreateGroup");
  EXPECT_EQ(r.status().aws()->code, "EntityAlreadyExists");
  EXPECT_EQ(TakeCounts(), (Counts{{"CreateGroup", 1}}));
  auto g = Wait(iam().GetGroup("Admins"));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->group.path, "/");
  EXPECT_EQ(MembersInIam("Admins"), std::vector<std::string>{"u0"});
  EXPECT_TRUE(PoliciesInIam("Admins").empty());
}

TEST_F(ConnectorGroupTest, ReadOnlyAttributesAreRefused) {
  EXPECT_EQ(Create({{"__NAME__", "g"}, {"GroupId", "AGPAX"}}).status().code(),
            ErrorCode::kInvalidAttributeValue);
  ASSERT_TRUE(Create({{"__NAME__", "g"}}).ok());
  auto put = Put("g", {{"GroupId", "AGPAX"}});
  EXPECT_EQ(put.status().code(), ErrorCode::kInvalidAttributeValue) << put.status().ToString();
  auto patch =
      Patch("g", json::array({{{"operation", "add"}, {"field", "memberIds"}, {"value", "x"}}}));
  EXPECT_EQ(patch.status().code(), ErrorCode::kInvalidAttributeValue);
  // A PUT of the whole object as read (read-only values unchanged) is fine.
  auto read = Read("g");
  ASSERT_TRUE(read.ok());
  auto same = Put("g", *read);
  EXPECT_TRUE(same.ok()) << same.status().ToString();
}

// ---- Update and patch ------------------------------------------------------------------------

TEST_F(ConnectorGroupTest, RenameAndMoveChangeIdAndKeepMembers) {
  auto made = Create({{"__NAME__", "devs"}, {"members", Users({0})}});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  emulator_->ResetCallCounts();
  auto put = Put("devs", {{"__NAME__", "developers"}, {"Path", "/moved/"}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  // The read before (default attributes, concurrently), then one UpdateGroup.
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 1},
                                  {"ListAttachedGroupPolicies", 1},
                                  {"ListGroupPolicies", 1},
                                  {"UpdateGroup", 1}}));
  EXPECT_EQ((*put)["_id"], "developers");
  EXPECT_EQ((*put)["Path"], "/moved/");
  EXPECT_EQ((*put)["Arn"], "arn:aws:iam::123456789012:group/moved/developers");
  EXPECT_EQ((*put)["GroupId"], (*made)["GroupId"]);
  EXPECT_FALSE(GroupExists("devs"));
  auto g = Wait(iam().GetGroup("developers"));
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->group.path, "/moved/");
  EXPECT_EQ(g->group.arn, (*put)["Arn"]);
  EXPECT_EQ(MembersInIam("developers"), std::vector<std::string>{"u0"});
}

TEST_F(ConnectorGroupTest, PutAddingTenMembersIsTenAddUserToGroup) {
  ASSERT_TRUE(Create({{"__NAME__", "big"}, {"policies", json::array({kReadOnly})}}).ok());
  emulator_->ResetCallCounts();
  const json ten = Users({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  auto put = Put("big", {{"members", ten}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 1},
                                  {"ListAttachedGroupPolicies", 1},
                                  {"ListGroupPolicies", 1},
                                  {"AddUserToGroup", 10}}));
  EXPECT_EQ((*put)["policies"], json::array({kReadOnly}));  // not carried: unchanged
  EXPECT_EQ(MembersInIam("big").size(), 10u);
  EXPECT_EQ(PoliciesInIam("big"), std::vector<std::string>{kReadOnly});
  emulator_->ResetCallCounts();

  // The same PUT again changes nothing: only the read (here just GetGroup).
  auto again = Put("big", {{"members", ten}}, "_id");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 1}}));
}

TEST_F(ConnectorGroupTest, PutRemovingMembersAndPoliciesIsOneCallPerDifference) {
  ASSERT_TRUE(Create({{"__NAME__", "team"},
                      {"policies", json::array({kReadOnly, kIamReadOnly, local_policy_})},
                      {"members", Users({0, 1, 2, 3, 4})}})
                  .ok());
  emulator_->ResetCallCounts();
  // Names compare without case: "U0" is u0, already a member.
  auto put = Put("team", {{"members", json::array({"U0", "u2", "u5"})},
                          {"policies", json::array({local_policy_})}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 1},
                                  {"ListAttachedGroupPolicies", 1},
                                  {"ListGroupPolicies", 1},
                                  {"AddUserToGroup", 1},
                                  {"RemoveUserFromGroup", 3},
                                  {"DetachGroupPolicy", 2}}));
  EXPECT_EQ((*put)["policies"], json::array({local_policy_}));
  EXPECT_EQ(MembersInIam("team"), (std::vector<std::string>{"u0", "u2", "u5"}));
  EXPECT_EQ(PoliciesInIam("team"), std::vector<std::string>{local_policy_});
  emulator_->ResetCallCounts();

  // Clearing both lists.
  auto cleared = Put("team", {{"members", nullptr}, {"policies", json::array()}}, "_id");
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 1},
                                  {"ListAttachedGroupPolicies", 1},
                                  {"RemoveUserFromGroup", 3},
                                  {"DetachGroupPolicy", 1}}));
  EXPECT_TRUE(MembersInIam("team").empty());
  EXPECT_TRUE(PoliciesInIam("team").empty());
}

TEST_F(ConnectorGroupTest, PatchAddsAndRemovesMembersAndPolicies) {
  ASSERT_TRUE(Create({{"__NAME__", "crew"},
                      {"policies", json::array({kReadOnly})},
                      {"members", Users({0, 1})}})
                  .ok());
  emulator_->ResetCallCounts();
  auto p = Patch("crew", json::array({
                             {{"operation", "add"}, {"field", "/members"}, {"value", "u2"}},
                             {{"operation", "remove"}, {"field", "members"}, {"value", Users({0})}},
                         }));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  // PATCH reads the touched field (GetGroup), the update reads what it answers and replaces
  // (GetGroup, ListAttachedGroupPolicies, ListGroupPolicies), then one call per difference.
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 2},
                                  {"ListAttachedGroupPolicies", 1},
                                  {"ListGroupPolicies", 1},
                                  {"AddUserToGroup", 1},
                                  {"RemoveUserFromGroup", 1}}));
  EXPECT_EQ(MembersInIam("crew"), (std::vector<std::string>{"u1", "u2"}));

  auto q =
      Patch("crew", json::array({
                        {{"operation", "add"}, {"field", "policies"}, {"value", local_policy_}},
                        {{"operation", "remove"}, {"field", "policies"}, {"value", kReadOnly}},
                        {{"operation", "replace"}, {"field", "__NAME__"}, {"value", "crew2"}},
                    }));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ((*q)["_id"], "crew2");
  EXPECT_EQ((*q)["policies"], json::array({local_policy_}));
  EXPECT_EQ(PoliciesInIam("crew2"), std::vector<std::string>{local_policy_});
  EXPECT_EQ(MembersInIam("crew2"), (std::vector<std::string>{"u1", "u2"}));

  auto cleared = Patch("crew2", json::array({{{"operation", "remove"}, {"field", "members"}}}));
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_TRUE(MembersInIam("crew2").empty());
}

// ---- Delete ----------------------------------------------------------------------------------

TEST_F(ConnectorGroupTest, DeleteOfAnEmptyGroupIsOneDeleteGroup) {
  ASSERT_TRUE(Create({{"__NAME__", "empty"}}).ok());
  emulator_->ResetCallCounts();
  auto r = Remove("empty", "_id");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["_id"], "empty");
  EXPECT_EQ(TakeCounts(), (Counts{{"DeleteGroup", 1}}));
  EXPECT_FALSE(GroupExists("empty"));
  EXPECT_EQ(Remove("empty", "_id").status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorGroupTest, CascadeDeleteRemovesMembersAttachedAndInlinePolicies) {
  ASSERT_TRUE(Create({{"__NAME__", "full"},
                      {"policies", json::array({kReadOnly, local_policy_})},
                      {"members", Users({0, 1})}})
                  .ok());
  ASSERT_TRUE(
      Wait(
          iam().PutGroupPolicy(
              "full", "inline1",
              R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})"))
          .ok());
  emulator_->ResetCallCounts();
  auto r = Remove("full");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // The object before deletion (default attributes), DeleteGroup (DeleteConflict), the
  // listing of what is in the group, one call per item, DeleteGroup.
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 2},
                                  {"ListAttachedGroupPolicies", 2},
                                  {"ListGroupPolicies", 2},
                                  {"DeleteGroup", 2},
                                  {"RemoveUserFromGroup", 2},
                                  {"DetachGroupPolicy", 2},
                                  {"DeleteGroupPolicy", 1}}));
  EXPECT_EQ((*r)["_id"], "full");
  EXPECT_EQ((*r)["policies"], json::array({kReadOnly, local_policy_}));
  EXPECT_EQ((*r)["inlinePolicies"], json::array({"inline1"}));
  EXPECT_FALSE(GroupExists("full"));
  EXPECT_TRUE(GroupsOfUser("u0").empty());
  EXPECT_TRUE(Wait(iam().GetUser("u0")).ok());
  auto local = Wait(iam().GetPolicy(local_policy_));
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->attachment_count, 0);
}

TEST_F(ConnectorGroupTest, DeleteWithoutCascadeIsConflictListingWhatIsInTheGroup) {
  ASSERT_TRUE(
      Create(
          {{"__NAME__", "kept"}, {"policies", json::array({kReadOnly})}, {"members", Users({3})}})
          .ok());
  ASSERT_TRUE(
      Wait(
          iam().PutGroupPolicy(
              "kept", "inl",
              R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})"))
          .ok());
  AwsConnectorConfig config = Config();
  config.cascade_delete = false;
  auto strict = MakeConnector(config);
  ConnectorFacade facade(strict->GetSchema(), strict->Ops());
  emulator_->ResetCallCounts();
  auto r = Wait(facade.Delete(kGroup, "kept", Fields("_id")));
  EXPECT_EQ(r.status().code(), ErrorCode::kConflict) << r.status().ToString();
  const std::string& m = r.status().message();
  EXPECT_NE(m.find("members [u3]"), std::string::npos) << m;
  EXPECT_NE(m.find("attached policies [" + kReadOnly + "]"), std::string::npos) << m;
  EXPECT_NE(m.find("inline policies [inl]"), std::string::npos) << m;
  EXPECT_NE(m.find("cascadeDelete is off"), std::string::npos) << m;
  EXPECT_EQ(TakeCounts(), (Counts{{"DeleteGroup", 1},
                                  {"GetGroup", 1},
                                  {"ListAttachedGroupPolicies", 1},
                                  {"ListGroupPolicies", 1}}));
  EXPECT_EQ(MembersInIam("kept"), std::vector<std::string>{"u3"});
  EXPECT_EQ(PoliciesInIam("kept"), std::vector<std::string>{kReadOnly});
}

// ---- memberIds and groupIds (SCIM's ids) -----------------------------------------------------

TEST_F(ConnectorGroupTest, MemberIdsAndGroupIdsComeWithoutExtraCalls) {
  auto g1 = Create({{"__NAME__", "g1"}, {"members", Users({0, 1})}});
  auto g2 = Create({{"__NAME__", "g2"}, {"members", Users({0})}});
  ASSERT_TRUE(g1.ok() && g2.ok());
  auto u0 = Wait(iam().GetUser("u0"));
  auto u1 = Wait(iam().GetUser("u1"));
  ASSERT_TRUE(u0.ok() && u1.ok());
  emulator_->ResetCallCounts();

  auto group = Read("g1", "members,memberIds");
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetGroup", 1}}));
  EXPECT_EQ((*group)["members"], Users({0, 1}));
  EXPECT_EQ((*group)["memberIds"], json::array({u0->user_id, u1->user_id}));

  auto user = Wait(facade_->Get("__ACCOUNT__", "u0", Fields("groups,groupIds")));
  ASSERT_TRUE(user.ok()) << user.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 1}, {"ListGroupsForUser", 1}}));
  EXPECT_EQ((*user)["groups"], json::array({"g1", "g2"}));
  EXPECT_EQ((*user)["groupIds"], json::array({(*g1)["GroupId"], (*g2)["GroupId"]}));

  // A search: GAAD (group names) joined to one ListGroups listing (GroupIds).
  QuerySpec all;
  all.query_filter = "true";
  auto users = Wait(facade_->Query("__ACCOUNT__", all, Fields("_id,groupIds")));
  ASSERT_TRUE(users.ok()) << users.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetAccountAuthorizationDetails", 1}, {"ListGroups", 1}}));
  ASSERT_EQ(users->result.size(), static_cast<std::size_t>(kUsers));
  std::map<std::string, json> ids_of;
  for (const auto& u : users->result) ids_of[u["_id"].get<std::string>()] = u["groupIds"];
  EXPECT_EQ(ids_of["u0"], (*user)["groupIds"]);
  EXPECT_EQ(ids_of["u1"], json::array({(*g1)["GroupId"]}));
  EXPECT_EQ(ids_of["u2"], json::array());

  // A filter on groupIds is evaluated over the joined values.
  QuerySpec in_g2;
  in_g2.query_filter = "groupIds eq \"" + (*g2)["GroupId"].get<std::string>() + "\"";
  auto members = Wait(facade_->Query("__ACCOUNT__", in_g2, Fields("_id")));
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  ASSERT_EQ(members->result.size(), 1u);
  EXPECT_EQ(members->result[0]["_id"], "u0");

  auto groups = Wait(facade_->Query(kGroup, all, Fields("_id,memberIds")));
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  std::map<std::string, json> by_name;
  for (const auto& g : groups->result) by_name[g["_id"].get<std::string>()] = g["memberIds"];
  EXPECT_EQ(by_name["g2"], json::array({u0->user_id}));
}

}  // namespace
}  // namespace aic
