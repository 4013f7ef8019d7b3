// The required input members of each action, from the AWS models (testdata/aws-models),
// checked before any lookup, as AWS validates input first. Generated from service-2.json;
// IAM and STS action names do not overlap.
#include "emulator/state/required_params.h"

#include <unordered_map>
#include <vector>

namespace aic::emulator::state {

const std::vector<std::string_view>& RequiredParams(std::string_view action) {
  static const std::unordered_map<std::string_view, std::vector<std::string_view>> kTable = {
      {"AddUserToGroup", {"GroupName", "UserName"}},
      {"AttachGroupPolicy", {"GroupName", "PolicyArn"}},
      {"AttachUserPolicy", {"UserName", "PolicyArn"}},
      {"CreateGroup", {"GroupName"}},
      {"CreateLoginProfile", {"UserName", "Password"}},
      {"CreatePolicy", {"PolicyName", "PolicyDocument"}},
      {"CreatePolicyVersion", {"PolicyArn", "PolicyDocument"}},
      {"CreateServiceSpecificCredential", {"UserName", "ServiceName"}},
      {"CreateUser", {"UserName"}},
      {"CreateVirtualMFADevice", {"VirtualMFADeviceName"}},
      {"DeactivateMFADevice", {"UserName", "SerialNumber"}},
      {"DeleteAccessKey", {"AccessKeyId"}},
      {"DeleteGroup", {"GroupName"}},
      {"DeleteGroupPolicy", {"GroupName", "PolicyName"}},
      {"DeleteLoginProfile", {"UserName"}},
      {"DeletePolicy", {"PolicyArn"}},
      {"DeletePolicyVersion", {"PolicyArn", "VersionId"}},
      {"DeleteSSHPublicKey", {"UserName", "SSHPublicKeyId"}},
      {"DeleteServiceSpecificCredential", {"ServiceSpecificCredentialId"}},
      {"DeleteSigningCertificate", {"CertificateId"}},
      {"DeleteUser", {"UserName"}},
      {"DeleteUserPermissionsBoundary", {"UserName"}},
      {"DeleteUserPolicy", {"UserName", "PolicyName"}},
      {"DeleteVirtualMFADevice", {"SerialNumber"}},
      {"DetachGroupPolicy", {"GroupName", "PolicyArn"}},
      {"DetachUserPolicy", {"UserName", "PolicyArn"}},
      {"EnableMFADevice",
       {"UserName", "SerialNumber", "AuthenticationCode1", "AuthenticationCode2"}},
      {"GetAccessKeyLastUsed", {"AccessKeyId"}},
      {"GetGroup", {"GroupName"}},
      {"GetGroupPolicy", {"GroupName", "PolicyName"}},
      {"GetLoginProfile", {"UserName"}},
      {"GetPolicy", {"PolicyArn"}},
      {"GetPolicyVersion", {"PolicyArn", "VersionId"}},
      {"GetSSHPublicKey", {"UserName", "SSHPublicKeyId", "Encoding"}},
      {"GetUserPolicy", {"UserName", "PolicyName"}},
      {"ListAttachedGroupPolicies", {"GroupName"}},
      {"ListAttachedUserPolicies", {"UserName"}},
      {"ListEntitiesForPolicy", {"PolicyArn"}},
      {"ListGroupPolicies", {"GroupName"}},
      {"ListGroupsForUser", {"UserName"}},
      {"ListPolicyTags", {"PolicyArn"}},
      {"ListPolicyVersions", {"PolicyArn"}},
      {"ListUserPolicies", {"UserName"}},
      {"ListUserTags", {"UserName"}},
      {"PutGroupPolicy", {"GroupName", "PolicyName", "PolicyDocument"}},
      {"PutUserPermissionsBoundary", {"UserName", "PermissionsBoundary"}},
      {"PutUserPolicy", {"UserName", "PolicyName", "PolicyDocument"}},
      {"RemoveUserFromGroup", {"GroupName", "UserName"}},
      {"ResetServiceSpecificCredential", {"ServiceSpecificCredentialId"}},
      {"SetDefaultPolicyVersion", {"PolicyArn", "VersionId"}},
      {"TagPolicy", {"PolicyArn", "Tags"}},
      {"TagUser", {"UserName", "Tags"}},
      {"UntagPolicy", {"PolicyArn", "TagKeys"}},
      {"UntagUser", {"UserName", "TagKeys"}},
      {"UpdateAccessKey", {"AccessKeyId", "Status"}},
      {"UpdateGroup", {"GroupName"}},
      {"UpdateLoginProfile", {"UserName"}},
      {"UpdateSSHPublicKey", {"UserName", "SSHPublicKeyId", "Status"}},
      {"UpdateServiceSpecificCredential", {"ServiceSpecificCredentialId", "Status"}},
      {"UpdateSigningCertificate", {"CertificateId", "Status"}},
      {"UpdateUser", {"UserName"}},
      {"UploadSSHPublicKey", {"UserName", "SSHPublicKeyBody"}},
      {"UploadSigningCertificate", {"CertificateBody"}},
      {"AssumeRole", {"RoleArn", "RoleSessionName"}},
  };
  static const std::vector<std::string_view> kNone;
  auto it = kTable.find(action);
  return it == kTable.end() ? kNone : it->second;
}

}  // namespace aic::emulator::state
