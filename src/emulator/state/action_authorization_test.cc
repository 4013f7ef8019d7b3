// RequiredPermissions against AWS's service authorization reference for IAM and STS
// (list_awsidentityandaccessmanagementiam.html, list_awssecuritytokenservice.html; the rows
// cited as "ref: Action: resource [keys]"), on a hand-built IamState.
#include "emulator/state/action_authorization.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "emulator/state/iam_store.h"

namespace aic::emulator::state {
namespace {

using Params = std::map<std::string, std::string>;
using Values = std::vector<std::string>;

constexpr const char* kAccount = "123456789012";

class ActionAuthorizationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    User alice;
    alice.id = "AIDAALICE";
    alice.name = "alice";
    alice.path = "/division/";
    alice.tags = {{"Dept", "Eng"}, {"team", "core"}};
    alice.boundary_arn = "arn:aws:iam::123456789012:policy/Boundary";
    alice.service_credentials.push_back(
        {"ACCAEXAMPLE", "codecommit.amazonaws.com", "alice-at", "Active", 0});
    AccessKey key;
    key.id = "AKIAALICEKEY";
    alice.access_keys.push_back(key);
    st_.users.emplace("alice", alice);
    User bob;
    bob.id = "AIDABOB";
    bob.name = "Bob";
    st_.users.emplace("bob", bob);

    Group g;
    g.id = "AGPADEVS";
    g.name = "devs";
    g.path = "/eng/";
    st_.groups.emplace("devs", g);

    Role r;
    r.id = "AROAAPP";
    r.name = "app";
    r.path = "/service/";
    r.tags = {{"Env", "prod"}};
    r.boundary_arn = "arn:aws:iam::123456789012:policy/RoleBoundary";
    st_.roles.emplace("app", r);

    ManagedPolicy p;
    p.arn = "arn:aws:iam::123456789012:policy/ops/Deploy";
    p.name = "Deploy";
    p.path = "/ops/";
    p.tags = {{"Owner", "ops"}};
    st_.policies.emplace(p.arn, p);

    InstanceProfile ip;
    ip.id = "AIPAWEB";
    ip.name = "web";
    ip.path = "/ec2/";
    ip.tags = {{"Tier", "web"}};
    st_.instance_profiles.emplace("web", ip);

    ServerCertificate c;
    c.name = "site";
    c.path = "/lb/";
    c.tags = {{"Cert", "tls"}};
    st_.server_certificates.emplace("site", c);

    VirtualMfaDevice mfa;
    mfa.serial = "arn:aws:iam::123456789012:mfa/alice-phone";
    mfa.tags = {{"Kind", "phone"}};
    st_.mfa_devices.emplace(mfa.serial, mfa);

    OidcProvider oidc;
    oidc.arn = "arn:aws:iam::123456789012:oidc-provider/token.example.com";
    oidc.tags = {{"Idp", "oidc"}};
    st_.oidc_providers.emplace(oidc.arn, oidc);

    SamlProvider saml;
    saml.arn = "arn:aws:iam::123456789012:saml-provider/Corp";
    saml.tags = {{"Idp", "saml"}};
    st_.saml_providers.emplace(saml.arn, saml);

    st_.RebuildDerived();
    caller_.user_id = "AIDAALICE";
    caller_.arn = "arn:aws:iam::123456789012:user/division/alice";
    caller_.account_id = kAccount;
  }

  std::vector<RequiredPermission> Required(const std::string& service, const std::string& action,
                                           Params params = {},
                                           const std::string& region = "us-east-1") {
    ActionRequest req;
    req.service = service;
    req.action = action;
    params["Action"] = action;
    req.params = std::move(params);
    req.caller = caller_;
    req.region = region;
    Ctx ctx{req, st_, dirty_, account_, 0};
    return RequiredPermissions(ctx);
  }
  // The one permission of an IAM request.
  RequiredPermission One(const std::string& action, Params params = {},
                         const std::string& region = "us-east-1") {
    auto perms = Required("iam", action, std::move(params), region);
    EXPECT_EQ(perms.size(), 1u) << action;
    return perms.empty() ? RequiredPermission{} : perms[0];
  }

  IamState st_;
  Dirty dirty_;
  std::string account_ = kAccount;
  Caller caller_;
};

std::set<std::string> KeyNames(const RequiredPermission& p) {
  std::set<std::string> names;
  for (const auto& [k, v] : p.keys) names.insert(k);
  return names;
}

// ---- coverage ----

TEST_F(ActionAuthorizationTest, EveryModelOperationHasARow) {
  std::set<std::pair<std::string, std::string>> table;
  for (const auto& op : AuthorizedOperations()) table.emplace(op.service, op.api);
  std::size_t model_ops = 0;
  for (const std::string service : {"iam", "sts"}) {
    std::ifstream in(std::string(AIC_TESTDATA_DIR) + "/aws-models/" + service + "/service-2.json");
    ASSERT_TRUE(in) << service;
    nlohmann::json model = nlohmann::json::parse(in);
    for (const auto& [op, _] : model.at("operations").items()) {
      ++model_ops;
      EXPECT_TRUE(table.count({service, op})) << service << ":" << op << " has no row";
    }
  }
  EXPECT_EQ(model_ops, 166u);  // 158 IAM (the two Simulate* included) + 8 STS
  EXPECT_EQ(table.size(), model_ops);
}

TEST_F(ActionAuthorizationTest, EveryRowYieldsItsOwnActionFirst) {
  const std::set<std::string> unauthenticated = {"sts:AssumeRoleWithSAML",
                                                 "sts:AssumeRoleWithWebIdentity",
                                                 "sts:GetCallerIdentity", "sts:GetSessionToken"};
  for (const auto& op : AuthorizedOperations()) {
    std::string action = std::string(op.service) + ":" + std::string(op.api);
    auto perms = Required(std::string(op.service), std::string(op.api));
    if (unauthenticated.count(action)) {
      EXPECT_TRUE(perms.empty()) << action;
      continue;
    }
    ASSERT_FALSE(perms.empty()) << action;
    EXPECT_EQ(perms[0].action, action);
    EXPECT_FALSE(perms[0].resource.empty()) << action;
  }
}

TEST_F(ActionAuthorizationTest, UnknownActionIsItsOwnNameOnAnyResource) {
  auto perms = Required("iam", "FrobnicateUser");
  ASSERT_EQ(perms.size(), 1u);
  EXPECT_EQ(perms[0].action, "iam:FrobnicateUser");
  EXPECT_EQ(perms[0].resource, "*");
}

// ---- users ----

// ref: GetUser: user* [aws:ResourceTag, iam:ResourceTag]
TEST_F(ActionAuthorizationTest, UserArnCarriesThePathAndBothResourceTagKeys) {
  auto p = One("GetUser", {{"UserName", "alice"}});
  EXPECT_EQ(p.action, "iam:GetUser");
  EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:user/division/alice");
  EXPECT_EQ(p.keys["aws:resourcetag/dept"], Values{"Eng"});
  EXPECT_EQ(p.keys["iam:resourcetag/dept"], Values{"Eng"});
  EXPECT_EQ(p.keys["aws:resourcetag/team"], Values{"core"});
  EXPECT_EQ(p.keys.count("iam:permissionsboundary"), 0u);  // not a GetUser key
}

TEST_F(ActionAuthorizationTest, UserNamesAreCaseInsensitiveTheArnKeepsTheStoredName) {
  EXPECT_EQ(One("GetUser", {{"UserName", "BOB"}}).resource, "arn:aws:iam::123456789012:user/Bob");
}

TEST_F(ActionAuthorizationTest, MissingUserStillHasAnArnAtTheRootPath) {
  auto p = One("DeleteUser", {{"UserName", "ghost"}});
  EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:user/ghost");
  EXPECT_TRUE(p.keys.empty());
}

// ref: GetUser/ListAccessKeys/ChangePassword: user*; UserName absent = the caller.
TEST_F(ActionAuthorizationTest, MissingUserNameMeansTheCallingUser) {
  const std::string self = "arn:aws:iam::123456789012:user/division/alice";
  EXPECT_EQ(One("GetUser").resource, self);
  EXPECT_EQ(One("ListAccessKeys").resource, self);
  EXPECT_EQ(One("CreateAccessKey").resource, self);
  EXPECT_EQ(One("ListMFADevices").resource, self);
  EXPECT_EQ(One("ListSigningCertificates").resource, self);
  auto change = One("ChangePassword", {{"OldPassword", "a"}, {"NewPassword", "b"}});
  EXPECT_EQ(change.action, "iam:ChangePassword");
  EXPECT_EQ(change.resource, self);
  EXPECT_EQ(change.keys["iam:resourcetag/team"], Values{"core"});
}

TEST_F(ActionAuthorizationTest, NonUserCallerWithoutUserNameUsesItsOwnArn) {
  caller_.user_id = "AROAAPP:session";
  caller_.arn = "arn:aws:sts::123456789012:assumed-role/app/session";
  EXPECT_EQ(One("GetUser").resource, "arn:aws:sts::123456789012:assumed-role/app/session");
}

// ref: CreateUser: user* [aws:RequestTag, aws:TagKeys, iam:PermissionsBoundary, ...]
TEST_F(ActionAuthorizationTest, CreateUserUsesThePathParameterAndRequestTags) {
  auto perms = Required("iam", "CreateUser",
                        {{"UserName", "carol"},
                         {"Path", "/contractors/"},
                         {"PermissionsBoundary", "arn:aws:iam::123456789012:policy/B"},
                         {"Tags.member.1.Key", "CostCenter"},
                         {"Tags.member.1.Value", "42"},
                         {"Tags.member.2.Key", "Team"},
                         {"Tags.member.2.Value", ""}});
  ASSERT_EQ(perms.size(), 2u);
  EXPECT_EQ(perms[0].action, "iam:CreateUser");
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:user/contractors/carol");
  EXPECT_EQ(perms[0].keys["aws:requesttag/costcenter"], Values{"42"});
  EXPECT_EQ(perms[0].keys["aws:requesttag/team"], Values{""});
  EXPECT_EQ(perms[0].keys["aws:tagkeys"], (Values{"CostCenter", "Team"}));
  EXPECT_EQ(perms[0].keys["iam:permissionsboundary"], Values{"arn:aws:iam::123456789012:policy/B"});
  // Tag-on-create also needs iam:TagUser on the new user (ref: TagUser: user* [aws:RequestTag,
  // aws:TagKeys]; openshift/installer#1073 shows AWS asking for iam:TagRole on CreateRole).
  EXPECT_EQ(perms[1].action, "iam:TagUser");
  EXPECT_EQ(perms[1].resource, perms[0].resource);
  EXPECT_EQ(perms[1].keys["aws:tagkeys"], (Values{"CostCenter", "Team"}));
  EXPECT_EQ(perms[1].keys.count("iam:permissionsboundary"), 0u);
}

TEST_F(ActionAuthorizationTest, CreateUserWithoutTagsNeedsOnlyCreateUser) {
  auto p = One("CreateUser", {{"UserName", "dave"}});
  EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:user/dave");
  EXPECT_TRUE(p.keys.empty());
}

// ref: AttachUserPolicy: user* [iam:PermissionsBoundary, iam:PolicyARN, *ResourceTag]
TEST_F(ActionAuthorizationTest, AttachUserPolicyCarriesPolicyArnAndTheUsersBoundary) {
  auto p = One("AttachUserPolicy",
               {{"UserName", "alice"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
  EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:user/division/alice");
  EXPECT_EQ(p.keys["iam:policyarn"], Values{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  EXPECT_EQ(p.keys["iam:permissionsboundary"], Values{"arn:aws:iam::123456789012:policy/Boundary"});
  EXPECT_EQ(p.keys["iam:resourcetag/dept"], Values{"Eng"});
}

TEST_F(ActionAuthorizationTest, BoundaryKeyAbsentWhenTheUserHasNone) {
  auto p = One("DetachUserPolicy",
               {{"UserName", "bob"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}});
  EXPECT_EQ(p.keys.count("iam:permissionsboundary"), 0u);
  EXPECT_EQ(p.keys.count("iam:policyarn"), 1u);
}

// ref: PutUserPermissionsBoundary: user* [iam:PermissionsBoundary] -- the boundary being set;
// DeleteUserPermissionsBoundary -- the boundary being removed.
TEST_F(ActionAuthorizationTest, BoundaryKeyIsTheRequestedOrTheCurrentBoundary) {
  auto put =
      One("PutUserPermissionsBoundary",
          {{"UserName", "alice"}, {"PermissionsBoundary", "arn:aws:iam::123456789012:policy/New"}});
  EXPECT_EQ(put.keys["iam:permissionsboundary"], Values{"arn:aws:iam::123456789012:policy/New"});
  auto del = One("DeleteUserPermissionsBoundary", {{"UserName", "alice"}});
  EXPECT_EQ(del.keys["iam:permissionsboundary"],
            Values{"arn:aws:iam::123456789012:policy/Boundary"});
}

// ref: DeleteUser: user* [aws:ResourceTag, iam:ResourceTag] (no iam:PermissionsBoundary).
TEST_F(ActionAuthorizationTest, DeleteUserHasNoBoundaryKey) {
  EXPECT_EQ(One("DeleteUser", {{"UserName", "alice"}}).keys.count("iam:permissionsboundary"), 0u);
}

// ref: GetAccessKeyLastUsed: user* -- the key's owner.
TEST_F(ActionAuthorizationTest, GetAccessKeyLastUsedIsAuthorisedOnTheKeysOwner) {
  EXPECT_EQ(One("GetAccessKeyLastUsed", {{"AccessKeyId", "AKIAALICEKEY"}}).resource,
            "arn:aws:iam::123456789012:user/division/alice");
  EXPECT_EQ(One("GetAccessKeyLastUsed", {{"AccessKeyId", "AKIAUNKNOWN"}}).resource, "*");
}

// ref: LoginProfile and access key actions: user* (the connector's operations).
TEST_F(ActionAuthorizationTest, ConnectorUserOperations) {
  for (const char* action :
       {"GetLoginProfile", "CreateLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile",
        "DeleteUser", "ListGroupsForUser", "ListAttachedUserPolicies", "ListUserPolicies",
        "ListUserTags", "DeleteAccessKey", "UpdateAccessKey"}) {
    auto p = One(action, {{"UserName", "alice"}});
    EXPECT_EQ(p.action, std::string("iam:") + action);
    EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:user/division/alice") << action;
  }
}

// ref: TagUser [aws:RequestTag, aws:TagKeys]; UntagUser [aws:TagKeys].
TEST_F(ActionAuthorizationTest, TagAndUntagUserKeys) {
  auto tag =
      One("TagUser",
          {{"UserName", "alice"}, {"Tags.member.1.Key", "Dept"}, {"Tags.member.1.Value", "Ops"}});
  EXPECT_EQ(tag.keys["aws:requesttag/dept"], Values{"Ops"});
  EXPECT_EQ(tag.keys["aws:resourcetag/dept"], Values{"Eng"});  // the current value
  auto untag =
      One("UntagUser",
          {{"UserName", "alice"}, {"TagKeys.member.1", "Dept"}, {"TagKeys.member.2", "x"}});
  EXPECT_EQ(untag.keys["aws:tagkeys"], (Values{"Dept", "x"}));
  EXPECT_EQ(untag.keys.count("aws:requesttag/dept"), 0u);
}

// ref: UpdateUser: user*; its API reference: permission on both the source and the target.
TEST_F(ActionAuthorizationTest, RenameNeedsTheSourceAndTheTarget) {
  auto perms = Required("iam", "UpdateUser", {{"UserName", "alice"}, {"NewUserName", "alicia"}});
  ASSERT_EQ(perms.size(), 2u);
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:user/division/alice");
  EXPECT_EQ(perms[1].action, "iam:UpdateUser");
  EXPECT_EQ(perms[1].resource, "arn:aws:iam::123456789012:user/division/alicia");
  auto moved = Required("iam", "UpdateGroup", {{"GroupName", "devs"}, {"NewPath", "/ops/"}});
  ASSERT_EQ(moved.size(), 2u);
  EXPECT_EQ(moved[1].resource, "arn:aws:iam::123456789012:group/ops/devs");
  EXPECT_EQ(One("UpdateUser", {{"UserName", "alice"}}).resource,
            "arn:aws:iam::123456789012:user/division/alice");
}

// ---- partitions ----

TEST_F(ActionAuthorizationTest, ArnsAreInTheSigningRegionsPartition) {
  EXPECT_EQ(One("GetUser", {{"UserName", "alice"}}, "cn-north-1").resource,
            "arn:aws-cn:iam::123456789012:user/division/alice");
  EXPECT_EQ(One("CreateGroup", {{"GroupName", "g"}}, "us-gov-west-1").resource,
            "arn:aws-us-gov:iam::123456789012:group/g");
  auto fed = Required("sts", "GetFederationToken", {{"Name", "bob"}}, "cn-northwest-1");
  ASSERT_EQ(fed.size(), 1u);
  EXPECT_EQ(fed[0].resource, "arn:aws-cn:sts::123456789012:federated-user/bob");
}

// ---- groups, roles, policies ----

// ref: AddUserToGroup: group* (no condition keys; groups have no tags).
TEST_F(ActionAuthorizationTest, GroupActionsUseTheGroupArnWithoutKeys) {
  auto p = One("AddUserToGroup", {{"GroupName", "devs"}, {"UserName", "alice"}});
  EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:group/eng/devs");
  EXPECT_TRUE(p.keys.empty());
  EXPECT_EQ(One("CreateGroup", {{"GroupName", "qa"}, {"Path", "/test/"}}).resource,
            "arn:aws:iam::123456789012:group/test/qa");
  // ref: AttachGroupPolicy: group* [iam:PolicyARN]
  auto attach =
      One("AttachGroupPolicy", {{"GroupName", "devs"}, {"PolicyArn", "arn:aws:iam::aws:policy/X"}});
  EXPECT_EQ(KeyNames(attach), std::set<std::string>{"iam:policyarn"});
}

// ref: GetRole: role* [aws:ResourceTag, iam:PermissionsBoundary, iam:ResourceTag]
TEST_F(ActionAuthorizationTest, RoleArnTagsAndBoundary) {
  auto p = One("GetRole", {{"RoleName", "app"}});
  EXPECT_EQ(p.resource, "arn:aws:iam::123456789012:role/service/app");
  EXPECT_EQ(p.keys["aws:resourcetag/env"], Values{"prod"});
  EXPECT_EQ(p.keys["iam:resourcetag/env"], Values{"prod"});
  EXPECT_EQ(p.keys["iam:permissionsboundary"],
            Values{"arn:aws:iam::123456789012:policy/RoleBoundary"});
  // ref: GetRolePolicy: role* [aws:ResourceTag, iam:ResourceTag] only.
  EXPECT_EQ(One("GetRolePolicy", {{"RoleName", "app"}, {"PolicyName", "p"}})
                .keys.count("iam:permissionsboundary"),
            0u);
}

TEST_F(ActionAuthorizationTest, CreateRoleWithTagsNeedsTagRole) {
  auto perms = Required("iam", "CreateRole",
                        {{"RoleName", "r"},
                         {"Path", "/x/"},
                         {"Tags.member.1.Key", "k"},
                         {"Tags.member.1.Value", "v"}});
  ASSERT_EQ(perms.size(), 2u);
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:role/x/r");
  EXPECT_EQ(perms[1].action, "iam:TagRole");
  EXPECT_EQ(perms[1].keys["aws:requesttag/k"], Values{"v"});
}

// ref: CreatePolicy: policy* [aws:RequestTag, aws:TagKeys]; TagPolicy on create with tags.
TEST_F(ActionAuthorizationTest, PolicyArns) {
  auto perms = Required("iam", "CreatePolicy",
                        {{"PolicyName", "P"},
                         {"Path", "/team/"},
                         {"Tags.member.1.Key", "a"},
                         {"Tags.member.1.Value", "b"}});
  ASSERT_EQ(perms.size(), 2u);
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:policy/team/P");
  EXPECT_EQ(perms[1].action, "iam:TagPolicy");
  // ref: GetPolicy: policy* [aws:ResourceTag] (no iam:ResourceTag: not a principal).
  auto get = One("GetPolicy", {{"PolicyArn", "arn:aws:iam::123456789012:policy/ops/Deploy"}});
  EXPECT_EQ(get.resource, "arn:aws:iam::123456789012:policy/ops/Deploy");
  EXPECT_EQ(KeyNames(get), std::set<std::string>{"aws:resourcetag/owner"});
}

// ref: CreateServiceLinkedRole: role* [iam:AWSServiceName]
TEST_F(ActionAuthorizationTest, ServiceLinkedRoles) {
  auto p = One("CreateServiceLinkedRole", {{"AWSServiceName", "elasticbeanstalk.amazonaws.com"}});
  EXPECT_EQ(p.resource,
            "arn:aws:iam::123456789012:role/aws-service-role/elasticbeanstalk.amazonaws.com/"
            "AWSServiceRoleForElasticBeanstalk");
  EXPECT_EQ(p.keys["iam:awsservicename"], Values{"elasticbeanstalk.amazonaws.com"});
  // ref: GetServiceLinkedRoleDeletionStatus: role* -- the role the task deleted.
  auto status =
      One("GetServiceLinkedRoleDeletionStatus",
          {{"DeletionTaskId", "task/aws-service-role/es.amazonaws.com/AWSServiceRoleForES/1234"}});
  EXPECT_EQ(status.resource,
            "arn:aws:iam::123456789012:role/aws-service-role/es.amazonaws.com/AWSServiceRoleForES");
  EXPECT_EQ(One("GetServiceLinkedRoleDeletionStatus", {{"DeletionTaskId", "bogus"}}).resource, "*");
}

// ref: AddRoleToInstanceProfile: instance-profile* [aws:ResourceTag]; its API reference: the
// caller needs iam:PassRole on the role.
TEST_F(ActionAuthorizationTest, AddRoleToInstanceProfileAlsoPassesTheRole) {
  auto perms = Required("iam", "AddRoleToInstanceProfile",
                        {{"InstanceProfileName", "web"}, {"RoleName", "app"}});
  ASSERT_EQ(perms.size(), 2u);
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:instance-profile/ec2/web");
  EXPECT_EQ(perms[0].keys["aws:resourcetag/tier"], Values{"web"});
  EXPECT_EQ(perms[0].keys.count("iam:resourcetag/tier"), 0u);
  EXPECT_EQ(perms[1].action, "iam:PassRole");
  EXPECT_EQ(perms[1].resource, "arn:aws:iam::123456789012:role/service/app");
  EXPECT_EQ(perms[1].keys["iam:passedtoservice"], Values{"ec2.amazonaws.com"});
  EXPECT_EQ(perms[1].keys["iam:resourcetag/env"], Values{"prod"});
}

// ---- other resource kinds ----

TEST_F(ActionAuthorizationTest, MfaOidcSamlAndServerCertificateArns) {
  // ref: CreateVirtualMFADevice: mfa* ; TagMFADevice: mfa* [aws:RequestTag, aws:TagKeys]
  EXPECT_EQ(
      One("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "phone"}, {"Path", "/p/"}}).resource,
      "arn:aws:iam::123456789012:mfa/p/phone");
  auto mfa =
      One("ListMFADeviceTags", {{"SerialNumber", "arn:aws:iam::123456789012:mfa/alice-phone"}});
  EXPECT_EQ(mfa.resource, "arn:aws:iam::123456789012:mfa/alice-phone");
  EXPECT_EQ(mfa.keys["aws:resourcetag/kind"], Values{"phone"});
  // ref: EnableMFADevice: user*
  EXPECT_EQ(One("EnableMFADevice", {{"UserName", "alice"}, {"SerialNumber", "x"}}).resource,
            "arn:aws:iam::123456789012:user/division/alice");
  // ref: CreateOpenIDConnectProvider: oidc-provider* (oidc-provider/${OidcProviderName})
  EXPECT_EQ(
      One("CreateOpenIDConnectProvider", {{"Url", "https://idp.example.com/tenant"}}).resource,
      "arn:aws:iam::123456789012:oidc-provider/idp.example.com/tenant");
  EXPECT_EQ(One("GetOpenIDConnectProvider",
                {{"OpenIDConnectProviderArn",
                  "arn:aws:iam::123456789012:oidc-provider/token.example.com"}})
                .keys["aws:resourcetag/idp"],
            Values{"oidc"});
  // ref: CreateSAMLProvider: saml-provider*
  EXPECT_EQ(One("CreateSAMLProvider", {{"Name", "Okta"}, {"SAMLMetadataDocument", "x"}}).resource,
            "arn:aws:iam::123456789012:saml-provider/Okta");
  // ref: GetServerCertificate: server-certificate* (server-certificate/${CertificateNameWithPath})
  auto cert = One("GetServerCertificate", {{"ServerCertificateName", "site"}});
  EXPECT_EQ(cert.resource, "arn:aws:iam::123456789012:server-certificate/lb/site");
  EXPECT_EQ(cert.keys["aws:resourcetag/cert"], Values{"tls"});
}

// ref: GenerateServiceLastAccessedDetails: group*|policy*|role*|user*;
// GenerateOrganizationsAccessReport: access-report* [iam:OrganizationsPolicyId]
TEST_F(ActionAuthorizationTest, ReportsAndSimulation) {
  auto gen = One("GenerateServiceLastAccessedDetails",
                 {{"Arn", "arn:aws:iam::123456789012:role/service/app"}});
  EXPECT_EQ(gen.resource, "arn:aws:iam::123456789012:role/service/app");
  EXPECT_EQ(gen.keys["iam:resourcetag/env"], Values{"prod"});
  auto org = One("GenerateOrganizationsAccessReport", {{"EntityPath", "o-abc/r-root/123456789012"},
                                                       {"OrganizationsPolicyId", "p-1234"}});
  EXPECT_EQ(org.resource, "arn:aws:iam::123456789012:access-report/o-abc/r-root/123456789012");
  EXPECT_EQ(org.keys["iam:organizationspolicyid"], Values{"p-1234"});
  // ref: SimulatePrincipalPolicy: group|role|user; SimulateCustomPolicy: no resource.
  EXPECT_EQ(One("SimulatePrincipalPolicy",
                {{"PolicySourceArn", "arn:aws:iam::123456789012:user/division/alice"},
                 {"ActionNames.member.1", "iam:GetUser"}})
                .keys["iam:resourcetag/dept"],
            Values{"Eng"});
  EXPECT_EQ(One("SimulateCustomPolicy").resource, "*");
}

// ref: the account-wide actions have no resource type.
TEST_F(ActionAuthorizationTest, ActionsWithoutResourceTypeUseStar) {
  for (const char* action :
       {"ListUsers", "ListGroups", "ListPolicies", "ListRoles", "GetAccountSummary",
        "GetAccountAuthorizationDetails", "CreateAccountAlias", "GetCredentialReport",
        "UpdateAccountPasswordPolicy", "ListVirtualMFADevices"}) {
    auto p = One(action);
    EXPECT_EQ(p.resource, "*") << action;
    EXPECT_TRUE(p.keys.empty()) << action;
  }
}

// ref: Create/Delete/Reset/UpdateServiceSpecificCredential: user*
// [iam:ServiceSpecificCredentialServiceName]
TEST_F(ActionAuthorizationTest, ServiceSpecificCredentialServiceName) {
  EXPECT_EQ(One("CreateServiceSpecificCredential",
                {{"UserName", "alice"}, {"ServiceName", "cassandra.amazonaws.com"}})
                .keys["iam:servicespecificcredentialservicename"],
            Values{"cassandra.amazonaws.com"});
  EXPECT_EQ(One("DeleteServiceSpecificCredential", {{"ServiceSpecificCredentialId", "ACCAEXAMPLE"}})
                .keys["iam:servicespecificcredentialservicename"],
            Values{"codecommit.amazonaws.com"});
}

// ---- STS ----

// ref: AssumeRole: role* [aws:RequestTag, aws:TagKeys, sts:ExternalId, sts:RoleSessionName,
// sts:SourceIdentity, sts:TransitiveTagKeys, *ResourceTag]; dependent sts:TagSession,
// sts:SetSourceIdentity.
TEST_F(ActionAuthorizationTest, AssumeRoleKeysAndSessionPermissions) {
  auto perms = Required("sts", "AssumeRole",
                        {{"RoleArn", "arn:aws:iam::123456789012:role/service/app"},
                         {"RoleSessionName", "s1"},
                         {"ExternalId", "ext"},
                         {"SourceIdentity", "alice"},
                         {"Tags.member.1.Key", "Project"},
                         {"Tags.member.1.Value", "x"},
                         {"TransitiveTagKeys.member.1", "Project"}});
  ASSERT_EQ(perms.size(), 3u);
  EXPECT_EQ(perms[0].action, "sts:AssumeRole");
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:role/service/app");
  EXPECT_EQ(perms[0].keys["sts:externalid"], Values{"ext"});
  EXPECT_EQ(perms[0].keys["sts:rolesessionname"], Values{"s1"});
  EXPECT_EQ(perms[0].keys["sts:sourceidentity"], Values{"alice"});
  EXPECT_EQ(perms[0].keys["sts:transitivetagkeys"], Values{"Project"});
  EXPECT_EQ(perms[0].keys["aws:requesttag/project"], Values{"x"});
  EXPECT_EQ(perms[0].keys["iam:resourcetag/env"], Values{"prod"});
  EXPECT_EQ(perms[1].action, "sts:TagSession");
  EXPECT_EQ(perms[1].resource, perms[0].resource);
  EXPECT_EQ(perms[1].keys["sts:transitivetagkeys"], Values{"Project"});
  EXPECT_EQ(perms[2].action, "sts:SetSourceIdentity");
  EXPECT_EQ(perms[2].keys["sts:sourceidentity"], Values{"alice"});
}

TEST_F(ActionAuthorizationTest, PlainAssumeRoleNeedsOnlyAssumeRole) {
  auto perms =
      Required("sts", "AssumeRole",
               {{"RoleArn", "arn:aws:iam::123456789012:role/other"}, {"RoleSessionName", "s"}});
  ASSERT_EQ(perms.size(), 1u);
  EXPECT_EQ(perms[0].resource, "arn:aws:iam::123456789012:role/other");
  EXPECT_EQ(KeyNames(perms[0]), std::set<std::string>{"sts:rolesessionname"});
}

// GetCallerIdentity (allowed even under an explicit deny), GetSessionToken (no permissions
// required), AssumeRoleWithSAML/WebIdentity (unauthenticated): no identity-based authorisation.
TEST_F(ActionAuthorizationTest, CallsWithoutIdentityAuthorisation) {
  EXPECT_TRUE(Required("sts", "GetCallerIdentity").empty());
  EXPECT_TRUE(Required("sts", "GetSessionToken").empty());
  EXPECT_TRUE(Required("sts", "AssumeRoleWithSAML",
                       {{"RoleArn", "arn:aws:iam::123456789012:role/service/app"}})
                  .empty());
  EXPECT_TRUE(Required("sts", "AssumeRoleWithWebIdentity",
                       {{"RoleArn", "arn:aws:iam::123456789012:role/service/app"}})
                  .empty());
  // ref: DecodeAuthorizationMessage and GetAccessKeyInfo: no resource type, but an action.
  auto decode = Required("sts", "DecodeAuthorizationMessage", {{"EncodedMessage", "x"}});
  ASSERT_EQ(decode.size(), 1u);
  EXPECT_EQ(decode[0].action, "sts:DecodeAuthorizationMessage");
  EXPECT_EQ(decode[0].resource, "*");
  auto info = Required("sts", "GetAccessKeyInfo", {{"AccessKeyId", "AKIAALICEKEY"}});
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].resource, "*");
}

// ref: GetFederationToken: federated-user [aws:RequestTag, aws:TagKeys]; dependent sts:TagSession.
TEST_F(ActionAuthorizationTest, FederationTokenWithTags) {
  auto perms =
      Required("sts", "GetFederationToken",
               {{"Name", "bob"}, {"Tags.member.1.Key", "Dept"}, {"Tags.member.1.Value", "x"}});
  ASSERT_EQ(perms.size(), 2u);
  EXPECT_EQ(perms[0].resource, "arn:aws:sts::123456789012:federated-user/bob");
  EXPECT_EQ(perms[0].keys["aws:tagkeys"], Values{"Dept"});
  EXPECT_EQ(perms[1].action, "sts:TagSession");
}

}  // namespace
}  // namespace aic::emulator::state
