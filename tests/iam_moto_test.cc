// IamClient over real HTTP against moto's IAM server (python3 -m moto.server, started by each
// test on a free loopback port and always stopped): users, paging, login profiles, groups,
// managed and inline policies, tags, access keys, password policy, account summary,
// GetAccountAuthorizationDetails, AWS error codes with their detail, and a log capture proving
// the secret key and passwords never reach a log line.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"
#include "iam/query_client.h"
#include "support/child_process.h"

namespace aic {
namespace {

using nlohmann::json;

// Moto's start-up can be slow on a loaded machine.
constexpr std::chrono::seconds kMotoStartTimeout{45};
constexpr char kPolicyDoc[] =
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket/a b+c%\"}]}";
constexpr char kPolicyDoc2[] =
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
    "\"Resource\":\"*\"}]}";

class IamMotoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = testing::PickFreePort();
    auto child = testing::ChildProcess::Start(
        {"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", std::to_string(port_)},
        testing::ChildOptions{false, true});
    ASSERT_TRUE(child.ok()) << child.status().ToString();
    moto_ = std::move(child).value();
    ASSERT_TRUE(testing::WaitForPort(port_, kMotoStartTimeout)) << "moto did not start";
    iam_ = MakeIam("test", "test");
  }
  void TearDown() override {
    if (moto_) moto_->Stop();
  }

  std::unique_ptr<IamClient> MakeIam(const std::string& key_id, const std::string& secret) {
    auto transport = MakeCurlTransport(TransportOptions{});
    EXPECT_TRUE(transport.ok());
    Credentials creds;
    creds.access_key_id = key_id;
    creds.secret_access_key = SecretString(secret);
    QueryClientOptions options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(port_) + "/";
    options.retry.base_delay = std::chrono::milliseconds(10);
    query_ = std::make_shared<QueryClient>(
        options, std::shared_ptr<HttpTransport>(std::move(transport).value()),
        MakeStaticCredentialsProvider(std::move(creds)));
    return std::make_unique<IamClient>(query_);
  }

  int port_ = 0;
  std::unique_ptr<testing::ChildProcess> moto_;
  std::shared_ptr<QueryClient> query_;
  std::unique_ptr<IamClient> iam_;
};

std::set<std::string> Names(const std::vector<User>& users) {
  std::set<std::string> out;
  for (const auto& u : users) out.insert(u.user_name);
  return out;
}

TEST_F(IamMotoTest, UsersCreateReadUpdateListDelete) {
  IamClient& iam = *iam_;
  auto created = Wait(iam.CreateUser("alice", "/eng/", {{"team", "blue"}, {"cost", "42"}}));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->user_name, "alice");
  EXPECT_EQ(created->path, "/eng/");
  EXPECT_TRUE(created->arn.ends_with(":user/eng/alice")) << created->arn;
  EXPECT_FALSE(created->user_id.empty());
  EXPECT_EQ(created->create_date.size(), 20u) << created->create_date;
  EXPECT_TRUE(created->create_date.ends_with("Z"));

  auto got = Wait(iam.GetUser("alice"));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->user_id, created->user_id);
  EXPECT_EQ(got->tags, (std::vector<Tag>{{"team", "blue"}, {"cost", "42"}}));

  for (int i = 0; i < 7; ++i) ASSERT_TRUE(Wait(iam.CreateUser("user" + std::to_string(i))).ok());
  auto all = Wait(ListAll([&](const PageRequest& p) { return iam.ListUsers({}, p); }, 3));
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->size(), 8u);
  EXPECT_EQ(Names(*all).size(), 8u);  // each once
  auto eng = Wait(ListAll([&](const PageRequest& p) { return iam.ListUsers("/eng/", p); }));
  ASSERT_TRUE(eng.ok());
  EXPECT_EQ(Names(*eng), std::set<std::string>{"alice"});

  ASSERT_TRUE(Wait(iam.UpdateUser("alice", "alicia", "/ops/")).ok());
  EXPECT_EQ(Wait(iam.GetUser("alice")).status().code(), ErrorCode::kUnknownUid);
  auto renamed = Wait(iam.GetUser("alicia"));
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(renamed->path, "/ops/");

  ASSERT_TRUE(Wait(iam.DeleteUser("alicia")).ok());
  EXPECT_EQ(Wait(iam.GetUser("alicia")).status().code(), ErrorCode::kUnknownUid);
  EXPECT_GE(query_->CallStats("CreateUser").calls, 8);
}

TEST_F(IamMotoTest, ErrorCodesKeepTheAwsDetail) {
  IamClient& iam = *iam_;
  auto missing = Wait(iam.GetUser("nobody"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kUnknownUid);
  ASSERT_TRUE(missing.status().aws().has_value());
  const AwsErrorDetail& d = *missing.status().aws();
  EXPECT_EQ(d.action, "GetUser");
  EXPECT_EQ(d.code, "NoSuchEntity");
  EXPECT_EQ(d.type, "Sender");
  EXPECT_EQ(d.http_status, 404);
  EXPECT_NE(d.message.find("nobody"), std::string::npos) << d.message;
  EXPECT_FALSE(d.request_id.empty());
  EXPECT_EQ(query_->CallStats("GetUser").attempts, 1);  // not retried

  ASSERT_TRUE(Wait(iam.CreateUser("dup")).ok());
  auto again = Wait(iam.CreateUser("dup"));
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(again.status().aws().has_value());
  EXPECT_EQ(again.status().aws()->code, "EntityAlreadyExists");
  EXPECT_EQ(again.status().aws()->http_status, 409);
  EXPECT_EQ(again.status().aws()->action, "CreateUser");

  EXPECT_EQ(Wait(iam.DeleteUser("nobody")).code(), ErrorCode::kUnknownUid);
  EXPECT_EQ(Wait(iam.GetLoginProfile("dup")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(IamMotoTest, LoginProfileLifecycle) {
  IamClient& iam = *iam_;
  ASSERT_TRUE(Wait(iam.CreateUser("carol")).ok());
  auto created = Wait(iam.CreateLoginProfile("carol", SecretString("Initial-Passw0rd!"), true));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->user_name, "carol");
  // moto 5 ignores PasswordResetRequired (always false); iam_stub_test checks what is sent.
  EXPECT_EQ(
      Wait(iam.CreateLoginProfile("carol", SecretString("Other-Passw0rd!"), false)).status().code(),
      ErrorCode::kAlreadyExists);
  auto got = Wait(iam.GetLoginProfile("carol"));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->user_name, "carol");
  EXPECT_FALSE(got->create_date.empty());
  ASSERT_TRUE(Wait(iam.UpdateLoginProfile("carol", {SecretString("Next-Passw0rd!"), false})).ok());
  ASSERT_TRUE(Wait(iam.GetLoginProfile("carol")).ok());
  ASSERT_TRUE(Wait(iam.DeleteLoginProfile("carol")).ok());
  EXPECT_EQ(Wait(iam.GetLoginProfile("carol")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(IamMotoTest, GroupsAndMembership) {
  IamClient& iam = *iam_;
  ASSERT_TRUE(Wait(iam.CreateUser("dave")).ok());
  ASSERT_TRUE(Wait(iam.CreateUser("erin")).ok());
  auto group = Wait(iam.CreateGroup("devs", "/teams/"));
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_EQ(group->group_name, "devs");
  EXPECT_EQ(group->path, "/teams/");
  ASSERT_TRUE(Wait(iam.CreateGroup("ops")).ok());
  EXPECT_EQ(Wait(iam.CreateGroup("ops")).status().code(), ErrorCode::kAlreadyExists);
  ASSERT_TRUE(Wait(iam.AddUserToGroup("devs", "dave")).ok());
  ASSERT_TRUE(Wait(iam.AddUserToGroup("devs", "erin")).ok());
  ASSERT_TRUE(Wait(iam.AddUserToGroup("ops", "dave")).ok());

  auto members = Wait(iam.GetGroup("devs"));
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  EXPECT_EQ(members->group.group_name, "devs");
  EXPECT_EQ(Names(members->users.items), (std::set<std::string>{"dave", "erin"}));

  auto for_dave =
      Wait(ListAll([&](const PageRequest& p) { return iam.ListGroupsForUser("dave", p); }));
  ASSERT_TRUE(for_dave.ok());
  std::set<std::string> names;
  for (const auto& g : *for_dave) names.insert(g.group_name);
  EXPECT_EQ(names, (std::set<std::string>{"devs", "ops"}));

  auto groups = Wait(ListAll([&](const PageRequest& p) { return iam.ListGroups({}, p); }));
  ASSERT_TRUE(groups.ok());
  EXPECT_EQ(groups->size(), 2u);

  ASSERT_TRUE(Wait(iam.RemoveUserFromGroup("ops", "dave")).ok());
  auto ops = Wait(iam.GetGroup("ops"));
  ASSERT_TRUE(ops.ok());
  EXPECT_TRUE(ops->users.items.empty());
  ASSERT_TRUE(Wait(iam.DeleteGroup("ops")).ok());
  EXPECT_EQ(Wait(iam.GetGroup("ops")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(IamMotoTest, ManagedAndInlinePolicies) {
  IamClient& iam = *iam_;
  ASSERT_TRUE(Wait(iam.CreateUser("frank")).ok());
  ASSERT_TRUE(Wait(iam.CreateGroup("auditors")).ok());
  auto policy = Wait(
      iam.CreatePolicy("ReadBucket", kPolicyDoc, "/app/", "reads a bucket", {{"owner", "frank"}}));
  ASSERT_TRUE(policy.ok()) << policy.status().ToString();
  EXPECT_EQ(policy->policy_name, "ReadBucket");
  EXPECT_EQ(policy->default_version_id, "v1");
  const std::string arn = policy->arn;
  EXPECT_TRUE(arn.ends_with(":policy/app/ReadBucket")) << arn;

  auto got = Wait(iam.GetPolicy(arn));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->arn, arn);
  const ListPoliciesFilter app_local{"Local", false, "/app/", ""};  // outlives the calls
  auto local = Wait(ListAll([&](const PageRequest& p) { return iam.ListPolicies(app_local, p); }));
  ASSERT_TRUE(local.ok());
  ASSERT_EQ(local->size(), 1u);
  EXPECT_EQ(local->at(0).arn, arn);

  auto v1 = Wait(iam.GetPolicyVersion(arn, "v1"));
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(json::parse(v1->document), json::parse(kPolicyDoc));  // URL-decoded
  EXPECT_TRUE(v1->is_default_version);
  auto v2 = Wait(iam.CreatePolicyVersion(arn, kPolicyDoc2, false));
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->version_id, "v2");
  auto versions =
      Wait(ListAll([&](const PageRequest& p) { return iam.ListPolicyVersions(arn, p); }));
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 2u);
  ASSERT_TRUE(Wait(iam.SetDefaultPolicyVersion(arn, "v2")).ok());
  EXPECT_EQ(Wait(iam.GetPolicy(arn))->default_version_id, "v2");
  ASSERT_TRUE(Wait(iam.DeletePolicyVersion(arn, "v1")).ok());
  EXPECT_EQ(Wait(iam.GetPolicyVersion(arn, "v1")).status().code(), ErrorCode::kUnknownUid);

  ASSERT_TRUE(Wait(iam.AttachUserPolicy("frank", arn)).ok());
  ASSERT_TRUE(Wait(iam.AttachGroupPolicy("auditors", arn)).ok());
  auto attached = Wait(iam.ListAttachedUserPolicies("frank"));
  ASSERT_TRUE(attached.ok());
  ASSERT_EQ(attached->items.size(), 1u);
  EXPECT_EQ(attached->items[0].policy_arn, arn);
  EXPECT_EQ(attached->items[0].policy_name, "ReadBucket");
  auto group_attached = Wait(iam.ListAttachedGroupPolicies("auditors"));
  ASSERT_TRUE(group_attached.ok());
  EXPECT_EQ(group_attached->items.size(), 1u);
  EXPECT_EQ(Wait(iam.DeleteUser("frank")).code(), ErrorCode::kConflict);  // DeleteConflict
  ASSERT_TRUE(Wait(iam.DetachUserPolicy("frank", arn)).ok());
  ASSERT_TRUE(Wait(iam.DetachGroupPolicy("auditors", arn)).ok());
  EXPECT_TRUE(Wait(iam.ListAttachedUserPolicies("frank"))->items.empty());

  ASSERT_TRUE(Wait(iam.PutUserPolicy("frank", "inline-a", kPolicyDoc)).ok());
  auto inline_policy = Wait(iam.GetUserPolicy("frank", "inline-a"));
  ASSERT_TRUE(inline_policy.ok()) << inline_policy.status().ToString();
  EXPECT_EQ(inline_policy->owner_name, "frank");
  EXPECT_EQ(json::parse(inline_policy->policy_document), json::parse(kPolicyDoc));
  auto names = Wait(iam.ListUserPolicies("frank"));
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->items, std::vector<std::string>{"inline-a"});
  ASSERT_TRUE(Wait(iam.DeleteUserPolicy("frank", "inline-a")).ok());
  EXPECT_TRUE(Wait(iam.ListUserPolicies("frank"))->items.empty());

  ASSERT_TRUE(Wait(iam.PutGroupPolicy("auditors", "g-inline", kPolicyDoc2)).ok());
  auto group_inline = Wait(iam.GetGroupPolicy("auditors", "g-inline"));
  ASSERT_TRUE(group_inline.ok()) << group_inline.status().ToString();
  EXPECT_EQ(json::parse(group_inline->policy_document), json::parse(kPolicyDoc2));
  EXPECT_EQ(Wait(iam.ListGroupPolicies("auditors"))->items, std::vector<std::string>{"g-inline"});
  ASSERT_TRUE(Wait(iam.DeleteGroupPolicy("auditors", "g-inline")).ok());

  ASSERT_TRUE(Wait(iam.DeletePolicy(arn)).ok());
  EXPECT_EQ(Wait(iam.GetPolicy(arn)).status().code(), ErrorCode::kUnknownUid);
}

// moto 5 drops PermissionsBoundary and answers PutUserPermissionsBoundary with a 500, so the
// boundary is covered by iam_stub_test (request and parse) instead.
TEST_F(IamMotoTest, UserTags) {
  IamClient& iam = *iam_;
  ASSERT_TRUE(Wait(iam.CreateUser("gina", "/", {{"a", "1"}})).ok());
  ASSERT_TRUE(Wait(iam.TagUser("gina", {{"b", "2"}, {"c", "three words"}})).ok());
  auto tags = Wait(ListAll([&](const PageRequest& p) { return iam.ListUserTags("gina", p); }));
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(tags->size(), 3u);
  ASSERT_TRUE(Wait(iam.UntagUser("gina", {"a", "b"})).ok());
  tags = Wait(ListAll([&](const PageRequest& p) { return iam.ListUserTags("gina", p); }));
  ASSERT_TRUE(tags.ok());
  EXPECT_EQ(*tags, (std::vector<Tag>{{"c", "three words"}}));
  EXPECT_EQ(Wait(iam.GetUser("gina"))->tags, (std::vector<Tag>{{"c", "three words"}}));
}

TEST_F(IamMotoTest, CredentialsAndAccountCalls) {
  IamClient& iam = *iam_;
  ASSERT_TRUE(Wait(iam.CreateUser("hank")).ok());
  auto key = Wait(iam.CreateAccessKey("hank"));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->user_name, "hank");
  EXPECT_EQ(key->status, "Active");
  EXPECT_FALSE(key->secret_access_key.empty());
  auto keys = Wait(iam.ListAccessKeys("hank"));
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->items.size(), 1u);
  EXPECT_EQ(keys->items[0].access_key_id, key->access_key_id);
  ASSERT_TRUE(Wait(iam.UpdateAccessKey("hank", key->access_key_id, "Inactive")).ok());
  EXPECT_EQ(Wait(iam.ListAccessKeys("hank"))->items.at(0).status, "Inactive");
  ASSERT_TRUE(Wait(iam.DeleteAccessKey("hank", key->access_key_id)).ok());
  EXPECT_TRUE(Wait(iam.ListAccessKeys("hank"))->items.empty());

  auto mfa = Wait(iam.ListMFADevices("hank"));
  ASSERT_TRUE(mfa.ok()) << mfa.status().ToString();
  EXPECT_TRUE(mfa->items.empty());
  auto certs = Wait(iam.ListSigningCertificates("hank"));
  ASSERT_TRUE(certs.ok()) << certs.status().ToString();
  EXPECT_TRUE(certs->items.empty());
  // Upload and CreateVirtualMFADevice are not IamClient methods: use the raw Query call.
  auto uploaded = query_->Call(
      "UploadSSHPublicKey",
      {{"UserName", "hank"}, {"SSHPublicKeyBody", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDf h@x"}});
  ASSERT_TRUE(uploaded.ok()) << uploaded.status().ToString();
  auto ssh = Wait(iam.ListSSHPublicKeys("hank"));
  ASSERT_TRUE(ssh.ok()) << ssh.status().ToString();
  ASSERT_EQ(ssh->items.size(), 1u);
  EXPECT_EQ(ssh->items[0].status, "Active");
  EXPECT_EQ(ssh->items[0].user_name, "hank");
  ASSERT_TRUE(Wait(iam.DeleteSSHPublicKey("hank", ssh->items[0].ssh_public_key_id)).ok());
  EXPECT_TRUE(Wait(iam.ListSSHPublicKeys("hank"))->items.empty());
  ASSERT_TRUE(query_->Call("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "m1"}}).ok());
  ASSERT_TRUE(Wait(iam.DeleteVirtualMFADevice("arn:aws:iam::123456789012:mfa/m1")).ok());
  EXPECT_EQ(Wait(iam.DeleteVirtualMFADevice("arn:aws:iam::123456789012:mfa/m1")).code(),
            ErrorCode::kUnknownUid);

  PasswordPolicy policy;
  policy.minimum_password_length = 12;
  policy.require_symbols = true;
  policy.max_password_age = 90;
  ASSERT_TRUE(Wait(iam.UpdateAccountPasswordPolicy(policy)).ok());
  auto got = Wait(iam.GetAccountPasswordPolicy());
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->minimum_password_length, 12);
  EXPECT_EQ(got->require_symbols, true);
  EXPECT_EQ(got->max_password_age, 90);
  ASSERT_TRUE(Wait(iam.DeleteAccountPasswordPolicy()).ok());
  EXPECT_EQ(Wait(iam.GetAccountPasswordPolicy()).status().code(), ErrorCode::kUnknownUid);

  auto summary = Wait(iam.GetAccountSummary());
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->at("Users"), 1);
  EXPECT_GT(summary->at("UsersQuota"), 0);
}

TEST_F(IamMotoTest, AccountAuthorizationDetails) {
  IamClient& iam = *iam_;
  auto policy = Wait(iam.CreatePolicy("Gaad", kPolicyDoc));
  ASSERT_TRUE(policy.ok());
  ASSERT_TRUE(Wait(iam.CreateGroup("g1")).ok());
  ASSERT_TRUE(Wait(iam.AttachGroupPolicy("g1", policy->arn)).ok());
  ASSERT_TRUE(Wait(iam.PutGroupPolicy("g1", "g-inline", kPolicyDoc2)).ok());
  for (std::string name : {"ivy", "jack", "kim"}) {
    ASSERT_TRUE(Wait(iam.CreateUser(name, "/", {{"k", name}})).ok());
    ASSERT_TRUE(Wait(iam.AddUserToGroup("g1", name)).ok());
    ASSERT_TRUE(Wait(iam.AttachUserPolicy(name, policy->arn)).ok());
    ASSERT_TRUE(Wait(iam.PutUserPolicy(name, "inline-" + name, kPolicyDoc)).ok());
  }
  std::vector<UserDetail> users;
  std::vector<GroupDetail> groups;
  std::vector<ManagedPolicyDetail> policies;
  const std::vector<std::string> filters{"User", "Group", "LocalManagedPolicy"};
  Status s = Wait(ForEachPage(
      [&](const PageRequest& p) { return iam.GetAccountAuthorizationDetails(filters, p); },
      [&](AccountAuthorizationDetails& page) {
        for (auto& u : page.users) users.push_back(std::move(u));
        for (auto& g : page.groups) groups.push_back(std::move(g));
        for (auto& p : page.policies) policies.push_back(std::move(p));
        return Status::Ok();
      },
      PageRequest{"", 2}));
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(users.size(), 3u);
  for (const auto& u : users) {
    SCOPED_TRACE(u.user_name);
    EXPECT_EQ(u.group_list, std::vector<std::string>{"g1"});
    ASSERT_EQ(u.attached_managed_policies.size(), 1u);
    EXPECT_EQ(u.attached_managed_policies[0].policy_arn, policy->arn);
    ASSERT_EQ(u.user_policy_list.size(), 1u);
    EXPECT_EQ(u.user_policy_list[0].policy_name, "inline-" + u.user_name);
    EXPECT_EQ(json::parse(u.user_policy_list[0].policy_document), json::parse(kPolicyDoc));
    EXPECT_EQ(u.tags, (std::vector<Tag>{{"k", u.user_name}}));
  }
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].attached_managed_policies.size(), 1u);
  ASSERT_EQ(groups[0].group_policy_list.size(), 1u);
  EXPECT_EQ(json::parse(groups[0].group_policy_list[0].policy_document), json::parse(kPolicyDoc2));
  ASSERT_EQ(policies.size(), 1u);
  EXPECT_EQ(policies[0].policy.arn, policy->arn);
  ASSERT_FALSE(policies[0].policy_version_list.empty());
  EXPECT_EQ(json::parse(policies[0].policy_version_list[0].document), json::parse(kPolicyDoc));
}

TEST_F(IamMotoTest, SecretsNeverReachTheLogs) {
  const std::string secret = "MotoSentinelSecretKey/9f8e7d6c5b4a";
  const std::string password = "Sentinel-Passw0rd-Zq!";
  std::ostringstream captured;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>("capture", sink);
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  auto iam = MakeIam("AKIDSENTINEL", secret);
  ASSERT_TRUE(Wait(iam->CreateUser("leo")).ok());
  ASSERT_TRUE(Wait(iam->CreateLoginProfile("leo", SecretString(password), true)).ok());
  ASSERT_TRUE(Wait(iam->UpdateLoginProfile("leo", {SecretString(password + "2"), false})).ok());
  auto key = Wait(iam->CreateAccessKey("leo"));
  ASSERT_TRUE(key.ok());
  const std::string new_secret(key->secret_access_key.Reveal());
  auto dup = Wait(iam->CreateLoginProfile("leo", SecretString(password), true));
  EXPECT_FALSE(dup.ok());
  EXPECT_EQ(Wait(iam->GetUser("missing")).status().code(), ErrorCode::kUnknownUid);
  ASSERT_TRUE(Wait(iam->ListUsers()).ok());

  spdlog::set_default_logger(previous);
  const std::string logs = captured.str();
  EXPECT_EQ(logs.find(secret), std::string::npos);
  EXPECT_EQ(logs.find(password), std::string::npos);
  EXPECT_EQ(logs.find(new_secret), std::string::npos);
  // Error statuses are safe to log as well.
  EXPECT_EQ(dup.status().ToString().find(password), std::string::npos);
  // The capture really worked: the failing calls were logged at debug level.
  EXPECT_NE(logs.find("GetUser"), std::string::npos) << logs;
}

}  // namespace
}  // namespace aic
