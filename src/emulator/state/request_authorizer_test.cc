// IAM enforcement (request_authorizer.h) through a real IamBackend with enforce_iam: the root
// sets up users, groups, roles and policies; the calls under test are signed with the keys it
// made for them.
#include "emulator/state/request_authorizer.h"

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

constexpr const char* kAccount = "123456789012";

std::string Allow(const std::string& actions, const std::string& resource = R"("*")",
                  const std::string& condition = "") {
  std::string s = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":)" + actions +
                  R"(,"Resource":)" + resource;
  if (!condition.empty()) s += R"(,"Condition":)" + condition;
  return s + "}]}";
}

std::string Deny(const std::string& actions) {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},)"
         R"({"Effect":"Deny","Action":)" +
         actions + R"(,"Resource":"*"}]})";
}

class EnforcementTest : public BackendTest {
 public:
  void SetUp() override {
    enforce_iam_ = true;
    BackendTest::SetUp();
  }

  // A user with an access key; returns the caller that key signs as.
  Caller NewUser(const std::string& name, std::map<std::string, std::string> extra = {}) {
    extra["UserName"] = name;
    Ok("CreateUser", extra);
    Reply k = Ok("CreateAccessKey", {{"UserName", name}});
    return KeyCaller(k.Text("CreateAccessKeyResult/AccessKey/AccessKeyId"));
  }

  Caller KeyCaller(const std::string& key_id) {
    auto rec = backend_->LookupAccessKey(key_id);
    EXPECT_TRUE(rec.has_value()) << key_id;
    return rec ? rec->caller : Caller{};
  }

  void PutUserPolicy(const std::string& user, const std::string& doc) {
    Ok("PutUserPolicy", {{"UserName", user}, {"PolicyName", "p"}, {"PolicyDocument", doc}});
  }

  Reply As(const Caller& c, const std::string& action,
           std::map<std::string, std::string> params = {}, const std::string& service = "iam") {
    return Call(action, std::move(params), service, c);
  }

  // Expects AccessDenied 403 with exactly `message`.
  void Denied(const Reply& r, const std::string& message) {
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_EQ(r.Code(), "AccessDenied") << r.body;
    EXPECT_EQ(r.Text("Error/Type"), "Sender") << r.body;
    EXPECT_EQ(r.Message(), message);
  }
  void Allowed(const Reply& r) { EXPECT_EQ(r.status, 200) << r.body; }

  // The session's credentials as a caller: AccessKeyId of a Credentials result.
  Caller SessionCaller(const Reply& r, const std::string& result) {
    EXPECT_EQ(r.status, 200) << r.body;
    return KeyCaller(r.Text(result + "/Credentials/AccessKeyId"));
  }
};

TEST_F(EnforcementTest, RootIsNeverChecked) {
  Ok("CreateUser", {{"UserName", "anyone"}});
  Ok("CreateGroup", {{"GroupName", "g"}});
}

TEST_F(EnforcementTest, UserWithoutPoliciesIsDeniedWithAwsMessage) {
  Caller alice = NewUser("alice");
  Denied(As(alice, "CreateUser", {{"UserName", "bob"}}),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser "
         "on resource: arn:aws:iam::123456789012:user/bob because no identity-based policy "
         "allows the iam:CreateUser action");
  // An entity addressed by name is named "user NAME" (recorded AWS answers).
  Denied(As(alice, "GetUser", {{"UserName", "alice"}}),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:GetUser on "
         "resource: user alice because no identity-based policy allows the iam:GetUser action");
  // The state is untouched.
  Err("GetUser", {{"UserName", "bob"}}, 404, "NoSuchEntity");
}

TEST_F(EnforcementTest, ExemptActionsNeedNoPermission) {
  Caller alice = NewUser("alice");
  Reply who = As(alice, "GetCallerIdentity", {}, "sts");
  Allowed(who);
  EXPECT_EQ(who.Text("GetCallerIdentityResult/Arn"), "arn:aws:iam::123456789012:user/alice");
  Allowed(As(alice, "GetSessionToken", {}, "sts"));
}

TEST_F(EnforcementTest, ValidationBeforeAuthorizationBeforeNoSuchEntity) {
  Caller alice = NewUser("alice");
  Reply invalid = As(alice, "CreateUser", {{"UserName", std::string(65, 'x')}});
  EXPECT_EQ(invalid.status, 400) << invalid.body;
  EXPECT_EQ(invalid.Code(), "ValidationError");
  Reply ghost = As(alice, "DeleteUser", {{"UserName", "ghost"}});
  EXPECT_EQ(ghost.status, 403) << ghost.body;
  PutUserPolicy("alice", Allow(R"("iam:DeleteUser")"));
  Reply missing = As(alice, "DeleteUser", {{"UserName", "ghost"}});
  EXPECT_EQ(missing.status, 404) << missing.body;
}

TEST_F(EnforcementTest, InlineAttachedAndGroupPolicies) {
  Caller alice = NewUser("alice");
  PutUserPolicy("alice", Allow(R"("iam:ListUsers")"));
  Allowed(As(alice, "ListUsers"));
  Denied(As(alice, "ListGroups"),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListGroups "
         "on resource: arn:aws:iam::123456789012:group/ because no identity-based policy allows "
         "the iam:ListGroups action");

  Ok("CreatePolicy", {{"PolicyName", "groups"}, {"PolicyDocument", Allow(R"("iam:ListGroups")")}});
  Ok("AttachUserPolicy",
     {{"UserName", "alice"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/groups"}});
  Allowed(As(alice, "ListGroups"));

  Caller bob = NewUser("bob");
  Ok("CreateGroup", {{"GroupName", "readers"}});
  Ok("AttachGroupPolicy",
     {{"GroupName", "readers"}, {"PolicyArn", "arn:aws:iam::aws:policy/IAMReadOnlyAccess"}});
  Denied(As(bob, "ListRoles"),
         "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:ListRoles on "
         "resource: arn:aws:iam::123456789012:role/ because no identity-based policy allows the "
         "iam:ListRoles action");
  Ok("AddUserToGroup", {{"GroupName", "readers"}, {"UserName", "bob"}});
  Allowed(As(bob, "ListRoles"));
  Denied(As(bob, "CreateGroup", {{"GroupName", "writers"}}),
         "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateGroup "
         "on resource: arn:aws:iam::123456789012:group/writers because no identity-based policy "
         "allows the iam:CreateGroup action");
}

TEST_F(EnforcementTest, ExplicitDeny) {
  Caller alice = NewUser("alice");
  PutUserPolicy("alice", Deny(R"("iam:DeleteGroup")"));
  Allowed(As(alice, "CreateGroup", {{"GroupName", "g1"}}));
  Denied(As(alice, "DeleteGroup", {{"GroupName", "g1"}}),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:DeleteGroup "
         "on resource: group g1 with an explicit deny in an identity-based policy");
  // A managed policy that denies is named (AWS's messages since 2026).
  Ok("CreatePolicy", {{"PolicyName", "no-users"}, {"PolicyDocument", Deny(R"("iam:CreateUser")")}});
  Ok("AttachUserPolicy",
     {{"UserName", "alice"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/no-users"}});
  Denied(As(alice, "CreateUser", {{"UserName", "carol"}}),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser "
         "on resource: arn:aws:iam::123456789012:user/carol with an explicit deny in an "
         "identity-based policy: arn:aws:iam::123456789012:policy/no-users");
}

TEST_F(EnforcementTest, PermissionsBoundary) {
  Caller alice = NewUser("alice");
  Ok("AttachUserPolicy",
     {{"UserName", "alice"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  Ok("CreatePolicy",
     {{"PolicyName", "read-only"}, {"PolicyDocument", Allow(R"(["iam:Get*","iam:List*"])")}});
  Ok("PutUserPermissionsBoundary",
     {{"UserName", "alice"},
      {"PermissionsBoundary", "arn:aws:iam::123456789012:policy/read-only"}});
  Allowed(As(alice, "ListUsers"));
  Denied(As(alice, "CreateUser", {{"UserName", "bob"}}),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:CreateUser "
         "on resource: arn:aws:iam::123456789012:user/bob because no permissions boundary allows "
         "the iam:CreateUser action");
  Ok("CreatePolicy", {{"PolicyName", "deny-list"}, {"PolicyDocument", Deny(R"("iam:ListUsers")")}});
  Ok("PutUserPermissionsBoundary",
     {{"UserName", "alice"},
      {"PermissionsBoundary", "arn:aws:iam::123456789012:policy/deny-list"}});
  Denied(As(alice, "ListUsers"),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers "
         "on resource: arn:aws:iam::123456789012:user/ with an explicit deny in a permissions "
         "boundary");
}

TEST_F(EnforcementTest, RoleSessionWithSessionPolicy) {
  Caller alice = NewUser("alice");
  PutUserPolicy("alice", Allow(R"("sts:AssumeRole")"));
  Ok("CreateRole", {{"RoleName", "Ops"},
                    {"AssumeRolePolicyDocument",
                     R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
                     R"({"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})"}});
  Ok("PutRolePolicy", {{"RoleName", "Ops"},
                       {"PolicyName", "list"},
                       {"PolicyDocument", Allow(R"(["iam:ListUsers","iam:ListGroups"])")}});
  const std::string role_arn = "arn:aws:iam::123456789012:role/Ops";
  // Without a session policy: the role's policies.
  Caller plain = SessionCaller(
      As(alice, "AssumeRole", {{"RoleArn", role_arn}, {"RoleSessionName", "plain"}}, "sts"),
      "AssumeRoleResult");
  Allowed(As(plain, "ListGroups"));
  Denied(As(plain, "ListRoles"),
         "User: arn:aws:sts::123456789012:assumed-role/Ops/plain is not authorized to perform: "
         "iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based "
         "policy allows the iam:ListRoles action");
  // With one: the intersection.
  Caller narrow = SessionCaller(As(alice, "AssumeRole",
                                   {{"RoleArn", role_arn},
                                    {"RoleSessionName", "narrow"},
                                    {"Policy", Allow(R"(["iam:ListUsers","iam:ListRoles"])")}},
                                   "sts"),
                                "AssumeRoleResult");
  Allowed(As(narrow, "ListUsers"));
  Denied(As(narrow, "ListGroups"),
         "User: arn:aws:sts::123456789012:assumed-role/Ops/narrow is not authorized to perform: "
         "iam:ListGroups on resource: arn:aws:iam::123456789012:group/ because no session policy "
         "allows the iam:ListGroups action");
  Denied(As(narrow, "ListRoles"),
         "User: arn:aws:sts::123456789012:assumed-role/Ops/narrow is not authorized to perform: "
         "iam:ListRoles on resource: arn:aws:iam::123456789012:role/ because no identity-based "
         "policy allows the iam:ListRoles action");
  // A managed session policy (PolicyArns).
  Ok("CreatePolicy",
     {{"PolicyName", "groups-only"}, {"PolicyDocument", Allow(R"("iam:ListGroups")")}});
  Caller managed = SessionCaller(
      As(alice, "AssumeRole",
         {{"RoleArn", role_arn},
          {"RoleSessionName", "managed"},
          {"PolicyArns.member.1.arn", "arn:aws:iam::123456789012:policy/groups-only"}},
         "sts"),
      "AssumeRoleResult");
  Allowed(As(managed, "ListGroups"));
  EXPECT_EQ(As(managed, "ListUsers").status, 403);
}

TEST_F(EnforcementTest, AssumeRoleNeedsIdentityPermissionUnlessTrustNamesTheCaller) {
  Caller alice = NewUser("alice");
  auto trust = [](const std::string& principal) {
    return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":")" +
           principal + R"("},"Action":"sts:AssumeRole"}]})";
  };
  Ok("CreateRole", {{"RoleName", "ByAccount"},
                    {"AssumeRolePolicyDocument", trust("arn:aws:iam::123456789012:root")}});
  Ok("CreateRole", {{"RoleName", "ByUser"},
                    {"AssumeRolePolicyDocument", trust("arn:aws:iam::123456789012:user/alice")}});
  Denied(As(alice, "AssumeRole",
            {{"RoleArn", "arn:aws:iam::123456789012:role/ByAccount"}, {"RoleSessionName", "s"}},
            "sts"),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole "
         "on resource: arn:aws:iam::123456789012:role/ByAccount");
  Allowed(As(alice, "AssumeRole",
             {{"RoleArn", "arn:aws:iam::123456789012:role/ByUser"}, {"RoleSessionName", "s"}},
             "sts"));
  PutUserPolicy("alice", Allow(R"("sts:AssumeRole")"));
  Allowed(As(alice, "AssumeRole",
             {{"RoleArn", "arn:aws:iam::123456789012:role/ByAccount"}, {"RoleSessionName", "s"}},
             "sts"));
}

TEST_F(EnforcementTest, FederationToken) {
  Caller alice = NewUser("alice");
  PutUserPolicy("alice", Allow(R"(["iam:*","sts:GetFederationToken"])"));
  // No session policy: no permissions.
  Caller bare = SessionCaller(As(alice, "GetFederationToken", {{"Name", "bare"}}, "sts"),
                              "GetFederationTokenResult");
  Denied(As(bare, "ListUsers"),
         "User: arn:aws:sts::123456789012:federated-user/bare is not authorized to perform: "
         "iam:ListUsers on resource: arn:aws:iam::123456789012:user/ because no session policy "
         "allows the iam:ListUsers action");
  Caller scoped =
      SessionCaller(As(alice, "GetFederationToken",
                       {{"Name", "scoped"}, {"Policy", Allow(R"("iam:ListUsers")")}}, "sts"),
                    "GetFederationTokenResult");
  Allowed(As(scoped, "ListUsers"));
  EXPECT_EQ(As(scoped, "ListGroups").status, 403);
}

TEST_F(EnforcementTest, UsernameAndPrincipalTagConditions) {
  Ok("CreateGroup", {{"GroupName", "team"}});
  Ok("PutGroupPolicy",
     {{"GroupName", "team"},
      {"PolicyName", "p"},
      {"PolicyDocument",
       R"({"Version":"2012-10-17","Statement":[)"
       R"({"Effect":"Allow","Action":"iam:ListUsers","Resource":"*",)"
       R"("Condition":{"StringEquals":{"aws:username":"alice"}}},)"
       R"({"Effect":"Allow","Action":"iam:ListGroups","Resource":"*",)"
       R"("Condition":{"StringEquals":{"aws:PrincipalTag/Dept":"ops"}}},)"
       R"({"Effect":"Allow","Action":"iam:ListRoles","Resource":"*",)"
       R"("Condition":{"StringEquals":{"aws:PrincipalType":"User","aws:userid":"${aws:userid}"}}}]})"}});
  Caller alice = NewUser("alice", {{"Tags.member.1.Key", "dept"}, {"Tags.member.1.Value", "ops"}});
  Caller bob = NewUser("bob");
  Ok("AddUserToGroup", {{"GroupName", "team"}, {"UserName", "alice"}});
  Ok("AddUserToGroup", {{"GroupName", "team"}, {"UserName", "bob"}});
  Allowed(As(alice, "ListUsers"));
  EXPECT_EQ(As(bob, "ListUsers").status, 403);
  Allowed(As(alice, "ListGroups"));  // tag keys are case-insensitive
  EXPECT_EQ(As(bob, "ListGroups").status, 403);
  Allowed(As(bob, "ListRoles"));
}

TEST_F(EnforcementTest, RequestTagCondition) {
  Caller alice = NewUser("alice");
  PutUserPolicy("alice", Allow(R"(["iam:CreateUser","iam:TagUser"])", R"("*")",
                               R"({"StringEquals":{"aws:RequestTag/team":"blue"}})"));
  Allowed(As(alice, "CreateUser",
             {{"UserName", "b1"}, {"Tags.member.1.Key", "team"}, {"Tags.member.1.Value", "blue"}}));
  EXPECT_EQ(As(alice, "CreateUser",
               {{"UserName", "r1"}, {"Tags.member.1.Key", "team"}, {"Tags.member.1.Value", "red"}})
                .status,
            403);
  EXPECT_EQ(As(alice, "CreateUser", {{"UserName", "n1"}}).status, 403);
}

TEST_F(EnforcementTest, MultiFactorAuthPresentOnlyForSessions) {
  Caller alice = NewUser("alice");
  PutUserPolicy("alice",
                R"({"Version":"2012-10-17","Statement":[)"
                R"({"Effect":"Allow","Action":"iam:*","Resource":"*"},)"
                R"({"Effect":"Deny","Action":"iam:ListUsers","Resource":"*",)"
                R"("Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}},)"
                R"({"Effect":"Deny","Action":"iam:ListGroups","Resource":"*",)"
                R"("Condition":{"NumericGreaterThan":{"aws:MultiFactorAuthAge":"3600"}}}]})");
  Ok("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "alice-mfa"}});
  const std::string serial = "arn:aws:iam::123456789012:mfa/alice-mfa";
  Ok("EnableMFADevice", {{"UserName", "alice"},
                         {"SerialNumber", serial},
                         {"AuthenticationCode1", "123456"},
                         {"AuthenticationCode2", "654321"}});
  // A long-term key: the key is absent, BoolIfExists holds, the Deny applies.
  Denied(As(alice, "ListUsers"),
         "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListUsers "
         "on resource: arn:aws:iam::123456789012:user/ with an explicit deny in an "
         "identity-based policy");
  Caller no_mfa = SessionCaller(As(alice, "GetSessionToken", {}, "sts"), "GetSessionTokenResult");
  EXPECT_EQ(As(no_mfa, "ListUsers").status, 403);
  Caller with_mfa = SessionCaller(
      As(alice, "GetSessionToken", {{"SerialNumber", serial}, {"TokenCode", "123456"}}, "sts"),
      "GetSessionTokenResult");
  Allowed(As(with_mfa, "ListUsers"));
  Allowed(As(with_mfa, "ListGroups"));
  now_ += std::chrono::hours(2);  // the MFA authentication is now two hours old
  EXPECT_EQ(As(with_mfa, "ListGroups").status, 403);
  Allowed(As(with_mfa, "ListUsers"));
}

TEST_F(EnforcementTest, SourceIpAndSecureTransport) {
  Caller alice = NewUser("alice");
  PutUserPolicy(
      "alice",
      Allow(
          R"("iam:ListUsers")", R"("*")",
          R"({"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Bool":{"aws:SecureTransport":"false"}})"));
  ActionRequest req;
  req.service = "iam";
  req.action = "ListUsers";
  req.params = {{"Action", "ListUsers"}, {"Version", "2010-05-08"}};
  req.caller = alice;
  req.source_ip = "10.1.2.3";
  EXPECT_EQ(backend_->Handle(req).http_status, 200);
  req.source_ip = "192.168.0.1";
  EXPECT_EQ(backend_->Handle(req).http_status, 403);
}

TEST_F(EnforcementTest, SessionPoliciesSurviveARestart) {
  char dir_template[] = "/tmp/aic-enforce-XXXXXX";
  ASSERT_NE(mkdtemp(dir_template), nullptr);
  const std::string db = std::string(dir_template) + "/emulator.db";
  Open(db);
  Caller alice = NewUser("alice");
  PutUserPolicy("alice", Allow(R"(["iam:*","sts:GetFederationToken"])"));
  Reply token = As(alice, "GetFederationToken",
                   {{"Name", "scoped"},
                    {"Policy", Allow(R"("iam:ListUsers")")},
                    {"Tags.member.1.Key", "k"},
                    {"Tags.member.1.Value", "v"}},
                   "sts");
  const std::string key = token.Text("GetFederationTokenResult/Credentials/AccessKeyId");
  Open(db);
  Caller scoped = KeyCaller(key);
  Allowed(As(scoped, "ListUsers"));
  EXPECT_EQ(As(scoped, "ListGroups").status, 403);
  backend_.reset();
  std::filesystem::remove_all(dir_template);
}

TEST(AccessDeniedMessageTest, ResourceStar) {
  ActionRequest req;
  req.service = "iam";
  req.action = "GetAccountSummary";
  IamState st;
  Dirty dirty;
  const std::string account = kAccount;
  Ctx ctx{req, st, dirty, account, 0};
  policy::Evaluation e;
  e.reason = policy::DenyReason::kNoIdentityAllow;
  EXPECT_EQ(AccessDeniedMessage(ctx, "arn:aws:iam::123456789012:user/a",
                                {"iam:GetAccountSummary", "*", {}}, e),
            "User: arn:aws:iam::123456789012:user/a is not authorized to perform: "
            "iam:GetAccountSummary on resource: * because no identity-based policy allows the "
            "iam:GetAccountSummary action");
  e.reason = policy::DenyReason::kExplicitDenySession;
  EXPECT_EQ(AccessDeniedMessage(ctx, "arn:aws:iam::123456789012:user/a",
                                {"iam:GetAccountSummary", "*", {}}, e),
            "User: arn:aws:iam::123456789012:user/a is not authorized to perform: "
            "iam:GetAccountSummary on resource: * with an explicit deny in a session policy");
}

}  // namespace
}  // namespace aic::emulator::state::testing
