// Checks the XML of many actions against the AWS models (shape_checker_test_util.h).
#include "emulator/state/shape_checker_test_util.h"

namespace aic::emulator::state::testing {
namespace {

using EmuStateModelShapeTest = ShapeTest;

TEST_F(EmuStateModelShapeTest, IamResponsesFollowTheModel) {
  const json model = LoadModel("iam");
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
  const std::string arn = "arn:aws:iam::123456789012:policy/pol";
  auto run = [&](const std::string& action, std::map<std::string, std::string> p = {}) {
    Reply r = Call(action, p);
    CheckAction(model, r, action);
    return r;
  };
  run("CreateUser", {{"UserName", "u"},
                     {"Tags.member.1.Key", "k"},
                     {"Tags.member.1.Value", "v"},
                     {"PermissionsBoundary", "arn:aws:iam::aws:policy/PowerUserAccess"}});
  run("GetUser", {{"UserName", "u"}});
  run("ListUsers");
  run("ListUserTags", {{"UserName", "u"}});
  run("CreateLoginProfile", {{"UserName", "u"}, {"Password", "Str0ng!pass"}});
  run("GetLoginProfile", {{"UserName", "u"}});
  Reply key = run("CreateAccessKey", {{"UserName", "u"}});
  run("ListAccessKeys", {{"UserName", "u"}});
  run("GetAccessKeyLastUsed",
      {{"AccessKeyId", key.Text("CreateAccessKeyResult/AccessKey/AccessKeyId")}});
  run("UploadSigningCertificate",
      {{"UserName", "u"},
       {"CertificateBody", "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----"}});
  run("ListSigningCertificates", {{"UserName", "u"}});
  Reply ssh =
      run("UploadSSHPublicKey", {{"UserName", "u"}, {"SSHPublicKeyBody", "ssh-rsa AAAA x"}});
  run("ListSSHPublicKeys", {{"UserName", "u"}});
  run("GetSSHPublicKey",
      {{"UserName", "u"},
       {"Encoding", "SSH"},
       {"SSHPublicKeyId", ssh.Text("UploadSSHPublicKeyResult/SSHPublicKey/SSHPublicKeyId")}});
  Reply svc = run("CreateServiceSpecificCredential",
                  {{"UserName", "u"}, {"ServiceName", "codecommit.amazonaws.com"}});
  run("ListServiceSpecificCredentials", {{"UserName", "u"}});
  run("ResetServiceSpecificCredential",
      {{"UserName", "u"},
       {"ServiceSpecificCredentialId",
        svc.Text("CreateServiceSpecificCredentialResult/ServiceSpecificCredential/"
                 "ServiceSpecificCredentialId")}});
  Reply mfa = run("CreateVirtualMFADevice", {{"VirtualMFADeviceName", "d"}});
  run("EnableMFADevice",
      {{"UserName", "u"},
       {"SerialNumber", mfa.Text("CreateVirtualMFADeviceResult/VirtualMFADevice/SerialNumber")},
       {"AuthenticationCode1", "111111"},
       {"AuthenticationCode2", "222222"}});
  run("ListMFADevices", {{"UserName", "u"}});
  run("ListVirtualMFADevices");
  run("CreateGroup", {{"GroupName", "g"}});
  run("AddUserToGroup", {{"GroupName", "g"}, {"UserName", "u"}});
  run("GetGroup", {{"GroupName", "g"}});
  run("ListGroups");
  run("ListGroupsForUser", {{"UserName", "u"}});
  run("CreatePolicy", {{"PolicyName", "pol"},
                       {"PolicyDocument", doc},
                       {"Description", "d"},
                       {"Tags.member.1.Key", "k"},
                       {"Tags.member.1.Value", "v"}});
  run("GetPolicy", {{"PolicyArn", arn}});
  run("TagPolicy", {{"PolicyArn", arn}, {"Tags.member.1.Key", "k2"}, {"Tags.member.1.Value", "v"}});
  run("ListPolicyTags", {{"PolicyArn", arn}});
  run("ListPolicies", {{"MaxItems", "2"}});
  run("CreatePolicyVersion", {{"PolicyArn", arn}, {"PolicyDocument", doc}});
  run("GetPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v2"}});
  run("ListPolicyVersions", {{"PolicyArn", arn}});
  run("SetDefaultPolicyVersion", {{"PolicyArn", arn}, {"VersionId", "v2"}});
  run("AttachUserPolicy", {{"UserName", "u"}, {"PolicyArn", arn}});
  run("AttachGroupPolicy", {{"GroupName", "g"}, {"PolicyArn", arn}});
  run("ListAttachedUserPolicies", {{"UserName", "u"}});
  run("ListAttachedGroupPolicies", {{"GroupName", "g"}});
  run("ListEntitiesForPolicy", {{"PolicyArn", arn}});
  run("PutUserPolicy", {{"UserName", "u"}, {"PolicyName", "i"}, {"PolicyDocument", doc}});
  run("GetUserPolicy", {{"UserName", "u"}, {"PolicyName", "i"}});
  run("ListUserPolicies", {{"UserName", "u"}});
  run("PutGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "i"}, {"PolicyDocument", doc}});
  run("GetGroupPolicy", {{"GroupName", "g"}, {"PolicyName", "i"}});
  run("ListGroupPolicies", {{"GroupName", "g"}});
  run("UpdateAccountPasswordPolicy", {{"MaxPasswordAge", "30"}, {"PasswordReusePrevention", "3"}});
  run("GetAccountPasswordPolicy");
  run("GetAccountSummary");
  run("GetAccountAuthorizationDetails");
  run("GetAccountAuthorizationDetails", {{"MaxItems", "1"}});
  run("UpdateUser", {{"UserName", "u"}, {"NewPath", "/x/"}});
  EXPECT_GE(checked_, 40);
}

TEST_F(EmuStateModelShapeTest, StsResponsesFollowTheModel) {
  const json model = LoadModel("sts");
  Ok("CreateRole",
     {{"RoleName", "R"},
      {"AssumeRolePolicyDocument",
       R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]})"}});
  Reply a =
      Call("AssumeRole",
           {{"RoleArn", "arn:aws:iam::123456789012:role/R"}, {"RoleSessionName", "s1"}}, "sts");
  CheckAction(model, a, "AssumeRole");
  Reply c = Call("GetCallerIdentity", {}, "sts");
  CheckAction(model, c, "GetCallerIdentity");
  EXPECT_EQ(checked_, 2);
}

TEST_F(EmuStateModelShapeTest, ErrorResponseShape) {
  Reply r = Call("GetUser", {{"UserName", "nobody"}});
  pugi::xml_node root = r.doc->document_element();
  EXPECT_EQ(std::string(root.name()), "ErrorResponse");
  std::vector<std::string> children, error;
  for (auto c : root.children()) children.push_back(c.name());
  for (auto c : root.child("Error").children()) error.push_back(c.name());
  EXPECT_EQ(children, (std::vector<std::string>{"Error", "RequestId"}));
  EXPECT_EQ(error, (std::vector<std::string>{"Type", "Code", "Message"}));
}

}  // namespace
}  // namespace aic::emulator::state::testing
