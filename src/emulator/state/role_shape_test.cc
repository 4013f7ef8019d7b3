// Checks the XML of every role and instance profile action against the AWS model.
#include "emulator/state/shape_checker_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuRoleShapeTest = ShapeTest;

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
  EXPECT_EQ(checked_, 7);
}

}  // namespace
}  // namespace aic::emulator::state::testing
