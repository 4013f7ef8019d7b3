// Behaviour of the role and instance profile actions through IamBackend.
#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

class EmuRoleTest : public BackendTest {
 public:
  Reply CreateRole(const std::string& name, std::map<std::string, std::string> extra = {}) {
    extra["RoleName"] = name;
    extra["AssumeRolePolicyDocument"] = kTrust;
    return Ok("CreateRole", extra);
  }
};

TEST_F(EmuRoleTest, CreateGetListDelete) {
  Reply c = CreateRole("Admin", {{"Path", "/ops/"}});
  EXPECT_EQ(c.Text("CreateRoleResult/Role/Arn"), "arn:aws:iam::123456789012:role/ops/Admin");
  std::string id = c.Text("CreateRoleResult/Role/RoleId");
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(id.substr(0, 4), "AROA");
  EXPECT_FALSE(c.Node("CreateRoleResult/Role/MaxSessionDuration"));
  EXPECT_FALSE(c.Node("CreateRoleResult/Role/RoleLastUsed"));
  Reply g = Ok("GetRole", {{"RoleName", "admin"}});
  EXPECT_EQ(g.Text("GetRoleResult/Role/RoleId"), id);
  EXPECT_EQ(g.Text("GetRoleResult/Role/MaxSessionDuration"), "3600");
  EXPECT_TRUE(g.Node("GetRoleResult/Role/RoleLastUsed"));
  EXPECT_EQ(g.Text("GetRoleResult/Role/AssumeRolePolicyDocument").substr(0, 3), "%7B");
  Reply dup = Err("CreateRole", {{"RoleName", "ADMIN"}, {"AssumeRolePolicyDocument", kTrust}}, 409,
                  "EntityAlreadyExists");
  EXPECT_EQ(dup.Message(), "Role with name ADMIN already exists.");
  Reply l = Ok("ListRoles");
  EXPECT_EQ(Members(l.Node("ListRolesResult/Roles")), 1);
  EXPECT_FALSE(l.Node("ListRolesResult/Roles/member/RoleLastUsed"));
  Ok("DeleteRole", {{"RoleName", "Admin"}});
  Reply gone = Err("GetRole", {{"RoleName", "Admin"}}, 404, "NoSuchEntity");
  EXPECT_EQ(gone.Message(), "The role with name Admin cannot be found.");
}

}  // namespace
}  // namespace aic::emulator::state::testing
