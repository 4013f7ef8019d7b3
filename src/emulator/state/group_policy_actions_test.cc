#include <set>
#include <string>

#include "common/text_codec.h"
#include "emulator/state/backend_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateGroupPolicyTest = BackendTest;

constexpr const char* kDoc =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]})";
constexpr const char* kAdmin = "arn:aws:iam::aws:policy/AdministratorAccess";

// Collects the values at `item` of every page of `action` with MaxItems=1.
std::multiset<std::string> PageAll(BackendTest& t, const std::string& action,
                                   std::map<std::string, std::string> params,
                                   const std::string& list, const std::string& item) {
  std::multiset<std::string> seen;
  params["MaxItems"] = "1";
  for (int pages = 0; pages < 200; ++pages) {
    Reply r = t.Ok(action, params);
    for (auto m : r.Node(action + "Result/" + list).children("member")) {
      seen.insert(item.empty() ? m.text().as_string() : m.child(item.c_str()).text().as_string());
    }
    if (r.Text(action + "Result/IsTruncated") != "true") break;
    params["Marker"] = r.Text(action + "Result/Marker");
  }
  return seen;
}

using EmuStatePagingTest = BackendTest;

TEST_F(EmuStateGroupPolicyTest, SeedData) {
  Reply g = Ok("GetGroup", {{"GroupName", "demo-group"}});
  EXPECT_EQ(g.Text("GetGroupResult/Group/GroupId").substr(0, 4), "AGPA");
  Reply p = Ok("GetPolicy", {{"PolicyArn", "arn:aws:iam::aws:policy/IAMUserChangePassword"}});
  EXPECT_EQ(p.Text("GetPolicyResult/Policy/PolicyName"), "IAMUserChangePassword");
  for (const char* name :
       {"AdministratorAccess", "ReadOnlyAccess", "IAMReadOnlyAccess", "PowerUserAccess"}) {
    Ok("GetPolicy", {{"PolicyArn", std::string("arn:aws:iam::aws:policy/") + name}});
  }
  Reply l = Ok("ListPolicies", {{"Scope", "AWS"}});
  EXPECT_EQ(Members(l.Node("ListPoliciesResult/Policies")), 5);
}

TEST_F(EmuStateGroupPolicyTest, GroupsAndMembership) {
  Reply c = Ok("CreateGroup", {{"GroupName", "Dev"}, {"Path", "/eng/"}});
  EXPECT_EQ(c.Text("CreateGroupResult/Group/Arn"), "arn:aws:iam::123456789012:group/eng/Dev");
  Err("CreateGroup", {{"GroupName", "dev"}}, 409, "EntityAlreadyExists");
  Ok("CreateUser", {{"UserName", "u1"}});
  Ok("CreateUser", {{"UserName", "u2"}});
  Ok("AddUserToGroup", {{"GroupName", "dev"}, {"UserName", "U1"}});
  Ok("AddUserToGroup", {{"GroupName", "Dev"}, {"UserName", "u2"}});
  Ok("AddUserToGroup", {{"GroupName", "Dev"}, {"UserName", "u2"}});  // idempotent
  Err("AddUserToGroup", {{"GroupName", "Nope"}, {"UserName", "u2"}}, 404, "NoSuchEntity");
  Reply g = Ok("GetGroup", {{"GroupName", "Dev"}});
  EXPECT_EQ(Members(g.Node("GetGroupResult/Users")), 2);
  Reply fu = Ok("ListGroupsForUser", {{"UserName", "u1"}});
  EXPECT_EQ(fu.Text("ListGroupsForUserResult/Groups/member/GroupName"), "Dev");
  Reply d = Err("DeleteGroup", {{"GroupName", "Dev"}}, 409, "DeleteConflict");
  EXPECT_EQ(d.Message(), "Cannot delete entity, must remove users from group first.");
  Ok("RemoveUserFromGroup", {{"GroupName", "Dev"}, {"UserName", "u1"}});
  Err("RemoveUserFromGroup", {{"GroupName", "Dev"}, {"UserName", "u1"}}, 404, "NoSuchEntity");
  Ok("RemoveUserFromGroup", {{"GroupName", "Dev"}, {"UserName", "u2"}});
  Ok("UpdateGroup", {{"GroupName", "Dev"}, {"NewGroupName", "Developers"}});
  Err("GetGroup", {{"GroupName", "Dev"}}, 404, "NoSuchEntity");
  Ok("AttachGroupPolicy", {{"GroupName", "developers"}, {"PolicyArn", kAdmin}});
  Err("DeleteGroup", {{"GroupName", "Developers"}}, 409, "DeleteConflict");
  Ok("DetachGroupPolicy", {{"GroupName", "developers"}, {"PolicyArn", kAdmin}});
  Ok("PutGroupPolicy",
     {{"GroupName", "Developers"}, {"PolicyName", "inl"}, {"PolicyDocument", kDoc}});
  Err("DeleteGroup", {{"GroupName", "Developers"}}, 409, "DeleteConflict");
  Ok("DeleteGroupPolicy", {{"GroupName", "Developers"}, {"PolicyName", "inl"}});
  Ok("DeleteGroup", {{"GroupName", "Developers"}});
  Err("DeleteGroup", {{"GroupName", "Developers"}}, 404, "NoSuchEntity");
}

TEST_F(EmuStateGroupPolicyTest, GroupsPerUserLimit) {
  Ok("CreateUser", {{"UserName", "joiner"}});
  for (int i = 0; i < 11; ++i) Ok("CreateGroup", {{"GroupName", "g" + std::to_string(i)}});
  for (int i = 0; i < 10; ++i) {
    Ok("AddUserToGroup", {{"GroupName", "g" + std::to_string(i)}, {"UserName", "joiner"}});
  }
  Reply r =
      Err("AddUserToGroup", {{"GroupName", "g10"}, {"UserName", "joiner"}}, 409, "LimitExceeded");
  EXPECT_EQ(r.Message(), "Cannot exceed quota for GroupsPerUser: 10");
}

TEST_F(EmuStateGroupPolicyTest, ManagedPolicyLifecycle) {
  Reply c = Ok("CreatePolicy",
               {{"PolicyName", "S3Read"}, {"PolicyDocument", kDoc}, {"Description", "read s3"}});
  const std::string arn = "arn:aws:iam::123456789012:policy/S3Read";
  EXPECT_EQ(c.Text("CreatePolicyResult/Policy/Arn"), arn);
  EXPECT_EQ(c.Text("CreatePolicyResult/Policy/PolicyId").substr(0, 4), "ANPA");
  EXPECT_EQ(c.Text("CreatePolicyResult/Policy/DefaultVersionId"), "v1");
  Err("CreatePolicy", {{"PolicyName", "s3read"}, {"PolicyDocument", kDoc}}, 409,
      "EntityAlreadyExists");
  Err("CreatePolicy", {{"PolicyName", "bad"}, {"PolicyDocument", "{not json"}}, 400,
      "MalformedPolicyDocument");
  Err("GetPolicy", {{"PolicyArn", "arn:aws:iam::123456789012:policy/Nope"}}, 404, "NoSuchEntity");
  Err("GetPolicy", {{"PolicyArn", "not-an-arn-of-twenty-chars"}}, 400, "InvalidInput");

  Reply v2 = Ok("CreatePolicyVersion",
                {{"PolicyArn", arn}, {"PolicyDocument", kDoc}, {"SetAsDefault", "true"}});
  EXPECT_EQ(v2.Text("CreatePolicyVersionResult/PolicyVersion/VersionId"), "v2");
  EXPECT_EQ(v2.Text("CreatePolicyVersionResult/PolicyVersion/IsDefaultVersion"), "true");
  for (int i = 3; i <= 5; ++i)
    Ok("CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", kDoc}});
  Err("CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", kDoc}}, 409, "LimitExceeded");
  Reply gv = Ok("GetPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v1"}});
  EXPECT_EQ(gv.Text("GetPolicyVersionResult/PolicyVersion/Document"), text::PercentEncode(kDoc));
  EXPECT_EQ(gv.Text("GetPolicyVersionResult/PolicyVersion/IsDefaultVersion"), "false");
  Reply lv = Ok("ListPolicyVersions", {{"PolicyArn", arn}});
  EXPECT_EQ(Members(lv.Node("ListPolicyVersionsResult/Versions")), 5);
  Err("DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v2"}}, 409, "DeleteConflict");
  Err("DeletePolicy", {{"PolicyArn", arn}}, 409, "DeleteConflict");  // versions left
  Ok("SetDefaultPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v1"}});
  for (const char* v : {"v2", "v3", "v4", "v5"}) {
    Ok("DeletePolicyVersion", {{"PolicyArn", arn}, {"VersionId", v}});
  }
  Err("GetPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v9"}}, 404, "NoSuchEntity");

  Ok("CreateUser", {{"UserName", "u"}});
  Ok("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", arn}});
  EXPECT_EQ(Ok("GetPolicy", {{"PolicyArn", arn}}).Text("GetPolicyResult/Policy/AttachmentCount"),
            "1");
  Reply e = Ok("ListEntitiesForPolicy", {{"PolicyArn", arn}});
  EXPECT_EQ(e.Text("ListEntitiesForPolicyResult/PolicyUsers/member/UserName"), "u");
  Reply del = Err("DeletePolicy", {{"PolicyArn", arn}}, 409, "DeleteConflict");
  Ok("DetachUserPolicy", {{"UserName", "u"}, {"PolicyArn", arn}});
  Err("DetachUserPolicy", {{"UserName", "u"}, {"PolicyArn", arn}}, 404, "NoSuchEntity");
  Ok("DeletePolicy", {{"PolicyArn", arn}});
  Err("GetPolicy", {{"PolicyArn", arn}}, 404, "NoSuchEntity");
}

TEST_F(EmuStateGroupPolicyTest, PolicyTags) {
  Reply c = Ok("CreatePolicy", {{"PolicyName", "tagged"},
                                {"PolicyDocument", kDoc},
                                {"Tags.member.1.Key", "owner"},
                                {"Tags.member.1.Value", "iam"}});
  const std::string arn = c.Text("CreatePolicyResult/Policy/Arn");
  EXPECT_EQ(c.Text("CreatePolicyResult/Policy/Tags/member/Key"), "owner");
  Ok("TagPolicy",
     {{"PolicyArn", arn}, {"Tags.member.1.Key", "tier"}, {"Tags.member.1.Value", "gold"}});
  Reply l = Ok("ListPolicyTags", {{"PolicyArn", arn}});
  EXPECT_EQ(Members(l.Node("ListPolicyTagsResult/Tags")), 2);
  Ok("UntagPolicy", {{"PolicyArn", arn}, {"TagKeys.member.1", "owner"}});
  l = Ok("ListPolicyTags", {{"PolicyArn", arn}});
  EXPECT_EQ(Members(l.Node("ListPolicyTagsResult/Tags")), 1);
  EXPECT_EQ(l.Text("ListPolicyTagsResult/Tags/member/Key"), "tier");
  Err("ListPolicyTags", {{"PolicyArn", "arn:aws:iam::123456789012:policy/ghost"}}, 404,
      "NoSuchEntity");
  Err("TagPolicy", {{"PolicyArn", arn}}, 400, "ValidationError");
}

TEST_F(EmuStateGroupPolicyTest, AttachLimitsAndAwsManagedPolicies) {
  Ok("CreateUser", {{"UserName", "u"}});
  Ok("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", kAdmin}});
  Ok("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", kAdmin}});  // idempotent
  Err("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::aws:policy/Nope"}}, 404,
      "NoSuchEntity");
  Err("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::123456789012:bad/x"}},
      400, "InvalidInput");
  for (int i = 0; i < 9; ++i) {
    std::string name = "p" + std::to_string(i);
    Ok("CreatePolicy", {{"PolicyName", name}, {"PolicyDocument", kDoc}});
    Ok("AttachUserPolicy",
       {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/" + name}});
  }
  Ok("CreatePolicy", {{"PolicyName", "p9"}, {"PolicyDocument", kDoc}});
  Reply r = Err("AttachUserPolicy",
                {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/p9"}}, 409,
                "LimitExceeded");
  EXPECT_EQ(r.Message(), "Cannot exceed quota for PoliciesPerUser: 10");
  Reply l = Ok("ListAttachedUserPolicies", {{"UserName", "u"}});
  EXPECT_EQ(Members(l.Node("ListAttachedUserPoliciesResult/AttachedPolicies")), 10);
  EXPECT_EQ(l.Text("ListAttachedUserPoliciesResult/AttachedPolicies/member/PolicyArn"), kAdmin);
}

TEST_F(EmuStateGroupPolicyTest, InlinePolicies) {
  Ok("CreateUser", {{"UserName", "u"}});
  Err("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}, {"PolicyDocument", "[1,2"}}, 400,
      "MalformedPolicyDocument");
  Ok("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}, {"PolicyDocument", kDoc}});
  Reply g = Ok("GetUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}});
  EXPECT_EQ(g.Text("GetUserPolicyResult/UserName"), "u");
  EXPECT_EQ(g.Text("GetUserPolicyResult/PolicyDocument"), text::PercentEncode(kDoc));
  EXPECT_NE(g.Text("GetUserPolicyResult/PolicyDocument").find("%22Version%22%3A"),
            std::string::npos);
  Reply l = Ok("ListUserPolicies", {{"UserName", "u"}});
  EXPECT_EQ(l.Text("ListUserPoliciesResult/PolicyNames/member"), "p");
  Ok("DeleteUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}});
  Reply e = Err("GetUserPolicy", {{"UserName", "u"}, {"PolicyName", "p"}}, 404, "NoSuchEntity");
  EXPECT_EQ(e.Message(), "The user policy with name p cannot be found.");
  Ok("CreateGroup", {{"GroupName", "g"}});
  Ok("PutGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "gp"}, {"PolicyDocument", kDoc}});
  EXPECT_EQ(Ok("GetGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "gp"}})
                .Text("GetGroupPolicyResult/PolicyDocument"),
            text::PercentEncode(kDoc));
  EXPECT_EQ(Ok("ListGroupPolicies", {{"GroupName", "g"}})
                .Text("ListGroupPoliciesResult/PolicyNames/member"),
            "gp");
}

TEST_F(EmuStatePagingTest, EveryListPagesEachEntityOnce) {
  Ok("CreateUser", {{"UserName", "u"}});
  for (int i = 0; i < 7; ++i) {
    std::string n = std::to_string(i);
    Ok("CreateGroup", {{"GroupName", "grp" + n}});
    Ok("AddUserToGroup", {{"GroupName", "grp" + n}, {"UserName", "u"}});
    Ok("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "inl" + n}, {"PolicyDocument", kDoc}});
    Ok("CreatePolicy", {{"PolicyName", "pol" + n}, {"PolicyDocument", kDoc}});
    Ok("AttachUserPolicy",
       {{"UserName", "u"}, {"PolicyArn", "arn:aws:iam::123456789012:policy/pol" + n}});
    Ok("CreateUser", {{"UserName", "member" + n}});
    Ok("AddUserToGroup", {{"GroupName", "grp0"}, {"UserName", "member" + n}});
  }
  EXPECT_EQ(PageAll(*this, "ListGroups", {}, "Groups", "GroupName").size(), 8u);  // + demo
  auto groups = PageAll(*this, "ListGroupsForUser", {{"UserName", "u"}}, "Groups", "GroupName");
  EXPECT_EQ(groups.size(), 7u);
  EXPECT_EQ(std::set<std::string>(groups.begin(), groups.end()).size(), 7u);
  EXPECT_EQ(PageAll(*this, "ListUserPolicies", {{"UserName", "u"}}, "PolicyNames", "").size(), 7u);
  EXPECT_EQ(PageAll(*this, "ListAttachedUserPolicies", {{"UserName", "u"}}, "AttachedPolicies",
                    "PolicyName")
                .size(),
            7u);
  auto local = PageAll(*this, "ListPolicies", {{"Scope", "Local"}}, "Policies", "PolicyName");
  EXPECT_EQ(std::set<std::string>(local.begin(), local.end()).size(), 7u);
  EXPECT_EQ(local.size(), 7u);
  auto members = PageAll(*this, "GetGroup", {{"GroupName", "grp0"}}, "Users", "UserName");
  EXPECT_EQ(members.size(), 8u);
  EXPECT_EQ(std::set<std::string>(members.begin(), members.end()).size(), 8u);
}

}  // namespace
}  // namespace aic::emulator::state::testing
