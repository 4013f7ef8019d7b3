#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "common/text_codec.h"
#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateAccountTest = BackendTest;
using EmuStateStsTest = BackendTest;

constexpr const char* kDoc =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})";

TEST_F(EmuStateAccountTest, PasswordPolicy) {
  Reply none = Err("GetAccountPasswordPolicy", {}, 404, "NoSuchEntity");
  EXPECT_EQ(none.Message(), "The Password Policy with domain name 123456789012 cannot be found.");
  Err("UpdateAccountPasswordPolicy", {{"MinimumPasswordLength", "5"}}, 400, "ValidationError");
  Ok("UpdateAccountPasswordPolicy", {{"MinimumPasswordLength", "12"},
                                     {"RequireSymbols", "true"},
                                     {"RequireNumbers", "true"},
                                     {"MaxPasswordAge", "90"}});
  Reply p = Ok("GetAccountPasswordPolicy");
  EXPECT_EQ(p.Text("GetAccountPasswordPolicyResult/PasswordPolicy/MinimumPasswordLength"), "12");
  EXPECT_EQ(p.Text("GetAccountPasswordPolicyResult/PasswordPolicy/RequireSymbols"), "true");
  EXPECT_EQ(p.Text("GetAccountPasswordPolicyResult/PasswordPolicy/RequireUppercaseCharacters"),
            "false");
  EXPECT_EQ(p.Text("GetAccountPasswordPolicyResult/PasswordPolicy/ExpirePasswords"), "true");
  EXPECT_EQ(p.Text("GetAccountPasswordPolicyResult/PasswordPolicy/MaxPasswordAge"), "90");

  Ok("CreateUser", {{"UserName", "u"}});
  // Long enough for the default policy, but no symbol and too short for this one.
  Err("CreateLoginProfile", {{"UserName", "u"}, {"Password", "Abcdefgh12"}}, 400,
      "PasswordPolicyViolation");
  Err("CreateLoginProfile", {{"UserName", "u"}, {"Password", "abcdefghijk!"}}, 400,
      "PasswordPolicyViolation");  // no number
  Ok("CreateLoginProfile", {{"UserName", "u"}, {"Password", "abcdefghij1!"}});
  Ok("DeleteAccountPasswordPolicy");
  Err("DeleteAccountPasswordPolicy", {}, 404, "NoSuchEntity");
}

TEST_F(EmuStateAccountTest, AccountSummaryCounts) {
  Ok("CreateUser", {{"UserName", "a"}});
  Ok("CreateUser", {{"UserName", "b"}});
  Reply s = Ok("GetAccountSummary");
  std::map<std::string, std::string> m;
  for (auto e : s.Node("GetAccountSummaryResult/SummaryMap").children("entry")) {
    m[e.child("key").text().as_string()] = e.child("value").text().as_string();
  }
  EXPECT_EQ(m["Users"], "2");
  EXPECT_EQ(m["Groups"], "1");
  EXPECT_EQ(m["GroupsPerUserQuota"], "10");
  EXPECT_EQ(m["AccessKeysPerUserQuota"], "2");
}

class EmuStateGaadTest : public BackendTest {
 public:
  void SetUp() override {
    BackendTest::SetUp();
    Ok("CreateUser",
       {{"UserName", "alice"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}});
    Ok("CreateUser", {{"UserName", "bob"}});
    Ok("CreateGroup", {{"GroupName", "devs"}});
    Ok("AddUserToGroup", {{"GroupName", "devs"}, {"UserName", "alice"}});
    Ok("PutUserPolicy",
       {{"UserName", "alice"}, {"PolicyName", "inline1"}, {"PolicyDocument", kDoc}});
    Ok("PutGroupPolicy",
       {{"GroupName", "devs"}, {"PolicyName", "ginline"}, {"PolicyDocument", kDoc}});
    Ok("CreatePolicy", {{"PolicyName", "local1"}, {"PolicyDocument", kDoc}});
    Ok("AttachUserPolicy",
       {{"UserName", "alice"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/local1"}});
    Ok("AttachUserPolicy",
       {{"UserName", "bob"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  }
};

TEST_F(EmuStateGaadTest, FilterAndUrlEncodedDocuments) {
  Reply u = Ok("GetAccountAuthorizationDetails", {{"Filter.member.1", "User"}});
  const std::string base = "GetAccountAuthorizationDetailsResult/";
  EXPECT_EQ(Members(u.Node(base + "UserDetailList")), 2);
  EXPECT_EQ(Members(u.Node(base + "GroupDetailList")), 0);
  EXPECT_EQ(Members(u.Node(base + "Policies")), 0);
  pugi::xml_node alice = u.Node(base + "UserDetailList").first_child();
  EXPECT_EQ(std::string(alice.child("UserName").text().as_string()), "alice");
  EXPECT_EQ(std::string(alice.child("GroupList").child("member").text().as_string()), "devs");
  EXPECT_EQ(
      std::string(
          alice.child("UserPolicyList").child("member").child("PolicyDocument").text().as_string()),
      text::PercentEncode(kDoc));
  EXPECT_NE(
      std::string(
          alice.child("UserPolicyList").child("member").child("PolicyDocument").text().as_string())
          .find("%7B%22Version%22%3A%20%222012-10-17%22"),
      std::string::npos);
  EXPECT_EQ(std::string(alice.child("AttachedManagedPolicies")
                            .child("member")
                            .child("PolicyName")
                            .text()
                            .as_string()),
            "local1");
  EXPECT_EQ(std::string(alice.child("Tags").child("member").child("Key").text().as_string()), "k");

  Reply g = Ok("GetAccountAuthorizationDetails", {{"Filter.member.1", "Group"}});
  EXPECT_EQ(Members(g.Node(base + "UserDetailList")), 0);
  EXPECT_EQ(Members(g.Node(base + "GroupDetailList")), 2);  // devs + demo-group

  Reply l = Ok("GetAccountAuthorizationDetails", {{"Filter.member.1", "LocalManagedPolicy"}});
  EXPECT_EQ(Members(l.Node(base + "Policies")), 1);
  pugi::xml_node pol = l.Node(base + "Policies").first_child();
  EXPECT_EQ(std::string(pol.child("PolicyName").text().as_string()), "local1");
  EXPECT_EQ(
      std::string(
          pol.child("PolicyVersionList").child("member").child("Document").text().as_string()),
      text::PercentEncode(kDoc));

  // AWS-managed: only the attached ones (AdministratorAccess by bob, ReadOnlyAccess by the
  // demo group).
  Reply a = Ok("GetAccountAuthorizationDetails", {{"Filter.member.1", "AWSManagedPolicy"}});
  std::set<std::string> names;
  for (auto p : a.Node(base + "Policies").children("member")) {
    names.insert(p.child("PolicyName").text().as_string());
  }
  EXPECT_EQ(names, (std::set<std::string>{"AdministratorAccess", "ReadOnlyAccess"}));

  Reply r = Ok("GetAccountAuthorizationDetails", {{"Filter.member.1", "Role"}});
  EXPECT_EQ(Members(r.Node(base + "UserDetailList")), 0);
  Err("GetAccountAuthorizationDetails", {{"Filter.member.1", "Robots"}}, 400, "ValidationError");
}

TEST_F(EmuStateGaadTest, PagingAcrossKindsGivesEachOnce) {
  const std::string base = "GetAccountAuthorizationDetailsResult/";
  std::multiset<std::string> seen;
  std::map<std::string, std::string> params = {{"MaxItems", "1"}};
  int pages = 0;
  for (; pages < 50; ++pages) {
    Reply r = Ok("GetAccountAuthorizationDetails", params);
    int on_page = 0;
    for (const char* list : {"UserDetailList", "GroupDetailList", "Policies"}) {
      for (auto m : r.Node(base + list).children("member")) {
        ++on_page;
        std::string name = m.child("UserName").text().as_string();
        if (name.empty()) name = m.child("GroupName").text().as_string();
        if (name.empty()) name = m.child("PolicyName").text().as_string();
        seen.insert(name);
      }
    }
    EXPECT_EQ(on_page, 1);
    if (r.Text(base + "IsTruncated") != "true") {
      EXPECT_FALSE(r.Node(base + "Marker"));
      break;
    }
    params["Marker"] = r.Text(base + "Marker");
  }
  // 2 users, 2 groups, local1, AdministratorAccess, ReadOnlyAccess.
  EXPECT_EQ(seen, (std::multiset<std::string>{"alice", "bob", "devs", "demo-group", "local1",
                                              "AdministratorAccess", "ReadOnlyAccess"}));
}

// AssumeRole needs an existing role whose trust policy allows the caller (the root here).
constexpr const char* kRootTrust =
    R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]})";

TEST_F(EmuStateStsTest, AssumeRoleKeysWorkUntilTheyExpire) {
  Ok("CreateRole",
     {{"RoleName", "Deployer"}, {"Path", "/ops/"}, {"AssumeRolePolicyDocument", kRootTrust}});
  Reply r = Call("AssumeRole",
                 {{"RoleArn", "arn:aws:iam::123456789012:role/ops/Deployer"},
                  {"RoleSessionName", "s1"},
                  {"DurationSeconds", "900"}},
                 "sts");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.doc->document_element().attribute("xmlns").as_string(),
            std::string("https://sts.amazonaws.com/doc/2011-06-15/"));
  const std::string c = "AssumeRoleResult/Credentials/";
  std::string id = r.Text(c + "AccessKeyId");
  EXPECT_EQ(id.substr(0, 4), "ASIA");
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(r.Text(c + "SecretAccessKey").size(), 40u);
  EXPECT_FALSE(r.Text(c + "SessionToken").empty());
  EXPECT_EQ(r.Text(c + "Expiration"), "2027-01-15T08:15:00Z");
  EXPECT_EQ(r.Text("AssumeRoleResult/AssumedRoleUser/Arn"),
            "arn:aws:sts::123456789012:assumed-role/Deployer/s1");
  std::string role_id = r.Text("AssumeRoleResult/AssumedRoleUser/AssumedRoleId");
  EXPECT_EQ(role_id.substr(0, 4), "AROA");
  EXPECT_EQ(role_id.substr(role_id.size() - 3), ":s1");

  auto rec = backend_->LookupAccessKey(id);
  ASSERT_TRUE(rec.has_value());
  EXPECT_TRUE(rec->active);
  EXPECT_EQ(rec->secret_access_key.Reveal(), r.Text(c + "SecretAccessKey"));
  EXPECT_EQ(rec->session_token.Reveal(), r.Text(c + "SessionToken"));
  EXPECT_TRUE(rec->caller.temporary);
  EXPECT_EQ(rec->caller.arn, "arn:aws:sts::123456789012:assumed-role/Deployer/s1");
  ASSERT_TRUE(rec->expiration.has_value());

  now_ += std::chrono::seconds(899);
  EXPECT_TRUE(backend_->LookupAccessKey(id)->active);
  now_ += std::chrono::seconds(1);
  auto expired = backend_->LookupAccessKey(id);
  ASSERT_TRUE(expired.has_value()) << "kept so the front can answer ExpiredToken";
  EXPECT_FALSE(expired->active);
  EXPECT_LE(*expired->expiration, now_);
}

TEST_F(EmuStateStsTest, AssumeRoleValidation) {
  auto call = [&](std::map<std::string, std::string> p) { return Call("AssumeRole", p, "sts"); };
  const std::string role = "arn:aws:iam::123456789012:role/R";
  Ok("CreateRole", {{"RoleName", "R"},
                    {"AssumeRolePolicyDocument", kRootTrust},
                    {"MaxSessionDuration", "43200"}});
  EXPECT_EQ(call({{"RoleArn", role}, {"RoleSessionName", "s"}, {"DurationSeconds", "899"}}).Code(),
            "ValidationError");
  EXPECT_EQ(
      call({{"RoleArn", role}, {"RoleSessionName", "s"}, {"DurationSeconds", "43201"}}).Code(),
      "ValidationError");
  EXPECT_EQ(
      call({{"RoleArn", role}, {"RoleSessionName", "s1"}, {"DurationSeconds", "43200"}}).status,
      200);
  EXPECT_EQ(
      call({{"RoleArn", "arn:aws:iam::123456789012:user/x"}, {"RoleSessionName", "s1"}}).Code(),
      "ValidationError");
  EXPECT_EQ(call({{"RoleArn", role}}).Code(), "ValidationError");
  EXPECT_EQ(call({{"RoleArn", role}, {"RoleSessionName", "bad name"}}).Code(), "ValidationError");
}

TEST_F(EmuStateStsTest, GetCallerIdentity) {
  Caller caller;
  caller.account_id = "123456789012";
  caller.arn = "arn:aws:iam::123456789012:user/alice";
  caller.user_id = "AIDAEXAMPLEEXAMPLE123";
  Reply r = Call("GetCallerIdentity", {}, "sts", caller);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Text("GetCallerIdentityResult/Arn"), caller.arn);
  EXPECT_EQ(r.Text("GetCallerIdentityResult/UserId"), caller.user_id);
  EXPECT_EQ(r.Text("GetCallerIdentityResult/Account"), "123456789012");
  Reply bad = Call("GetCallerIdentity", {}, "sts");
  EXPECT_EQ(bad.Text("GetCallerIdentityResult/Arn"), "arn:aws:iam::123456789012:root");
  Reply unknown = Call("Nope", {}, "sts");
  EXPECT_EQ(unknown.Message(), "Could not find operation Nope for version 2011-06-15");
}

class EmuStatePersistenceTest : public BackendTest {
 public:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("emu-state-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Open((dir_ / "iam.db").string());
  }
  void TearDown() override {
    backend_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
};

TEST_F(EmuStatePersistenceTest, EverythingSurvivesAReopen) {
  Ok("CreateUser", {{"UserName", "Persist"},
                    {"Path", "/p/"},
                    {"Tags.member.1.Key", "k"},
                    {"Tags.member.1.Value", "v"}});
  Ok("CreateLoginProfile",
     {{"UserName", "Persist"}, {"Password", "Str0ng!pass"}, {"PasswordResetRequired", "true"}});
  Reply key = Ok("CreateAccessKey", {{"UserName", "Persist"}});
  std::string key_id = key.Text("CreateAccessKeyResult/AccessKey/AccessKeyId");
  std::string secret = key.Text("CreateAccessKeyResult/AccessKey/SecretAccessKey");
  Ok("CreateGroup", {{"GroupName", "pg"}});
  Ok("AddUserToGroup", {{"GroupName", "pg"}, {"UserName", "Persist"}});
  Ok("CreatePolicy", {{"PolicyName", "pp"}, {"PolicyDocument", kDoc}});
  Ok("CreatePolicyVersion", {{"PolicyArn", "arn:aws:iam::123456789012:policy/pp"},
                             {"PolicyDocument", kDoc},
                             {"SetAsDefault", "true"}});
  Ok("AttachUserPolicy",
     {{"UserName", "Persist"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/pp"}});
  Ok("PutGroupPolicy", {{"GroupName", "pg"}, {"PolicyName", "gi"}, {"PolicyDocument", kDoc}});
  Ok("UpdateAccountPasswordPolicy", {{"MinimumPasswordLength", "10"}});
  Ok("CreateUser", {{"UserName", "gone"}});
  Ok("DeleteUser", {{"UserName", "gone"}});
  Ok("CreateRole", {{"RoleName", "R"}, {"AssumeRolePolicyDocument", kRootTrust}});
  Reply sts =
      Call("AssumeRole",
           {{"RoleArn", "arn:aws:iam::123456789012:role/R"}, {"RoleSessionName", "ss"}}, "sts");
  std::string temp_id = sts.Text("AssumeRoleResult/Credentials/AccessKeyId");
  std::string user_id = Ok("GetUser", {{"UserName", "Persist"}}).Text("GetUserResult/User/UserId");

  Open((dir_ / "iam.db").string());  // destroys the backend, reopens the file

  Reply u = Ok("GetUser", {{"UserName", "persist"}});
  EXPECT_EQ(u.Text("GetUserResult/User/UserId"), user_id);
  EXPECT_EQ(u.Text("GetUserResult/User/Path"), "/p/");
  EXPECT_EQ(u.Text("GetUserResult/User/Tags/member/Value"), "v");
  EXPECT_EQ(Ok("GetLoginProfile", {{"UserName", "Persist"}})
                .Text("GetLoginProfileResult/LoginProfile/PasswordResetRequired"),
            "true");
  auto rec = backend_->LookupAccessKey(key_id);
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->secret_access_key.Reveal(), secret);
  EXPECT_EQ(Ok("ListGroupsForUser", {{"UserName", "Persist"}})
                .Text("ListGroupsForUserResult/Groups/member/GroupName"),
            "pg");
  Reply p = Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::123456789012:policy/pp"}});
  EXPECT_EQ(p.Text("GetPolicyResult/Policy/DefaultVersionId"), "v2");
  EXPECT_EQ(p.Text("GetPolicyResult/Policy/AttachmentCount"), "1");
  Ok("GetGroupPolicy", {{"GroupName", "pg"}, {"PolicyName", "gi"}});
  EXPECT_EQ(Ok("GetAccountPasswordPolicy")
                .Text("GetAccountPasswordPolicyResult/PasswordPolicy/MinimumPasswordLength"),
            "10");
  Err("GetUser", {{"UserName", "gone"}}, 404, "NoSuchEntity");
  ASSERT_TRUE(backend_->LookupAccessKey(temp_id).has_value());
  Ok("GetGroup", {{"GroupName", "demo-group"}});  // seeded once, kept
  // Deleting after a reopen is durable too.
  Ok("DetachUserPolicy",
     {{"UserName", "Persist"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/pp"}});
  Open((dir_ / "iam.db").string());
  EXPECT_EQ(Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::123456789012:policy/pp"}})
                .Text("GetPolicyResult/Policy/AttachmentCount"),
            "0");
}

TEST_F(EmuStatePersistenceTest, InvalidUtf8IsStoredWithoutFailing) {
  // A member without a pattern (tag values have one: AWS refuses those bytes).
  Reply r = Call("CreatePolicy", {{"PolicyName", "bytes"},
                                  {"PolicyDocument", kDoc},
                                  {"Description", std::string("a\xff\xfe")}});
  EXPECT_EQ(r.status, 200);
  Open((dir_ / "iam.db").string());
  Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::123456789012:policy/bytes"}});
}

TEST_F(EmuStatePersistenceTest, ResetLeavesAnEmptyAccount) {
  Ok("CreateUser", {{"UserName", "x"}});
  Err("DeleteGroup", {{"GroupName", "demo-group"}}, 409, "DeleteConflict");  // policy attached
  ASSERT_TRUE(backend_->Reset().ok());
  // An empty account: the AWS-managed policies only, no demo group (SPEC section 8).
  Err("GetUser", {{"UserName", "x"}}, 404, "NoSuchEntity");
  Err("GetGroup", {{"GroupName", "demo-group"}}, 404, "NoSuchEntity");
  Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  Open((dir_ / "iam.db").string());
  Err("GetUser", {{"UserName", "x"}}, 404, "NoSuchEntity");
  Err("GetGroup", {{"GroupName", "demo-group"}}, 404, "NoSuchEntity");
  Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
}

TEST_F(EmuStatePersistenceTest, NoDemoGroupUnlessAskedFor) {
  demo_data_ = false;
  Open((dir_ / "plain.db").string());
  Reply groups = Ok("ListGroups");
  EXPECT_EQ(Members(groups.Node("ListGroupsResult/Groups")), 0);
  Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
}

TEST(EmuStateOpenTest, UnopenableDatabaseIsAnError) {
  BackendOptions options;
  options.db_path = "/nonexistent-dir-for-emu-test/iam.db";
  auto b = MakeIamBackend(options);
  EXPECT_FALSE(b.ok());
}

}  // namespace
}  // namespace aic::emulator::state::testing
