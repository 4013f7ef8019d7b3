// The table behind RequiredPermissions (action_authorization.h): one row per IAM and STS API
// operation of the models, as the service authorization reference lists it. Internal to
// action_authorization*.cc.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace aic::emulator::state::authz {

// What the action is authorised against, and how the request names it.
enum class Res : std::uint8_t {
  kAny,                 // no resource type in the reference: "*"
  kUser,                // user{path}{name}: the user named by `param`, else the calling user
  kUserOfKey,           // the user owning the access key named by `param` (else "*")
  kNewUser,             // CreateUser: user{Path}{param}
  kGroup,               // group{path}{name}
  kNewGroup,            // CreateGroup: group{Path}{param}
  kRole,                // role{path}{name}
  kNewRole,             // CreateRole: role{Path}{param}
  kRoleArn,             // the role ARN `param` as given (STS AssumeRole*)
  kNewLinkedRole,       // CreateServiceLinkedRole: role/aws-service-role/SERVICE/NAME[_suffix]
  kLinkedRoleOfTask,    // the role of a deletion task id task/aws-service-role/SERVICE/ROLE/ID
  kPolicyArn,           // the policy ARN `param` as given
  kNewPolicy,           // CreatePolicy: policy{Path}{param}
  kInstanceProfile,     // instance-profile{path}{name}
  kNewInstanceProfile,  // CreateInstanceProfile: instance-profile{Path}{param}
  kMfaSerial,           // the virtual MFA serial (an ARN) `param` as given
  kNewMfa,              // CreateVirtualMFADevice: mfa{Path}{param}
  kOidcArn,             // the OIDC provider ARN `param` as given
  kNewOidc,             // CreateOpenIDConnectProvider: oidc-provider/{Url without https://}
  kSamlArn,             // the SAML provider ARN `param` as given
  kNewSaml,             // CreateSAMLProvider: saml-provider/{param}
  kServerCert,          // server-certificate{path}{name}
  kNewServerCert,       // UploadServerCertificate: server-certificate{Path}{param}
  kEntityArn,           // a user/group/role/policy ARN `param` as given (reports, Simulate*)
  kAccessReport,        // access-report/{param} (EntityPath)
  kFederatedUser,       // arn:PARTITION:sts::ACCOUNT:federated-user/{param}
};

// Condition keys and extra permissions (bit flags).
enum Flag : std::uint32_t {
  kNone = 0,
  // No identity-based authorisation at all (RequiredPermissions answers empty).
  kNoAuth = 1u << 0,
  // aws:RequestTag/<k> and aws:TagKeys from Tags.member.N.
  kRequestTags = 1u << 1,
  // aws:TagKeys from TagKeys.member.N (Untag*).
  kUntagKeys = 1u << 2,
  // iam:PolicyARN from PolicyArn.
  kPolicyArnKey = 1u << 3,
  // iam:PermissionsBoundary: the request's PermissionsBoundary when it has one, else the
  // target user's or role's current boundary.
  kBoundaryKey = 1u << 4,
  // iam:AWSServiceName from AWSServiceName.
  kServiceNameKey = 1u << 5,
  // iam:OrganizationsPolicyId from OrganizationsPolicyId.
  kOrgPolicyKey = 1u << 6,
  // iam:ServiceSpecificCredentialServiceName: ServiceName, or the service of the credential
  // ServiceSpecificCredentialId.
  kCredentialServiceKey = 1u << 7,
  // sts:ExternalId, sts:RoleSessionName, sts:SourceIdentity, sts:TransitiveTagKeys.
  kStsSessionKeys = 1u << 8,
  // Also sts:TagSession (with Tags/TransitiveTagKeys) and sts:SetSourceIdentity (with
  // SourceIdentity) on the same resource.
  kStsSessionExtras = 1u << 9,
  // Also iam:PassRole on the role RoleName, iam:PassedToService = kInstanceProfileService.
  kPassRoleToEc2 = 1u << 10,
  // A rename (NewPath, New<param>): the same action on the entity's new ARN too.
  kRenameTarget = 1u << 11,
};

// The service an instance profile's role is passed to (EC2 instances use instance profiles).
inline constexpr std::string_view kInstanceProfileService = "ec2.amazonaws.com";

struct Rule {
  std::string_view service;  // "iam" or "sts"
  std::string_view api;      // the API operation; the IAM action has the same name
  Res res;
  std::string_view param;       // the request parameter naming the resource ("" for kAny)
  std::uint32_t flags;          // Flag bits
  std::string_view tag_action;  // with Tags in the request, this permission too ("" = none)
};

// Every row, sorted by (service, api).
std::span<const Rule> Rules();

}  // namespace aic::emulator::state::authz
