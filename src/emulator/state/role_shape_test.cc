// Checks the XML of every role and instance profile action against the AWS model.
#include "emulator/state/shape_checker_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuRoleShapeTest = ShapeTest;

constexpr const char* kIdentity =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]})";
constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

TEST_F(EmuRoleShapeTest, RoleResponsesFollowTheModel) {
  const json model = LoadModel("iam");
  auto run = [&](const std::string& action, std::map<std::string, std::string> p = {}) {
    Reply r = Call(action, p);
    CheckAction(model, r, action);
    return r;
  };
  run("CreateRole", {{"RoleName", "r"},
                     {"AssumeRolePolicyDocument", kTrust},
                     {"Description", "d"},
                     {"Tags.member.1.Key", "k"},
                     {"Tags.member.1.Value", "v"},
                     {"PermissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"}});
  run("GetRole", {{"RoleName", "r"}});
  run("ListRoles", {{"MaxItems", "1"}});
  run("UpdateRole", {{"RoleName", "r"}, {"MaxSessionDuration", "7200"}});
  run("UpdateRoleDescription", {{"RoleName", "r"}, {"Description", "new"}});
  run("UpdateAssumeRolePolicy", {{"RoleName", "r"}, {"PolicyDocument", kTrust}});
  run("TagRole", {{"RoleName", "r"}, {"Tags.member.1.Key", "k2"}, {"Tags.member.1.Value", "v"}});
  run("ListRoleTags", {{"RoleName", "r"}});
  run("UntagRole", {{"RoleName", "r"}, {"TagKeys.member.1", "k2"}});
  run("CreateRole", {{"RoleName", "gone"}, {"AssumeRolePolicyDocument", kTrust}});
  run("DeleteRole", {{"RoleName", "gone"}});
  const std::string pol = "arn:aws:iam::123456789012:policy/p";
  run("CreatePolicy", {{"PolicyName", "p"}, {"PolicyDocument", kIdentity}});
  run("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "in"}, {"PolicyDocument", kIdentity}});
  run("GetRolePolicy", {{"RoleName", "r"}, {"PolicyName", "in"}});
  run("ListRolePolicies", {{"RoleName", "r"}});
  run("DeleteRolePolicy", {{"RoleName", "r"}, {"PolicyName", "in"}});
  run("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", pol}});
  run("ListAttachedRolePolicies", {{"RoleName", "r"}});
  run("ListEntitiesForPolicy", {{"PolicyArn", pol}, {"EntityFilter", "Role"}});
  run("CreateInstanceProfile", {{"InstanceProfileName", "ip"}});
  run("AddRoleToInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  run("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "in2"}, {"PolicyDocument", kIdentity}});
  Reply gaad = run("GetAccountAuthorizationDetails", {{"Filter.member.1", "Role"}});
  EXPECT_EQ(Members(gaad.Node("GetAccountAuthorizationDetailsResult/RoleDetailList")), 1);
  run("GetAccountSummary");
  run("DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", pol}});
  run("PutRolePermissionsBoundary", {{"RoleName", "r"}, {"PermissionsBoundary", pol}});
  run("DeleteRolePermissionsBoundary", {{"RoleName", "r"}});
  Reply slr = run("CreateServiceLinkedRole",
                  {{"AWSServiceName", "autoscaling.amazonaws.com"}, {"Description", "d"}});
  Reply task = run("DeleteServiceLinkedRole",
                   {{"RoleName", slr.Text("CreateServiceLinkedRoleResult/Role/RoleName")}});
  run("GetServiceLinkedRoleDeletionStatus",
      {{"DeletionTaskId", task.Text("DeleteServiceLinkedRoleResult/DeletionTaskId")}});
  EXPECT_EQ(checked_, 18);
}

TEST_F(EmuRoleShapeTest, InstanceProfileResponsesFollowTheModel) {
  const json model = LoadModel("iam");
  auto run = [&](const std::string& action, std::map<std::string, std::string> p = {}) {
    Reply r = Call(action, p);
    CheckAction(model, r, action);
    return r;
  };
  run("CreateRole", {{"RoleName", "r"}, {"AssumeRolePolicyDocument", kTrust}});
  run("CreateInstanceProfile", {{"InstanceProfileName", "ip"},
                                {"Path", "/x/"},
                                {"Tags.member.1.Key", "k"},
                                {"Tags.member.1.Value", "v"}});
  run("AddRoleToInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  run("GetInstanceProfile", {{"InstanceProfileName", "ip"}});
  run("ListInstanceProfiles");
  run("ListInstanceProfilesForRole", {{"RoleName", "r"}});
  run("TagInstanceProfile",
      {{"InstanceProfileName", "ip"}, {"Tags.member.1.Key", "k2"}, {"Tags.member.1.Value", "v"}});
  run("ListInstanceProfileTags", {{"InstanceProfileName", "ip"}});
  run("UntagInstanceProfile", {{"InstanceProfileName", "ip"}, {"TagKeys.member.1", "k2"}});
  run("RemoveRoleFromInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  run("DeleteInstanceProfile", {{"InstanceProfileName", "ip"}});
  EXPECT_EQ(checked_, 6);
}

}  // namespace
}  // namespace aic::emulator::state::testing
