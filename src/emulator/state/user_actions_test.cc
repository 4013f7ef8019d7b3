#include <set>
#include <string>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateUserTest = BackendTest;

TEST_F(EmuStateUserTest, CreateGetAndShapes) {
  Reply r = Ok("CreateUser", {{"UserName", "Alice"},
                              {"Path", "/eng/"},
                              {"Tags.member.1.Key", "team"},
                              {"Tags.member.1.Value", "red"}});
  EXPECT_EQ(r.doc->document_element().name(), std::string("CreateUserResponse"));
  EXPECT_EQ(r.doc->document_element().attribute("xmlns").as_string(),
            std::string("https://iam.amazonaws.com/doc/2010-05-08/"));
  EXPECT_EQ(r.Text("CreateUserResult/User/UserName"), "Alice");
  EXPECT_EQ(r.Text("CreateUserResult/User/Path"), "/eng/");
  std::string id = r.Text("CreateUserResult/User/UserId");
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(id.substr(0, 4), "AIDA");
  EXPECT_EQ(r.Text("CreateUserResult/User/Arn"), "arn:aws:iam::123456789012:user/eng/Alice");
  EXPECT_EQ(r.Text("CreateUserResult/User/CreateDate"), "2027-01-15T08:00:00Z");
  EXPECT_EQ(r.Text("ResponseMetadata/RequestId"), "req-1");

  Reply g = Ok("GetUser", {{"UserName", "alice"}});  // case-insensitive lookup
  EXPECT_EQ(g.Text("GetUserResult/User/UserName"), "Alice");
  EXPECT_EQ(g.Text("GetUserResult/User/UserId"), id);
  EXPECT_EQ(g.Text("GetUserResult/User/Tags/member/Key"), "team");
  EXPECT_EQ(g.Text("GetUserResult/User/Tags/member/Value"), "red");
}

TEST_F(EmuStateUserTest, GetUserWithoutNameIsTheCaller) {
  Reply root = Ok("GetUser");
  EXPECT_EQ(root.Text("GetUserResult/User/Arn"), "arn:aws:iam::123456789012:root");
  Reply c = Ok("CreateUser", {{"UserName", "bob"}});
  Caller caller;
  caller.user_id = c.Text("CreateUserResult/User/UserId");
  Reply me = Call("GetUser", {}, "iam", caller);
  EXPECT_EQ(me.Text("GetUserResult/User/UserName"), "bob");
}

TEST_F(EmuStateUserTest, NamesAreUniqueCaseInsensitively) {
  Ok("CreateUser", {{"UserName", "Alice"}});
  Reply r = Err("CreateUser", {{"UserName", "ALICE"}}, 409, "EntityAlreadyExists");
  EXPECT_EQ(r.Message(), "User with name ALICE already exists.");
  EXPECT_EQ(r.Text("Error/Type"), "Sender");
  EXPECT_EQ(r.Text("RequestId"), "req-1");
}

TEST_F(EmuStateUserTest, NoSuchEntityWithAwsMessage) {
  Reply r = Err("GetUser", {{"UserName", "ghost"}}, 404, "NoSuchEntity");
  EXPECT_EQ(r.Message(), "The user with name ghost cannot be found.");
  Err("DeleteUser", {{"UserName", "ghost"}}, 404, "NoSuchEntity");
  Err("UpdateUser", {{"UserName", "ghost"}, {"NewPath", "/x/"}}, 404, "NoSuchEntity");
}

TEST_F(EmuStateUserTest, ValidationOfNamesPathsAndParameters) {
  Err("CreateUser", {}, 400, "ValidationError");
  Err("CreateUser", {{"UserName", "bad name"}}, 400, "ValidationError");
  Err("CreateUser", {{"UserName", std::string(65, 'a')}}, 400, "ValidationError");
  Ok("CreateUser", {{"UserName", std::string(64, 'a')}});
  Ok("CreateUser", {{"UserName", "a+b=c,d.e@f_g-h"}});
  Err("CreateUser", {{"UserName", "p1"}, {"Path", "noslash"}}, 400, "ValidationError");
  Err("CreateUser", {{"UserName", "p2"}, {"Path", "/a//b/"}}, 400, "ValidationError");
  Err("CreateUser", {{"UserName", "p3"}, {"Path", "/" + std::string(511, 'a') + "/"}}, 400,
      "ValidationError");
  Ok("CreateUser", {{"UserName", "p4"}, {"Path", "/a/b.c/"}});
  Err("ListUsers", {{"MaxItems", "0"}}, 400, "ValidationError");
  Err("ListUsers", {{"MaxItems", "1001"}}, 400, "ValidationError");
  Err("ListUsers", {{"MaxItems", "ten"}}, 400, "ValidationError");
  Ok("ListUsers", {{"MaxItems", "1000"}});
  Err("ListUsers", {{"Marker", "zz-not-ours"}}, 400, "ValidationError");
}

TEST_F(EmuStateUserTest, RequiredParametersAreCheckedBeforeLookups) {
  // AWS validates input first: a missing PolicyArn wins over an unknown user.
  Reply r = Err("AttachUserPolicy", {{"UserName", "no-such-user"}}, 400, "ValidationError");
  EXPECT_EQ(r.Message(),
            "1 validation error detected: Value null at 'policyArn' failed to satisfy "
            "constraint: Member must not be null");
  Err("TagUser", {{"UserName", "no-such-user"}}, 400, "ValidationError");  // Tags missing
  Err("TagUser",
      {{"UserName", "no-such-user"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}}, 404,
      "NoSuchEntity");
}

TEST_F(EmuStateUserTest, UnknownActionIsInvalidAction) {
  Reply r = Err("FrobnicateUser", {}, 400, "InvalidAction");
  EXPECT_EQ(r.Message(), "Could not find operation FrobnicateUser for version 2010-05-08");
  Reply s = Call("CreateUser", {{"UserName", "x"}}, "sts");
  EXPECT_EQ(s.status, 400);
  EXPECT_EQ(s.Code(), "InvalidAction");
}

TEST_F(EmuStateUserTest, PagingWithMaxItemsOneGivesEveryUserOnce) {
  constexpr int kUsers = 25;
  for (int i = 0; i < kUsers; ++i) Ok("CreateUser", {{"UserName", "user" + std::to_string(i)}});
  std::multiset<std::string> seen;
  std::string marker;
  int pages = 0;
  for (;;) {
    std::map<std::string, std::string> p = {{"MaxItems", "1"}};
    if (!marker.empty()) p["Marker"] = marker;
    Reply r = Ok("ListUsers", p);
    ++pages;
    EXPECT_EQ(Members(r.Node("ListUsersResult/Users")), 1);
    seen.insert(r.Text("ListUsersResult/Users/member/UserName"));
    if (r.Text("ListUsersResult/IsTruncated") == "false") {
      EXPECT_FALSE(r.Node("ListUsersResult/Marker")) << "no Marker on the last page";
      break;
    }
    marker = r.Text("ListUsersResult/Marker");
    ASSERT_FALSE(marker.empty());
    ASSERT_LT(pages, 100);
  }
  EXPECT_EQ(pages, kUsers);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kUsers));
  for (int i = 0; i < kUsers; ++i) EXPECT_EQ(seen.count("user" + std::to_string(i)), 1u);

  Reply all = Ok("ListUsers");
  EXPECT_EQ(Members(all.Node("ListUsersResult/Users")), kUsers);
  EXPECT_EQ(all.Text("ListUsersResult/IsTruncated"), "false");
}

TEST_F(EmuStateUserTest, ListUsersPathPrefix) {
  Ok("CreateUser", {{"UserName", "a"}, {"Path", "/eng/"}});
  Ok("CreateUser", {{"UserName", "b"}, {"Path", "/ops/"}});
  Reply r = Ok("ListUsers", {{"PathPrefix", "/eng"}});
  EXPECT_EQ(Members(r.Node("ListUsersResult/Users")), 1);
  EXPECT_EQ(r.Text("ListUsersResult/Users/member/UserName"), "a");
}

TEST_F(EmuStateUserTest, UpdateUserRenamesAndMoves) {
  Ok("CreateUser", {{"UserName", "old"}});
  Ok("CreateUser", {{"UserName", "other"}});
  Ok("CreateGroup", {{"GroupName", "g"}});
  Ok("AddUserToGroup", {{"GroupName", "g"}, {"UserName", "old"}});
  Err("UpdateUser", {{"UserName", "old"}, {"NewUserName", "OTHER"}}, 409, "EntityAlreadyExists");
  Err("UpdateUser", {{"UserName", "old"}, {"NewUserName", "bad name"}}, 400, "ValidationError");
  Ok("UpdateUser", {{"UserName", "old"}, {"NewUserName", "New"}, {"NewPath", "/x/"}});
  Err("GetUser", {{"UserName", "old"}}, 404, "NoSuchEntity");
  Reply r = Ok("GetUser", {{"UserName", "new"}});
  EXPECT_EQ(r.Text("GetUserResult/User/Arn"), "arn:aws:iam::123456789012:user/x/New");
  Reply g = Ok("GetGroup", {{"GroupName", "g"}});
  EXPECT_EQ(g.Text("GetGroupResult/Users/member/UserName"), "New");
  Ok("UpdateUser", {{"UserName", "new"}, {"NewUserName", "NEW"}});  // own name, other case
  EXPECT_EQ(Ok("GetUser", {{"UserName", "new"}}).Text("GetUserResult/User/UserName"), "NEW");
}

TEST_F(EmuStateUserTest, Tags) {
  Ok("CreateUser", {{"UserName", "t"}});
  Ok("TagUser", {{"UserName", "t"},
                 {"Tags.member.1.Key", "a"},
                 {"Tags.member.1.Value", "1"},
                 {"Tags.member.2.Key", "b"},
                 {"Tags.member.2.Value", "2"}});
  Ok("TagUser", {{"UserName", "t"}, {"Tags.member.1.Key", "a"}, {"Tags.member.1.Value", "9"}});
  Reply r = Ok("ListUserTags", {{"UserName", "t"}});
  EXPECT_EQ(Members(r.Node("ListUserTagsResult/Tags")), 2);
  EXPECT_EQ(r.Text("ListUserTagsResult/Tags/member/Value"), "9");
  Ok("UntagUser", {{"UserName", "t"}, {"TagKeys.member.1", "a"}});
  r = Ok("ListUserTags", {{"UserName", "t"}, {"MaxItems", "1"}});
  EXPECT_EQ(r.Text("ListUserTagsResult/Tags/member/Key"), "b");
  EXPECT_EQ(r.Text("ListUserTagsResult/IsTruncated"), "false");

  std::map<std::string, std::string> many = {{"UserName", "t"}};
  for (int i = 1; i <= 50; ++i) {
    many["Tags.member." + std::to_string(i) + ".Key"] = "k" + std::to_string(i);
    many["Tags.member." + std::to_string(i) + ".Value"] = "v";
  }
  Err("TagUser", many, 409, "LimitExceeded");  // 49 new + "b" = 51
  many.erase("Tags.member.50.Key");
  many.erase("Tags.member.50.Value");
  Ok("TagUser", many);  // 49 + "b" = 50
  Err("CreateUser",
      {{"UserName", "t2"},
       {"Tags.member.1.Key", std::string(129, 'k')},
       {"Tags.member.1.Value", "v"}},
      400, "ValidationError");
  Err("CreateUser",
      {{"UserName", "t3"},
       {"Tags.member.1.Key", "k"},
       {"Tags.member.1.Value", std::string(257, 'v')}},
      400, "ValidationError");
  Err("GetUser", {{"UserName", "t2"}}, 404, "NoSuchEntity");  // nothing half-created
}

TEST_F(EmuStateUserTest, PermissionsBoundary) {
  const std::string arn = "arn:aws:iam::aws:policy/PowerUserAccess";
  Ok("CreateUser", {{"UserName", "b"}, {"PermissionsBoundary", arn}});
  Reply r = Ok("GetUser", {{"UserName", "b"}});
  EXPECT_EQ(r.Text("GetUserResult/User/PermissionsBoundary/PermissionsBoundaryArn"), arn);
  EXPECT_EQ(r.Text("GetUserResult/User/PermissionsBoundary/PermissionsBoundaryType"),
            "PermissionsBoundaryPolicy");
  Ok("DeleteUserPermissionsBoundary", {{"UserName", "b"}});
  EXPECT_FALSE(Ok("GetUser", {{"UserName", "b"}}).Node("GetUserResult/User/PermissionsBoundary"));
  Ok("PutUserPermissionsBoundary", {{"UserName", "b"}, {"PermissionsBoundary", arn}});
  Err("PutUserPermissionsBoundary",
      {{"UserName", "b"}, {"PermissionsBoundary", "arn:aws:iam::aws:policy/Nope"}}, 404,
      "NoSuchEntity");
  Err("PutUserPermissionsBoundary",
      {{"UserName", "b"}, {"PermissionsBoundary", "arn:aws:iam::123456789012:nonsense/x"}}, 400,
      "InvalidInput");
}

TEST_F(EmuStateUserTest, LoginProfiles) {
  Ok("CreateUser", {{"UserName", "lp"}});
  Err("GetLoginProfile", {{"UserName", "lp"}}, 404, "NoSuchEntity");
  Reply c =
      Ok("CreateLoginProfile",
         {{"UserName", "lp"}, {"Password", "Str0ng!pass"}, {"PasswordResetRequired", "true"}});
  EXPECT_EQ(c.Text("CreateLoginProfileResult/LoginProfile/UserName"), "lp");
  EXPECT_EQ(c.Text("CreateLoginProfileResult/LoginProfile/PasswordResetRequired"), "true");
  EXPECT_EQ(c.body.find("Str0ng!pass"), std::string::npos);
  Err("CreateLoginProfile", {{"UserName", "lp"}, {"Password", "Str0ng!pass"}}, 409,
      "EntityAlreadyExists");
  Reply g = Ok("GetLoginProfile", {{"UserName", "LP"}});
  EXPECT_EQ(g.Text("GetLoginProfileResult/LoginProfile/PasswordResetRequired"), "true");
  EXPECT_EQ(g.Text("GetLoginProfileResult/LoginProfile/CreateDate"), "2027-01-15T08:00:00Z");
  Ok("UpdateLoginProfile", {{"UserName", "lp"}, {"PasswordResetRequired", "false"}});
  g = Ok("GetLoginProfile", {{"UserName", "lp"}});
  EXPECT_EQ(g.Text("GetLoginProfileResult/LoginProfile/PasswordResetRequired"), "false");
  Err("UpdateLoginProfile", {{"UserName", "lp"}, {"Password", "short"}}, 400,
      "PasswordPolicyViolation");
  Ok("DeleteLoginProfile", {{"UserName", "lp"}});
  Err("DeleteLoginProfile", {{"UserName", "lp"}}, 404, "NoSuchEntity");
  Err("CreateLoginProfile", {{"UserName", "ghost"}, {"Password", "Str0ng!pass"}}, 404,
      "NoSuchEntity");
}

TEST_F(EmuStateUserTest, DefaultPasswordPolicyNeedsEightCharsAndThreeKinds) {
  Ok("CreateUser", {{"UserName", "p"}});
  auto try_pw = [&](const std::string& pw) {
    return Call("CreateLoginProfile", {{"UserName", "p"}, {"Password", pw}});
  };
  EXPECT_EQ(try_pw("Ab1!").Code(), "PasswordPolicyViolation");       // too short
  EXPECT_EQ(try_pw("abcdefgh1").Code(), "PasswordPolicyViolation");  // two kinds
  Reply r = try_pw("abcdefgH1");                                     // three kinds
  EXPECT_EQ(r.status, 200) << r.body;
}

// Each thing a user can own blocks DeleteUser with DeleteConflict, until it is removed.
TEST_F(EmuStateUserTest, DeleteConflictForEveryAttachment) {
  struct Case {
    std::string name;
    std::string add_action;
    std::map<std::string, std::string> add;
    std::string remove_action;
    std::map<std::string, std::string> remove;
    std::string message;
  };
  Ok("CreateGroup", {{"GroupName", "grp"}});
  const std::string policy = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  const std::string cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  std::vector<Case> cases = {
      {"login",
       "CreateLoginProfile",
       {{"Password", "Str0ng!pass"}},
       "DeleteLoginProfile",
       {},
       "must delete login profile first"},
      {"inline",
       "PutUserPolicy",
       {{"PolicyName", "p"},
        {"PolicyDocument",
         R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})"}},
       "DeleteUserPolicy",
       {{"PolicyName", "p"}},
       "must delete policies first"},
      {"attached",
       "AttachUserPolicy",
       {{"PolicyArn", policy}},
       "DetachUserPolicy",
       {{"PolicyArn", policy}},
       "must detach all policies first"},
      {"group",
       "AddUserToGroup",
       {{"GroupName", "grp"}},
       "RemoveUserFromGroup",
       {{"GroupName", "grp"}},
       "must remove user from all groups first"},
      {"ssh",
       "UploadSSHPublicKey",
       {{"SSHPublicKeyBody", "ssh-rsa AAAAB3Nza test"}},
       "",
       {},
       "must delete SSH public keys first"},
      {"cert",
       "UploadSigningCertificate",
       {{"CertificateBody", cert}},
       "",
       {},
       "must delete signing certificates first"},
      {"svc",
       "CreateServiceSpecificCredential",
       {{"ServiceName", "codecommit.amazonaws.com"}},
       "",
       {},
       "must delete service specific credentials first"},
      {"key", "CreateAccessKey", {}, "", {}, "must delete access keys first"},
  };
  for (auto& c : cases) {
    SCOPED_TRACE(c.name);
    Ok("CreateUser", {{"UserName", c.name}});
    c.add["UserName"] = c.name;
    Reply added = Ok(c.add_action, c.add);
    Reply r = Err("DeleteUser", {{"UserName", c.name}}, 409, "DeleteConflict");
    EXPECT_EQ(r.Message(), "Cannot delete entity, " + c.message + ".");
    // Remove it (ids come from the add answer where needed).
    if (c.name == "ssh") {
      c.remove_action = "DeleteSSHPublicKey";
      c.remove["SSHPublicKeyId"] =
          added.Text("UploadSSHPublicKeyResult/SSHPublicKey/SSHPublicKeyId");
    } else if (c.name == "cert") {
      c.remove_action = "DeleteSigningCertificate";
      c.remove["CertificateId"] =
          added.Text("UploadSigningCertificateResult/Certificate/CertificateId");
    } else if (c.name == "svc") {
      c.remove_action = "DeleteServiceSpecificCredential";
      c.remove["ServiceSpecificCredentialId"] = added.Text(
          "CreateServiceSpecificCredentialResult/ServiceSpecificCredential/"
          "ServiceSpecificCredentialId");
    } else if (c.name == "key") {
      c.remove_action = "DeleteAccessKey";
      c.remove["AccessKeyId"] = added.Text("CreateAccessKeyResult/AccessKey/AccessKeyId");
    }
    c.remove["UserName"] = c.name;
    Ok(c.remove_action, c.remove);
    Ok("DeleteUser", {{"UserName", c.name}});
    Err("GetUser", {{"UserName", c.name}}, 404, "NoSuchEntity");
  }
}

TEST_F(EmuStateUserTest, DeleteConflictForMfaDevice) {
  Ok("CreateUser", {{"UserName", "m"}});
  Reply d = Ok("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "m-dev"}});
  std::string serial = d.Text("CreateVirtualMFADeviceResult/VirtualMFADevice/SerialNumber");
  Ok("EnableMFADevice", {{"UserName", "m"},
                         {"SerialNumber", serial},
                         {"AuthenticationCode1", "123456"},
                         {"AuthenticationCode2", "654321"}});
  Reply r = Err("DeleteUser", {{"UserName", "m"}}, 409, "DeleteConflict");
  EXPECT_EQ(r.Message(), "Cannot delete entity, must delete MFA device first.");
  Ok("DeactivateMFADevice", {{"UserName", "m"}, {"SerialNumber", serial}});
  Ok("DeleteUser", {{"UserName", "m"}});
}

}  // namespace
}  // namespace aic::emulator::state::testing
