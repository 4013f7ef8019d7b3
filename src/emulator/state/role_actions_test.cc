// Behaviour of the role and instance profile actions through IamBackend: AWS's messages,
// limits, DeleteConflict order, derived counts and sets, and persistence.
#include <unistd.h>

#include <filesystem>

#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kPolicyDoc =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";

class EmuRoleTest : public BackendTest {
 public:
  Reply CreateRole(const std::string& name, std::map<std::string, std::string> extra = {}) {
    extra["RoleName"] = name;
    extra["AssumeRolePolicyDocument"] = kTrust;
    return Ok("CreateRole", extra);
  }
  std::string CreatePolicy(const std::string& name) {
    Ok("CreatePolicy", {{"PolicyName", name}, {"PolicyDocument", kPolicyDoc}});
    return "arn:aws:iam::123456789012:policy/" + name;
  }
  std::string Count(const std::string& arn, const std::string& what) {
    return Ok("GetPolicy", {{"PolicyArn", arn}}).Text("GetPolicyResult/Policy/" + what);
  }
};

TEST_F(EmuRoleTest, CreateGetListDelete) {
  Reply c = CreateRole("Admin", {{"Path", "/ops/"}, {"Description", "hello"}});
  EXPECT_EQ(c.Text("CreateRoleResult/Role/Arn"), "arn:aws:iam::123456789012:role/ops/Admin");
  std::string id = c.Text("CreateRoleResult/Role/RoleId");
  EXPECT_EQ(id.size(), 21u);
  EXPECT_EQ(id.substr(0, 4), "AROA");
  // AWS's CreateRole answer has no MaxSessionDuration, RoleLastUsed or Description.
  EXPECT_FALSE(c.Node("CreateRoleResult/Role/MaxSessionDuration"));
  EXPECT_FALSE(c.Node("CreateRoleResult/Role/RoleLastUsed"));
  EXPECT_FALSE(c.Node("CreateRoleResult/Role/Description"));
  Reply g = Ok("GetRole", {{"RoleName", "admin"}});
  EXPECT_EQ(g.Text("GetRoleResult/Role/RoleId"), id);
  EXPECT_EQ(g.Text("GetRoleResult/Role/Description"), "hello");
  EXPECT_EQ(g.Text("GetRoleResult/Role/MaxSessionDuration"), "3600");
  EXPECT_TRUE(g.Node("GetRoleResult/Role/RoleLastUsed"));
  EXPECT_FALSE(g.Node("GetRoleResult/Role/RoleLastUsed").first_child());
  EXPECT_EQ(g.Text("GetRoleResult/Role/AssumeRolePolicyDocument").substr(0, 3), "%7B");
  Reply dup = Err("CreateRole", {{"RoleName", "ADMIN"}, {"AssumeRolePolicyDocument", kTrust}}, 409,
                  "EntityAlreadyExists");
  EXPECT_EQ(dup.Message(), "Role with name ADMIN already exists.");
  Reply l = Ok("ListRoles");
  EXPECT_EQ(Members(l.Node("ListRolesResult/Roles")), 1);
  EXPECT_EQ(l.Text("ListRolesResult/Roles/member/Description"), "hello");
  EXPECT_FALSE(l.Node("ListRolesResult/Roles/member/RoleLastUsed"));
  Ok("DeleteRole", {{"RoleName", "Admin"}});
  Reply gone = Err("GetRole", {{"RoleName", "Admin"}}, 404, "NoSuchEntity");
  EXPECT_EQ(gone.Message(), "The role with name Admin cannot be found.");
}

TEST_F(EmuRoleTest, ValidatesNameDurationDescriptionAndTags) {
  std::map<std::string, std::string> p = {{"RoleName", std::string(65, 'a')},
                                          {"AssumeRolePolicyDocument", kTrust}};
  EXPECT_NE(Err("CreateRole", p, 400, "ValidationError")
                .Message()
                .find("Member must have length less than or equal to 64"),
            std::string::npos);
  p["RoleName"] = "bad name";
  Err("CreateRole", p, 400, "ValidationError");
  p["RoleName"] = "r";
  p["MaxSessionDuration"] = "3599";
  EXPECT_NE(
      Err("CreateRole", p, 400, "ValidationError").Message().find("greater than or equal to 3600"),
      std::string::npos);
  p["MaxSessionDuration"] = "43201";
  Err("CreateRole", p, 400, "ValidationError");
  p["MaxSessionDuration"] = "43200";
  p["Description"] = "tab\there";
  Err("CreateRole", p, 400, "ValidationError");
  p["Description"] = std::string(1001, 'x');
  Err("CreateRole", p, 400, "ValidationError");
  p.erase("Description");
  for (int i = 1; i <= 51; ++i) {
    p["Tags.member." + std::to_string(i) + ".Key"] = "k" + std::to_string(i);
    p["Tags.member." + std::to_string(i) + ".Value"] = "v";
  }
  EXPECT_EQ(Err("CreateRole", p, 400, "ValidationError").Message(),
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member "
            "must have length less than or equal to 50");
  Err("GetRole", {{"RoleName", "r"}}, 404, "NoSuchEntity");  // nothing was created
}

TEST_F(EmuRoleTest, UpdateRoleAndDescription) {
  CreateRole("r", {{"Description", "one"}});
  Ok("UpdateRole", {{"RoleName", "r"}, {"MaxSessionDuration", "7200"}});
  Reply g = Ok("GetRole", {{"RoleName", "r"}});
  EXPECT_EQ(g.Text("GetRoleResult/Role/MaxSessionDuration"), "7200");
  EXPECT_EQ(g.Text("GetRoleResult/Role/Description"), "one");
  Reply d = Ok("UpdateRoleDescription", {{"RoleName", "r"}, {"Description", "two"}});
  EXPECT_EQ(d.Text("UpdateRoleDescriptionResult/Role/Description"), "two");
  EXPECT_FALSE(d.Node("UpdateRoleDescriptionResult/Role/MaxSessionDuration"));
  Err("UpdateRoleDescription", {{"RoleName", "r"}}, 400, "ValidationError");
  Err("UpdateRole", {{"RoleName", "nope"}}, 404, "NoSuchEntity");
  const std::string lambda_trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  Ok("UpdateAssumeRolePolicy", {{"RoleName", "r"}, {"PolicyDocument", lambda_trust}});
  EXPECT_EQ(Ok("GetRole", {{"RoleName", "r"}}).Text("GetRoleResult/Role/AssumeRolePolicyDocument"),
            "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%"
            "22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%"
            "22%3A%22sts%3AAssumeRole%22%7D%5D%7D");
  Err("UpdateAssumeRolePolicy", {{"RoleName", "r"}, {"PolicyDocument", "{"}}, 400,
      "MalformedPolicyDocument");
}

TEST_F(EmuRoleTest, DeleteConflictsInAwsOrder) {
  CreateRole("r");
  std::string arn = CreatePolicy("p");
  Ok("CreateInstanceProfile", {{"InstanceProfileName", "ip"}});
  Ok("AddRoleToInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  Ok("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "in"}, {"PolicyDocument", kPolicyDoc}});
  Ok("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  EXPECT_EQ(Err("DeleteRole", {{"RoleName", "r"}}, 409, "DeleteConflict").Message(),
            "Cannot delete entity, must remove roles from instance profile first.");
  EXPECT_EQ(Err("DeleteInstanceProfile", {{"InstanceProfileName", "ip"}}, 409, "DeleteConflict")
                .Message(),
            "Cannot delete entity, must remove roles from instance profile first.");
  Ok("RemoveRoleFromInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  EXPECT_EQ(Err("DeleteRole", {{"RoleName", "r"}}, 409, "DeleteConflict").Message(),
            "Cannot delete entity, must delete policies first.");
  Ok("DeleteRolePolicy", {{"RoleName", "r"}, {"PolicyName", "in"}});
  EXPECT_EQ(Err("DeleteRole", {{"RoleName", "r"}}, 409, "DeleteConflict").Message(),
            "Cannot delete entity, must detach all policies first.");
  EXPECT_EQ(Err("DeletePolicy", {{"PolicyArn", arn}}, 409, "DeleteConflict").Message(),
            "Cannot delete a policy attached to entities.");
  Ok("DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  Ok("DeleteRole", {{"RoleName", "r"}});
  Ok("DeletePolicy", {{"PolicyArn", arn}});
}

TEST_F(EmuRoleTest, ManagedPoliciesCountsAndLimit) {
  CreateRole("r");
  std::string arn = CreatePolicy("p0");
  Ok("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  Ok("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});  // no-op
  EXPECT_EQ(Count(arn, "AttachmentCount"), "1");
  Reply e = Ok("ListEntitiesForPolicy", {{"PolicyArn", arn}});
  EXPECT_EQ(e.Text("ListEntitiesForPolicyResult/PolicyRoles/member/RoleName"), "r");
  EXPECT_EQ(Members(Ok("ListEntitiesForPolicy", {{"PolicyArn", arn}, {"EntityFilter", "User"}})
                        .Node("ListEntitiesForPolicyResult/PolicyRoles")),
            0);
  for (int i = 1; i < 10; ++i) {
    Ok("AttachRolePolicy",
       {{"RoleName", "r"}, {"PolicyArn", CreatePolicy("p" + std::to_string(i))}});
  }
  EXPECT_EQ(Err("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", CreatePolicy("p10")}}, 409,
                "LimitExceeded")
                .Message(),
            "Cannot exceed quota for PoliciesPerRole: 10");
  EXPECT_EQ(Err("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", "nonsense-but-long-enough"}},
                400, "ValidationError")
                .Message(),
            "ARN nonsense-but-long-enough is not valid.");
  std::string missing = "arn:aws:iam::123456789012:policy/missing";
  EXPECT_EQ(
      Err("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", missing}}, 404, "NoSuchEntity")
          .Message(),
      "Policy " + missing + " does not exist or is not attachable.");
  EXPECT_EQ(
      Err("DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", missing}}, 404, "NoSuchEntity")
          .Message(),
      "Policy " + missing + " was not found.");
  Reply l = Ok("ListAttachedRolePolicies", {{"RoleName", "r"}, {"MaxItems", "4"}});
  EXPECT_EQ(Members(l.Node("ListAttachedRolePoliciesResult/AttachedPolicies")), 4);
  EXPECT_EQ(l.Text("ListAttachedRolePoliciesResult/IsTruncated"), "true");
  Ok("DetachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  EXPECT_EQ(Count(arn, "AttachmentCount"), "0");
}

TEST_F(EmuRoleTest, InlinePoliciesAndSizeQuota) {
  CreateRole("r");
  Ok("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "b"}, {"PolicyDocument", kPolicyDoc}});
  Ok("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "a"}, {"PolicyDocument", kPolicyDoc}});
  Reply l = Ok("ListRolePolicies", {{"RoleName", "r"}});
  EXPECT_EQ(l.Text("ListRolePoliciesResult/PolicyNames/member"), "a");
  Reply g = Ok("GetRolePolicy", {{"RoleName", "r"}, {"PolicyName", "b"}});
  EXPECT_EQ(g.Text("GetRolePolicyResult/RoleName"), "r");
  EXPECT_EQ(g.Text("GetRolePolicyResult/PolicyDocument").substr(0, 3), "%7B");
  EXPECT_EQ(Err("GetRolePolicy", {{"RoleName", "r"}, {"PolicyName", "zz"}}, 404, "NoSuchEntity")
                .Message(),
            "The role policy with name zz cannot be found.");
  std::string big =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::)" +
      std::string(10100, 'x') + R"("}]})";
  EXPECT_EQ(Err("PutRolePolicy", {{"RoleName", "r"}, {"PolicyName", "c"}, {"PolicyDocument", big}},
                409, "LimitExceeded")
                .Message(),
            "Maximum policy size of 10240 bytes exceeded for role r");
}

TEST_F(EmuRoleTest, PermissionsBoundaryCounts) {
  std::string arn = CreatePolicy("b");
  CreateRole("r", {{"PermissionsBoundary", arn}});
  EXPECT_EQ(Count(arn, "PermissionsBoundaryUsageCount"), "1");
  EXPECT_EQ(Ok("GetRole", {{"RoleName", "r"}})
                .Text("GetRoleResult/Role/PermissionsBoundary/PermissionsBoundaryArn"),
            arn);
  EXPECT_FALSE(Ok("ListRoles").Node("ListRolesResult/Roles/member/PermissionsBoundary"));
  Reply e = Ok("ListEntitiesForPolicy",
               {{"PolicyArn", arn}, {"PolicyUsageFilter", "PermissionsBoundary"}});
  EXPECT_EQ(e.Text("ListEntitiesForPolicyResult/PolicyRoles/member/RoleName"), "r");
  Err("DeletePolicy", {{"PolicyArn", arn}}, 409, "DeleteConflict");
  Ok("DeleteRolePermissionsBoundary", {{"RoleName", "r"}});
  EXPECT_EQ(Count(arn, "PermissionsBoundaryUsageCount"), "0");
  Ok("PutRolePermissionsBoundary", {{"RoleName", "r"}, {"PermissionsBoundary", arn}});
  EXPECT_EQ(Count(arn, "PermissionsBoundaryUsageCount"), "1");
  Ok("DeleteRole", {{"RoleName", "r"}});
  EXPECT_EQ(Count(arn, "PermissionsBoundaryUsageCount"), "0");
  EXPECT_EQ(Err("CreateRole",
                {{"RoleName", "x"},
                 {"AssumeRolePolicyDocument", kTrust},
                 {"PermissionsBoundary", "arn:aws:iam::123456789012:not_a_policy/x"}},
                400, "InvalidInput")
                .Message(),
            "ARN arn:aws:iam::123456789012:not_a_policy/x is not valid.");
  std::string missing = "arn:aws:iam::123456789012:policy/none";
  EXPECT_EQ(Err("PutRolePermissionsBoundary", {{"RoleName", "x"}, {"PermissionsBoundary", missing}},
                404, "NoSuchEntity")
                .Message(),
            "The role with name x cannot be found.");
}

TEST_F(EmuRoleTest, TagsOfRoles) {
  CreateRole("r", {{"Tags.member.1.Key", "a"}, {"Tags.member.1.Value", "1"}});
  Ok("TagRole", {{"RoleName", "r"}, {"Tags.member.1.Key", "A"}, {"Tags.member.1.Value", "2"}});
  Ok("TagRole", {{"RoleName", "r"}, {"Tags.member.1.Key", "b"}, {"Tags.member.1.Value", ""}});
  Reply t = Ok("ListRoleTags", {{"RoleName", "r"}});
  EXPECT_EQ(Members(t.Node("ListRoleTagsResult/Tags")), 2);
  EXPECT_EQ(t.Text("ListRoleTagsResult/Tags/member/Value"), "2");
  Err("TagRole", {{"RoleName", "r"}, {"Tags.member.1.Key", "bad!"}, {"Tags.member.1.Value", ""}},
      400, "ValidationError");
  Ok("UntagRole", {{"RoleName", "r"}, {"TagKeys.member.1", "A"}});
  EXPECT_EQ(Members(Ok("ListRoleTags", {{"RoleName", "r"}}).Node("ListRoleTagsResult/Tags")), 1);
  Err("UntagRole", {{"RoleName", "r"}}, 400, "ValidationError");
}

TEST_F(EmuRoleTest, ListRolesPagesAndFilters) {
  for (int i = 0; i < 5; ++i) {
    CreateRole("role" + std::to_string(i), {{"Path", i % 2 ? "/odd/" : "/"}});
  }
  Reply p1 = Ok("ListRoles", {{"MaxItems", "2"}});
  EXPECT_EQ(p1.Text("ListRolesResult/IsTruncated"), "true");
  Reply p2 = Ok("ListRoles", {{"Marker", p1.Text("ListRolesResult/Marker")}});
  EXPECT_EQ(Members(p2.Node("ListRolesResult/Roles")), 3);
  EXPECT_EQ(p2.Text("ListRolesResult/Roles/member/RoleName"), "role2");
  EXPECT_EQ(Members(Ok("ListRoles", {{"PathPrefix", "/odd/"}}).Node("ListRolesResult/Roles")), 2);
}

TEST_F(EmuRoleTest, ServiceLinkedRoles) {
  Reply c = Ok("CreateServiceLinkedRole", {{"AWSServiceName", "autoscaling.amazonaws.com"},
                                           {"CustomSuffix", "web"},
                                           {"Description", "d"}});
  EXPECT_EQ(c.Text("CreateServiceLinkedRoleResult/Role/RoleName"),
            "AWSServiceRoleForAutoScaling_web");
  EXPECT_EQ(c.Text("CreateServiceLinkedRoleResult/Role/Path"),
            "/aws-service-role/autoscaling.amazonaws.com/");
  EXPECT_EQ(c.Text("CreateServiceLinkedRoleResult/Role/Arn"),
            "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
            "AWSServiceRoleForAutoScaling_web");
  EXPECT_NE(c.Text("CreateServiceLinkedRoleResult/Role/AssumeRolePolicyDocument")
                .find("autoscaling.amazonaws.com"),
            std::string::npos);
  EXPECT_EQ(Err("CreateServiceLinkedRole",
                {{"AWSServiceName", "autoscaling.amazonaws.com"}, {"CustomSuffix", "web"}}, 400,
                "InvalidInput")
                .Message(),
            "Service role name AWSServiceRoleForAutoScaling_web has been taken in this account, "
            "please try a different suffix.");
  EXPECT_EQ(
      Err("CreateServiceLinkedRole",
          {{"AWSServiceName", "es.amazonaws.com"}, {"CustomSuffix", "x"}}, 400, "InvalidInput")
          .Message(),
      "Custom suffix is not allowed for es.amazonaws.com");
  Reply other =
      Ok("CreateServiceLinkedRole", {{"AWSServiceName", "my-thing.service.amazonaws.com"}});
  EXPECT_EQ(other.Text("CreateServiceLinkedRoleResult/Role/RoleName"),
            "AWSServiceRoleForMyThingService");
  const std::string name = "AWSServiceRoleForAutoScaling_web";
  EXPECT_EQ(Err("DeleteRole", {{"RoleName", name}}, 400, "UnmodifiableEntity").Message(),
            "Cannot perform the operation on the protected role '" + name +
                "' - this role is only modifiable by AWS");
  Err("PutRolePolicy", {{"RoleName", name}, {"PolicyName", "p"}, {"PolicyDocument", kPolicyDoc}},
      400, "UnmodifiableEntity");
  CreateRole("plain");
  Err("DeleteServiceLinkedRole", {{"RoleName", "plain"}}, 400, "InvalidInput");
  Reply d = Ok("DeleteServiceLinkedRole", {{"RoleName", name}});
  std::string task = d.Text("DeleteServiceLinkedRoleResult/DeletionTaskId");
  EXPECT_EQ(task.rfind("task/aws-service-role/autoscaling.amazonaws.com/" + name + "/", 0), 0u);
  Err("GetRole", {{"RoleName", name}}, 404, "NoSuchEntity");
  EXPECT_EQ(Ok("GetServiceLinkedRoleDeletionStatus", {{"DeletionTaskId", task}})
                .Text("GetServiceLinkedRoleDeletionStatusResult/Status"),
            "SUCCEEDED");
  Err("GetServiceLinkedRoleDeletionStatus", {{"DeletionTaskId", "nonsense"}}, 400, "InvalidInput");
}

TEST_F(EmuRoleTest, InstanceProfiles) {
  Reply c = Ok("CreateInstanceProfile", {{"InstanceProfileName", "Web"}, {"Path", "/p/"}});
  std::string id = c.Text("CreateInstanceProfileResult/InstanceProfile/InstanceProfileId");
  EXPECT_EQ(id.substr(0, 4), "AIPA");
  EXPECT_EQ(c.Text("CreateInstanceProfileResult/InstanceProfile/Arn"),
            "arn:aws:iam::123456789012:instance-profile/p/Web");
  EXPECT_FALSE(c.Node("CreateInstanceProfileResult/InstanceProfile/Tags"));
  EXPECT_EQ(
      Err("CreateInstanceProfile", {{"InstanceProfileName", "web"}}, 409, "EntityAlreadyExists")
          .Message(),
      "Instance Profile web already exists.");
  EXPECT_EQ(
      Err("GetInstanceProfile", {{"InstanceProfileName", "nope"}}, 404, "NoSuchEntity").Message(),
      "Instance Profile nope cannot be found.");
  Reply g = Ok("GetInstanceProfile", {{"InstanceProfileName", "web"}});
  EXPECT_TRUE(g.Node("GetInstanceProfileResult/InstanceProfile/Tags"));  // empty, as AWS
  CreateRole("r1");
  CreateRole("r2");
  Ok("AddRoleToInstanceProfile", {{"InstanceProfileName", "Web"}, {"RoleName", "r1"}});
  EXPECT_EQ(Err("AddRoleToInstanceProfile", {{"InstanceProfileName", "Web"}, {"RoleName", "r2"}},
                409, "LimitExceeded")
                .Message(),
            "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  EXPECT_EQ(Err("RemoveRoleFromInstanceProfile",
                {{"InstanceProfileName", "Web"}, {"RoleName", "r2"}}, 404, "NoSuchEntity")
                .Message(),
            "Role r2 in Instance Profile Web cannot be found.");
  g = Ok("GetInstanceProfile", {{"InstanceProfileName", "web"}});
  EXPECT_EQ(g.Text("GetInstanceProfileResult/InstanceProfile/Roles/member/RoleName"), "r1");
  EXPECT_FALSE(g.Node("GetInstanceProfileResult/InstanceProfile/Roles/member/MaxSessionDuration"));
  Reply f = Ok("ListInstanceProfilesForRole", {{"RoleName", "r1"}});
  EXPECT_EQ(Members(f.Node("ListInstanceProfilesForRoleResult/InstanceProfiles")), 1);
  EXPECT_EQ(Members(Ok("ListInstanceProfilesForRole", {{"RoleName", "r2"}})
                        .Node("ListInstanceProfilesForRoleResult/InstanceProfiles")),
            0);
  Ok("TagInstanceProfile",
     {{"InstanceProfileName", "Web"}, {"Tags.member.1.Key", "k"}, {"Tags.member.1.Value", "v"}});
  EXPECT_EQ(Ok("ListInstanceProfileTags", {{"InstanceProfileName", "Web"}})
                .Text("ListInstanceProfileTagsResult/Tags/member/Key"),
            "k");
  Ok("UntagInstanceProfile", {{"InstanceProfileName", "Web"}, {"TagKeys.member.1", "K"}});
  EXPECT_EQ(Members(Ok("ListInstanceProfileTags", {{"InstanceProfileName", "Web"}})
                        .Node("ListInstanceProfileTagsResult/Tags")),
            0);
  Reply sum = Ok("GetAccountSummary");
  int found = 0;
  for (auto e : sum.Node("GetAccountSummaryResult/SummaryMap").children("entry")) {
    std::string key = e.child("key").text().as_string();
    if (key == "Roles" || key == "InstanceProfiles") {
      ++found;
      EXPECT_EQ(std::string(e.child("value").text().as_string()), key == "Roles" ? "2" : "1");
    }
  }
  EXPECT_EQ(found, 2);
}

TEST_F(EmuRoleTest, RolesAndProfilesSurviveReopen) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("emu-roles-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "iam.db").string();
  Open(db);
  std::string arn = CreatePolicy("p");
  CreateRole("r", {{"PermissionsBoundary", arn}});
  Ok("AttachRolePolicy", {{"RoleName", "r"}, {"PolicyArn", arn}});
  Ok("CreateInstanceProfile", {{"InstanceProfileName", "ip"}});
  Ok("AddRoleToInstanceProfile", {{"InstanceProfileName", "ip"}, {"RoleName", "r"}});
  Open(db);
  EXPECT_EQ(Count(arn, "AttachmentCount"), "1");
  EXPECT_EQ(Count(arn, "PermissionsBoundaryUsageCount"), "1");
  Err("DeleteRole", {{"RoleName", "r"}}, 409, "DeleteConflict");
  EXPECT_EQ(Ok("GetInstanceProfile", {{"InstanceProfileName", "ip"}})
                .Text("GetInstanceProfileResult/InstanceProfile/Roles/member/RoleName"),
            "r");
  backend_.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace aic::emulator::state::testing
