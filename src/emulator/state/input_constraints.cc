// Generated from service-2.json (testdata/aws-models/{iam,sts}) by
// scripts/gen_input_constraints.py: do not edit by hand. The input members of every IAM
// and STS operation and the constraints AWS validates before the operation runs.
#include "emulator/state/input_constraints.h"

namespace aic::emulator::state::constraints {
namespace {

constexpr std::string_view kPatternTable[] = {
    "[\\w+=,.@-]+",
    "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
    "^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$",
    "(\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)",
    "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
    "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
    "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/",
    "[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*",
    "[\\w._-]+",
    "[\\w+=/:,.@-]+",
    "[\\w]+",
    "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
    "[\\d]+",
    "^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*",
    "^p-[0-9a-zA-Z_]{8,128}$",
    "[\\u0020-\\u00FF]+",
    "[\\w-]*",
    "\\u002F[\\u0021-\\u007F]*",
    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]"
    "+",
    "[\\w+=,.@-]*",
    "[\\w+=,.@:\\/-]*",
    "[\\w+=/:,.@-]*",
    "[\\d]*",
    "[\\w]*",
};

constexpr std::string_view kEnumTable[] = {
    "SERVICE_LEVEL",
    "ACTION_LEVEL",
    "User",
    "Role",
    "Group",
    "LocalManagedPolicy",
    "AWSManagedPolicy",
    "SERVICE_NAMESPACE_ASCENDING",
    "SERVICE_NAMESPACE_DESCENDING",
    "LAST_AUTHENTICATED_TIME_ASCENDING",
    "LAST_AUTHENTICATED_TIME_DESCENDING",
    "SSH",
    "PEM",
    "PermissionsPolicy",
    "PermissionsBoundary",
    "All",
    "AWS",
    "Local",
    "Assigned",
    "Unassigned",
    "Any",
    "v1Token",
    "v2Token",
    "string",
    "stringList",
    "numeric",
    "numericList",
    "boolean",
    "booleanList",
    "ip",
    "ipList",
    "binary",
    "binaryList",
    "date",
    "dateList",
    "Active",
    "Inactive",
};

constexpr Member kMemberTable[] = {
    {"OpenIDConnectProviderArn", 1, true},
    {"ClientID", 2, true},
    {"InstanceProfileName", 4, true},
    {"RoleName", 5, true},
    {"GroupName", 7, true},
    {"UserName", 8, true},
    {"GroupName", 7, true},
    {"PolicyArn", 1, true},
    {"RoleName", 5, true},
    {"PolicyArn", 1, true},
    {"UserName", 12, true},
    {"PolicyArn", 1, true},
    {"OldPassword", 14, true},
    {"NewPassword", 14, true},
    {"UserName", 8, false},
    {"AccountAlias", 17, true},
    {"Path", 19, false},
    {"GroupName", 7, true},
    {"Key", 23, true},
    {"Value", 24, true},
    {"InstanceProfileName", 4, true},
    {"Path", 19, false},
    {"Tags", 21, false},
    {"UserName", 12, true},
    {"Password", 14, true},
    {"PasswordResetRequired", 26, false},
    {"Url", 28, true},
    {"ClientIDList", 29, false},
    {"ThumbprintList", 30, true},
    {"Tags", 21, false},
    {"PolicyName", 33, true},
    {"Path", 34, false},
    {"PolicyDocument", 35, true},
    {"Description", 36, false},
    {"Tags", 21, false},
    {"PolicyArn", 1, true},
    {"PolicyDocument", 35, true},
    {"SetAsDefault", 26, false},
    {"Path", 19, false},
    {"RoleName", 5, true},
    {"AssumeRolePolicyDocument", 35, true},
    {"Description", 39, false},
    {"MaxSessionDuration", 40, false},
    {"PermissionsBoundary", 1, false},
    {"Tags", 21, false},
    {"SAMLMetadataDocument", 42, true},
    {"Name", 43, true},
    {"Tags", 21, false},
    {"AWSServiceName", 7, true},
    {"Description", 39, false},
    {"CustomSuffix", 45, false},
    {"UserName", 12, true},
    {"ServiceName", 47, true},
    {"Path", 19, false},
    {"UserName", 12, true},
    {"PermissionsBoundary", 1, false},
    {"Tags", 21, false},
    {"Path", 19, false},
    {"VirtualMFADeviceName", 50, true},
    {"Tags", 21, false},
    {"UserName", 8, true},
    {"SerialNumber", 52, true},
    {"UserName", 8, false},
    {"AccessKeyId", 54, true},
    {"AccountAlias", 17, true},
    {"GroupName", 7, true},
    {"GroupName", 7, true},
    {"PolicyName", 33, true},
    {"InstanceProfileName", 4, true},
    {"UserName", 12, true},
    {"OpenIDConnectProviderArn", 1, true},
    {"PolicyArn", 1, true},
    {"PolicyArn", 1, true},
    {"VersionId", 63, true},
    {"RoleName", 5, true},
    {"RoleName", 5, true},
    {"RoleName", 5, true},
    {"PolicyName", 33, true},
    {"SAMLProviderArn", 1, true},
    {"UserName", 12, true},
    {"SSHPublicKeyId", 69, true},
    {"ServerCertificateName", 71, true},
    {"RoleName", 5, true},
    {"UserName", 12, false},
    {"ServiceSpecificCredentialId", 74, true},
    {"UserName", 8, false},
    {"CertificateId", 76, true},
    {"UserName", 8, true},
    {"UserName", 12, true},
    {"UserName", 8, true},
    {"PolicyName", 33, true},
    {"SerialNumber", 52, true},
    {"GroupName", 7, true},
    {"PolicyArn", 1, true},
    {"RoleName", 5, true},
    {"PolicyArn", 1, true},
    {"UserName", 12, true},
    {"PolicyArn", 1, true},
    {"UserName", 8, true},
    {"SerialNumber", 52, true},
    {"AuthenticationCode1", 85, true},
    {"AuthenticationCode2", 85, true},
    {"EntityPath", 87, true},
    {"OrganizationsPolicyId", 88, false},
    {"Arn", 1, true},
    {"Granularity", 90, false},
    {"AccessKeyId", 54, true},
    {"Filter", 93, false},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"PolicyInputList", 98, true},
    {"PolicySourceArn", 1, true},
    {"PolicyInputList", 98, false},
    {"GroupName", 7, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"GroupName", 7, true},
    {"PolicyName", 33, true},
    {"InstanceProfileName", 4, true},
    {"UserName", 12, true},
    {"OpenIDConnectProviderArn", 1, true},
    {"JobId", 106, true},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"SortKey", 107, false},
    {"PolicyArn", 1, true},
    {"PolicyArn", 1, true},
    {"VersionId", 63, true},
    {"RoleName", 5, true},
    {"RoleName", 5, true},
    {"PolicyName", 33, true},
    {"SAMLProviderArn", 1, true},
    {"UserName", 12, true},
    {"SSHPublicKeyId", 69, true},
    {"Encoding", 114, true},
    {"ServerCertificateName", 71, true},
    {"JobId", 106, true},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"JobId", 106, true},
    {"ServiceNamespace", 118, true},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"DeletionTaskId", 120, true},
    {"UserName", 8, false},
    {"UserName", 8, true},
    {"PolicyName", 33, true},
    {"UserName", 8, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"GroupName", 7, true},
    {"PathPrefix", 34, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"RoleName", 5, true},
    {"PathPrefix", 34, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 12, true},
    {"PathPrefix", 34, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PolicyArn", 1, true},
    {"EntityFilter", 94, false},
    {"PathPrefix", 19, false},
    {"PolicyUsageFilter", 129, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"GroupName", 7, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PathPrefix", 132, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 8, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"InstanceProfileName", 4, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PathPrefix", 132, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"RoleName", 5, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"SerialNumber", 52, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 8, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"OpenIDConnectProviderArn", 1, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"Scope", 142, false},
    {"OnlyAttached", 26, false},
    {"PathPrefix", 34, false},
    {"PolicyUsageFilter", 129, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"Arn", 1, true},
    {"ServiceNamespaces", 144, true},
    {"PolicyArn", 1, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PolicyArn", 1, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"RoleName", 5, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"RoleName", 5, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PathPrefix", 132, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"SAMLProviderArn", 1, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 12, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"ServerCertificateName", 71, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PathPrefix", 132, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 12, false},
    {"ServiceName", 47, false},
    {"UserName", 8, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 8, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"UserName", 8, true},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"PathPrefix", 132, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"AssignmentStatus", 161, false},
    {"Marker", 96, false},
    {"MaxItems", 95, false},
    {"GroupName", 7, true},
    {"PolicyName", 33, true},
    {"PolicyDocument", 35, true},
    {"RoleName", 5, true},
    {"PermissionsBoundary", 1, true},
    {"RoleName", 5, true},
    {"PolicyName", 33, true},
    {"PolicyDocument", 35, true},
    {"UserName", 12, true},
    {"PermissionsBoundary", 1, true},
    {"UserName", 8, true},
    {"PolicyName", 33, true},
    {"PolicyDocument", 35, true},
    {"OpenIDConnectProviderArn", 1, true},
    {"ClientID", 2, true},
    {"InstanceProfileName", 4, true},
    {"RoleName", 5, true},
    {"GroupName", 7, true},
    {"UserName", 8, true},
    {"UserName", 12, false},
    {"ServiceSpecificCredentialId", 74, true},
    {"UserName", 8, true},
    {"SerialNumber", 52, true},
    {"AuthenticationCode1", 85, true},
    {"AuthenticationCode2", 85, true},
    {"PolicyArn", 1, true},
    {"VersionId", 63, true},
    {"GlobalEndpointTokenVersion", 174, true},
    {"ContextKeyName", 182, false},
    {"ContextKeyValues", 183, false},
    {"ContextKeyType", 185, false},
    {"PolicyInputList", 98, true},
    {"PermissionsBoundaryPolicyInputList", 98, false},
    {"ActionNames", 176, true},
    {"ResourceArns", 178, false},
    {"ResourcePolicy", 35, false},
    {"ResourceOwner", 179, false},
    {"CallerArn", 179, false},
    {"ContextEntries", 180, false},
    {"ResourceHandlingOption", 186, false},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"PolicySourceArn", 1, true},
    {"PolicyInputList", 98, false},
    {"PermissionsBoundaryPolicyInputList", 98, false},
    {"ActionNames", 176, true},
    {"ResourceArns", 178, false},
    {"ResourcePolicy", 35, false},
    {"ResourceOwner", 179, false},
    {"CallerArn", 179, false},
    {"ContextEntries", 180, false},
    {"ResourceHandlingOption", 186, false},
    {"MaxItems", 95, false},
    {"Marker", 96, false},
    {"InstanceProfileName", 4, true},
    {"Tags", 21, true},
    {"SerialNumber", 52, true},
    {"Tags", 21, true},
    {"OpenIDConnectProviderArn", 1, true},
    {"Tags", 21, true},
    {"PolicyArn", 1, true},
    {"Tags", 21, true},
    {"RoleName", 5, true},
    {"Tags", 21, true},
    {"SAMLProviderArn", 1, true},
    {"Tags", 21, true},
    {"ServerCertificateName", 71, true},
    {"Tags", 21, true},
    {"UserName", 8, true},
    {"Tags", 21, true},
    {"InstanceProfileName", 4, true},
    {"TagKeys", 197, true},
    {"SerialNumber", 52, true},
    {"TagKeys", 197, true},
    {"OpenIDConnectProviderArn", 1, true},
    {"TagKeys", 197, true},
    {"PolicyArn", 1, true},
    {"TagKeys", 197, true},
    {"RoleName", 5, true},
    {"TagKeys", 197, true},
    {"SAMLProviderArn", 1, true},
    {"TagKeys", 197, true},
    {"ServerCertificateName", 71, true},
    {"TagKeys", 197, true},
    {"UserName", 8, true},
    {"TagKeys", 197, true},
    {"UserName", 8, false},
    {"AccessKeyId", 54, true},
    {"Status", 206, true},
    {"MinimumPasswordLength", 208, false},
    {"RequireSymbols", 26, false},
    {"RequireNumbers", 26, false},
    {"RequireUppercaseCharacters", 26, false},
    {"RequireLowercaseCharacters", 26, false},
    {"AllowUsersToChangePassword", 26, false},
    {"MaxPasswordAge", 209, false},
    {"PasswordReusePrevention", 210, false},
    {"HardExpiry", 211, false},
    {"RoleName", 5, true},
    {"PolicyDocument", 35, true},
    {"GroupName", 7, true},
    {"NewPath", 19, false},
    {"NewGroupName", 7, false},
    {"UserName", 12, true},
    {"Password", 14, false},
    {"PasswordResetRequired", 211, false},
    {"OpenIDConnectProviderArn", 1, true},
    {"ThumbprintList", 30, true},
    {"RoleName", 5, true},
    {"Description", 39, false},
    {"MaxSessionDuration", 40, false},
    {"RoleName", 5, true},
    {"Description", 39, true},
    {"SAMLMetadataDocument", 42, true},
    {"SAMLProviderArn", 1, true},
    {"UserName", 12, true},
    {"SSHPublicKeyId", 69, true},
    {"Status", 206, true},
    {"ServerCertificateName", 71, true},
    {"NewPath", 19, false},
    {"NewServerCertificateName", 71, false},
    {"UserName", 12, false},
    {"ServiceSpecificCredentialId", 74, true},
    {"Status", 206, true},
    {"UserName", 8, false},
    {"CertificateId", 76, true},
    {"Status", 206, true},
    {"UserName", 8, true},
    {"NewPath", 19, false},
    {"NewUserName", 12, false},
    {"UserName", 12, true},
    {"SSHPublicKeyBody", 225, true},
    {"Path", 19, false},
    {"ServerCertificateName", 71, true},
    {"CertificateBody", 227, true},
    {"PrivateKey", 228, true},
    {"CertificateChain", 229, false},
    {"Tags", 21, false},
    {"UserName", 8, false},
    {"CertificateBody", 227, true},
    {"arn", 232, false},
    {"Key", 240, true},
    {"Value", 241, true},
    {"RoleArn", 232, true},
    {"RoleSessionName", 233, true},
    {"PolicyArns", 234, false},
    {"Policy", 236, false},
    {"DurationSeconds", 237, false},
    {"Tags", 238, false},
    {"TransitiveTagKeys", 242, false},
    {"ExternalId", 243, false},
    {"SerialNumber", 244, false},
    {"TokenCode", 245, false},
    {"SourceIdentity", 246, false},
    {"RoleArn", 232, true},
    {"PrincipalArn", 232, true},
    {"SAMLAssertion", 248, true},
    {"PolicyArns", 234, false},
    {"Policy", 236, false},
    {"DurationSeconds", 237, false},
    {"RoleArn", 232, true},
    {"RoleSessionName", 233, true},
    {"WebIdentityToken", 250, true},
    {"ProviderId", 251, false},
    {"PolicyArns", 234, false},
    {"Policy", 236, false},
    {"DurationSeconds", 237, false},
    {"EncodedMessage", 253, true},
    {"AccessKeyId", 255, true},
    {"Name", 258, true},
    {"Policy", 236, false},
    {"PolicyArns", 234, false},
    {"DurationSeconds", 259, false},
    {"Tags", 238, false},
    {"DurationSeconds", 259, false},
    {"SerialNumber", 244, false},
    {"TokenCode", 245, false},
};

// kind, has_min, min, has_max, max, pattern, enum_first, enum_count, first, count
constexpr Shape kShapeTable[] = {
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 0,
     2},  // iam.AddClientIDToOpenIDConnectProviderRequest
    {Kind::kString, true, 20, true, 2048, -1, 0, 0, 0, 0},    // iam.arnType
    {Kind::kString, true, 1, true, 255, -1, 0, 0, 0, 0},      // iam.clientIDType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 2, 2},   // iam.AddRoleToInstanceProfileRequest
    {Kind::kString, true, 1, true, 128, 0, 0, 0, 0, 0},       // iam.instanceProfileNameType
    {Kind::kString, true, 1, true, 64, 0, 0, 0, 0, 0},        // iam.roleNameType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 4, 2},   // iam.AddUserToGroupRequest
    {Kind::kString, true, 1, true, 128, 0, 0, 0, 0, 0},       // iam.groupNameType
    {Kind::kString, true, 1, true, 128, 0, 0, 0, 0, 0},       // iam.existingUserNameType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 6, 2},   // iam.AttachGroupPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 8, 2},   // iam.AttachRolePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 10, 2},  // iam.AttachUserPolicyRequest
    {Kind::kString, true, 1, true, 64, 0, 0, 0, 0, 0},        // iam.userNameType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 12, 2},  // iam.ChangePasswordRequest
    {Kind::kString, true, 1, true, 128, 1, 0, 0, 0, 0},       // iam.passwordType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 14, 1},  // iam.CreateAccessKeyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 15, 1},  // iam.CreateAccountAliasRequest
    {Kind::kString, true, 3, true, 63, 2, 0, 0, 0, 0},        // iam.accountAliasType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 16, 2},  // iam.CreateGroupRequest
    {Kind::kString, true, 1, true, 512, 3, 0, 0, 0, 0},       // iam.pathType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 20, 3},  // iam.CreateInstanceProfileRequest
    {Kind::kList, false, 0, true, 50, -1, 0, 0, 22, 0},       // iam.tagListType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 18, 2},  // iam.Tag
    {Kind::kString, true, 1, true, 128, 4, 0, 0, 0, 0},       // iam.tagKeyType
    {Kind::kString, true, 0, true, 256, 5, 0, 0, 0, 0},       // iam.tagValueType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 23, 3},  // iam.CreateLoginProfileRequest
    {Kind::kBoolean, false, 0, false, 0, -1, 0, 0, 0, 0},     // iam.booleanType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 26,
     4},                                                  // iam.CreateOpenIDConnectProviderRequest
    {Kind::kString, true, 1, true, 255, -1, 0, 0, 0, 0},  // iam.OpenIDConnectProviderUrlType
    {Kind::kList, false, 0, false, 0, -1, 0, 0, 2, 0},    // iam.clientIDListType
    {Kind::kList, false, 0, false, 0, -1, 0, 0, 31, 0},   // iam.thumbprintListType
    {Kind::kString, true, 40, true, 40, -1, 0, 0, 0, 0},  // iam.thumbprintType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 30, 5},      // iam.CreatePolicyRequest
    {Kind::kString, true, 1, true, 128, 0, 0, 0, 0, 0},           // iam.policyNameType
    {Kind::kString, true, 1, true, 512, 6, 0, 0, 0, 0},           // iam.policyPathType
    {Kind::kString, true, 1, true, 131072, 1, 0, 0, 0, 0},        // iam.policyDocumentType
    {Kind::kString, false, 0, true, 1000, -1, 0, 0, 0, 0},        // iam.policyDescriptionType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 35, 3},      // iam.CreatePolicyVersionRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 38, 7},      // iam.CreateRoleRequest
    {Kind::kString, false, 0, true, 1000, 7, 0, 0, 0, 0},         // iam.roleDescriptionType
    {Kind::kInteger, true, 3600, true, 43200, -1, 0, 0, 0, 0},    // iam.roleMaxSessionDurationType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 45, 3},      // iam.CreateSAMLProviderRequest
    {Kind::kString, true, 1000, true, 10000000, -1, 0, 0, 0, 0},  // iam.SAMLMetadataDocumentType
    {Kind::kString, true, 1, true, 128, 8, 0, 0, 0, 0},           // iam.SAMLProviderNameType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 48, 3},  // iam.CreateServiceLinkedRoleRequest
    {Kind::kString, true, 1, true, 64, 0, 0, 0, 0, 0},        // iam.customSuffixType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 51,
     2},  // iam.CreateServiceSpecificCredentialRequest
    {Kind::kString, false, 0, false, 0, -1, 0, 0, 0, 0},      // iam.serviceName
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 53, 4},  // iam.CreateUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 57, 3},  // iam.CreateVirtualMFADeviceRequest
    {Kind::kString, true, 1, false, 0, 0, 0, 0, 0, 0},        // iam.virtualMFADeviceName
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 60, 2},  // iam.DeactivateMFADeviceRequest
    {Kind::kString, true, 9, true, 256, 9, 0, 0, 0, 0},       // iam.serialNumberType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 62, 2},  // iam.DeleteAccessKeyRequest
    {Kind::kString, true, 16, true, 128, 10, 0, 0, 0, 0},     // iam.accessKeyIdType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 64, 1},  // iam.DeleteAccountAliasRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 65, 1},  // iam.DeleteGroupRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 66, 2},  // iam.DeleteGroupPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 68, 1},  // iam.DeleteInstanceProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 69, 1},  // iam.DeleteLoginProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 70,
     1},  // iam.DeleteOpenIDConnectProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 71, 1},  // iam.DeletePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 72, 2},  // iam.DeletePolicyVersionRequest
    {Kind::kString, false, 0, false, 0, 11, 0, 0, 0, 0},      // iam.policyVersionIdType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 74, 1},  // iam.DeleteRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 75,
     1},  // iam.DeleteRolePermissionsBoundaryRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 76, 2},  // iam.DeleteRolePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 78, 1},  // iam.DeleteSAMLProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 79, 2},  // iam.DeleteSSHPublicKeyRequest
    {Kind::kString, true, 20, true, 128, 10, 0, 0, 0, 0},     // iam.publicKeyIdType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 81, 1},  // iam.DeleteServerCertificateRequest
    {Kind::kString, true, 1, true, 128, 0, 0, 0, 0, 0},       // iam.serverCertificateNameType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 82, 1},  // iam.DeleteServiceLinkedRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 83,
     2},  // iam.DeleteServiceSpecificCredentialRequest
    {Kind::kString, true, 20, true, 128, 10, 0, 0, 0, 0},     // iam.serviceSpecificCredentialId
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 85, 2},  // iam.DeleteSigningCertificateRequest
    {Kind::kString, true, 24, true, 128, 10, 0, 0, 0, 0},     // iam.certificateIdType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 87, 1},  // iam.DeleteUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 88,
     1},  // iam.DeleteUserPermissionsBoundaryRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 89, 2},  // iam.DeleteUserPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 91, 1},  // iam.DeleteVirtualMFADeviceRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 92, 2},  // iam.DetachGroupPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 94, 2},  // iam.DetachRolePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 96, 2},  // iam.DetachUserPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 98, 4},  // iam.EnableMFADeviceRequest
    {Kind::kString, true, 6, true, 6, 12, 0, 0, 0, 0},        // iam.authenticationCodeType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 102,
     2},  // iam.GenerateOrganizationsAccessReportRequest
    {Kind::kString, true, 19, true, 427, 13, 0, 0, 0, 0},  // iam.organizationsEntityPathType
    {Kind::kString, false, 0, false, 0, 14, 0, 0, 0, 0},   // iam.organizationsPolicyIdType
    {Kind::kStructure, false, 0, false, 0, -1, 0, 0, 104,
     2},  // iam.GenerateServiceLastAccessedDetailsRequest
    {Kind::kString, false, 0, false, 0, -1, 0, 2, 0, 0},  // iam.AccessAdvisorUsageGranularityType
    {Kind::kStructure, false, 0, false, 0, -1, 2, 0, 106, 1},  // iam.GetAccessKeyLastUsedRequest
    {Kind::kStructure, false, 0, false, 0, -1, 2, 0, 107,
     3},  // iam.GetAccountAuthorizationDetailsRequest
    {Kind::kList, false, 0, false, 0, -1, 2, 0, 94, 0},     // iam.entityListType
    {Kind::kString, false, 0, false, 0, -1, 2, 5, 0, 0},    // iam.EntityType
    {Kind::kInteger, true, 1, true, 1000, -1, 7, 0, 0, 0},  // iam.maxItemsType
    {Kind::kString, true, 1, true, 320, 15, 7, 0, 0, 0},    // iam.markerType
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 110,
     1},                                                 // iam.GetContextKeysForCustomPolicyRequest
    {Kind::kList, false, 0, false, 0, -1, 7, 0, 35, 0},  // iam.SimulationPolicyListType
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 111,
     2},  // iam.GetContextKeysForPrincipalPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 113, 3},  // iam.GetGroupRequest
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 116, 2},  // iam.GetGroupPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 118, 1},  // iam.GetInstanceProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 119, 1},  // iam.GetLoginProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 120,
     1},  // iam.GetOpenIDConnectProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 7, 0, 121,
     4},                                                  // iam.GetOrganizationsAccessReportRequest
    {Kind::kString, true, 36, true, 36, -1, 7, 0, 0, 0},  // iam.jobIDType
    {Kind::kString, false, 0, false, 0, -1, 7, 4, 0, 0},  // iam.sortKeyType
    {Kind::kStructure, false, 0, false, 0, -1, 11, 0, 125, 1},  // iam.GetPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 11, 0, 126, 2},  // iam.GetPolicyVersionRequest
    {Kind::kStructure, false, 0, false, 0, -1, 11, 0, 128, 1},  // iam.GetRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 11, 0, 129, 2},  // iam.GetRolePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 11, 0, 131, 1},  // iam.GetSAMLProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 11, 0, 132, 3},  // iam.GetSSHPublicKeyRequest
    {Kind::kString, false, 0, false, 0, -1, 11, 2, 0, 0},       // iam.encodingType
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 135, 1},  // iam.GetServerCertificateRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 136,
     3},  // iam.GetServiceLastAccessedDetailsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 139,
     4},  // iam.GetServiceLastAccessedDetailsWithEntitiesRequest
    {Kind::kString, true, 1, true, 64, 16, 13, 0, 0, 0},  // iam.serviceNamespaceType
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 143,
     1},  // iam.GetServiceLinkedRoleDeletionStatusRequest
    {Kind::kString, true, 1, true, 1000, -1, 13, 0, 0, 0},      // iam.DeletionTaskIdType
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 144, 1},  // iam.GetUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 145, 2},  // iam.GetUserPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 147, 3},  // iam.ListAccessKeysRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 150, 2},  // iam.ListAccountAliasesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 152,
     4},  // iam.ListAttachedGroupPoliciesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 156,
     4},  // iam.ListAttachedRolePoliciesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 160,
     4},  // iam.ListAttachedUserPoliciesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 13, 0, 164, 6},  // iam.ListEntitiesForPolicyRequest
    {Kind::kString, false, 0, false, 0, -1, 13, 2, 0, 0},       // iam.PolicyUsageType
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 170, 3},  // iam.ListGroupPoliciesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 173, 3},  // iam.ListGroupsRequest
    {Kind::kString, true, 1, true, 512, 17, 15, 0, 0, 0},       // iam.pathPrefixType
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 176, 3},  // iam.ListGroupsForUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 179,
     3},  // iam.ListInstanceProfileTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 182, 3},  // iam.ListInstanceProfilesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 185,
     3},  // iam.ListInstanceProfilesForRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 188, 3},  // iam.ListMFADeviceTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 191, 3},  // iam.ListMFADevicesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 194,
     3},  // iam.ListOpenIDConnectProviderTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 197,
     0},  // iam.ListOpenIDConnectProvidersRequest
    {Kind::kStructure, false, 0, false, 0, -1, 15, 0, 197, 6},  // iam.ListPoliciesRequest
    {Kind::kString, false, 0, false, 0, -1, 15, 3, 0, 0},       // iam.policyScopeType
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 203,
     3},  // iam.ListPoliciesGrantingServiceAccessRequest
    {Kind::kList, true, 1, true, 200, -1, 18, 0, 118, 0},       // iam.serviceNamespaceListType
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 206, 3},  // iam.ListPolicyTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 209, 3},  // iam.ListPolicyVersionsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 212, 3},  // iam.ListRolePoliciesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 215, 3},  // iam.ListRoleTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 218, 3},  // iam.ListRolesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 221, 3},  // iam.ListSAMLProviderTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 224, 0},  // iam.ListSAMLProvidersRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 224, 3},  // iam.ListSSHPublicKeysRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 227,
     3},  // iam.ListServerCertificateTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 230, 3},  // iam.ListServerCertificatesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 233,
     2},  // iam.ListServiceSpecificCredentialsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 235,
     3},  // iam.ListSigningCertificatesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 238, 3},  // iam.ListUserPoliciesRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 241, 3},  // iam.ListUserTagsRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 244, 3},  // iam.ListUsersRequest
    {Kind::kStructure, false, 0, false, 0, -1, 18, 0, 247, 3},  // iam.ListVirtualMFADevicesRequest
    {Kind::kString, false, 0, false, 0, -1, 18, 3, 0, 0},       // iam.assignmentStatusType
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 250, 3},  // iam.PutGroupPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 253,
     2},  // iam.PutRolePermissionsBoundaryRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 255, 3},  // iam.PutRolePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 258,
     2},  // iam.PutUserPermissionsBoundaryRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 260, 3},  // iam.PutUserPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 263,
     2},  // iam.RemoveClientIDFromOpenIDConnectProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 265,
     2},  // iam.RemoveRoleFromInstanceProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 267, 2},  // iam.RemoveUserFromGroupRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 269,
     2},  // iam.ResetServiceSpecificCredentialRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 271, 4},  // iam.ResyncMFADeviceRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 275,
     2},  // iam.SetDefaultPolicyVersionRequest
    {Kind::kStructure, false, 0, false, 0, -1, 21, 0, 277,
     1},  // iam.SetSecurityTokenServicePreferencesRequest
    {Kind::kString, false, 0, false, 0, -1, 21, 2, 0, 0},        // iam.globalEndpointTokenVersion
    {Kind::kStructure, false, 0, false, 0, -1, 23, 0, 281, 11},  // iam.SimulateCustomPolicyRequest
    {Kind::kList, false, 0, false, 0, -1, 23, 0, 177, 0},        // iam.ActionNameListType
    {Kind::kString, true, 3, true, 128, -1, 23, 0, 0, 0},        // iam.ActionNameType
    {Kind::kList, false, 0, false, 0, -1, 23, 0, 179, 0},        // iam.ResourceNameListType
    {Kind::kString, true, 1, true, 2048, -1, 23, 0, 0, 0},       // iam.ResourceNameType
    {Kind::kList, false, 0, false, 0, -1, 23, 0, 181, 0},        // iam.ContextEntryListType
    {Kind::kStructure, false, 0, false, 0, -1, 23, 0, 278, 3},   // iam.ContextEntry
    {Kind::kString, true, 5, true, 256, -1, 23, 0, 0, 0},        // iam.ContextKeyNameType
    {Kind::kList, false, 0, false, 0, -1, 23, 0, 184, 0},        // iam.ContextKeyValueListType
    {Kind::kString, false, 0, false, 0, -1, 23, 0, 0, 0},        // iam.ContextKeyValueType
    {Kind::kString, false, 0, false, 0, -1, 23, 12, 0, 0},       // iam.ContextKeyTypeEnum
    {Kind::kString, true, 1, true, 64, -1, 35, 0, 0, 0},         // iam.ResourceHandlingOptionType
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 292,
     12},  // iam.SimulatePrincipalPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 304, 2},  // iam.TagInstanceProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 306, 2},  // iam.TagMFADeviceRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 308,
     2},  // iam.TagOpenIDConnectProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 310, 2},  // iam.TagPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 312, 2},  // iam.TagRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 314, 2},  // iam.TagSAMLProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 316, 2},  // iam.TagServerCertificateRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 318, 2},  // iam.TagUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 320, 2},  // iam.UntagInstanceProfileRequest
    {Kind::kList, false, 0, true, 50, -1, 35, 0, 23, 0},        // iam.tagKeyListType
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 322, 2},  // iam.UntagMFADeviceRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 324,
     2},  // iam.UntagOpenIDConnectProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 326, 2},  // iam.UntagPolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 328, 2},  // iam.UntagRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 330, 2},  // iam.UntagSAMLProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 332, 2},  // iam.UntagServerCertificateRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 334, 2},  // iam.UntagUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 35, 0, 336, 3},  // iam.UpdateAccessKeyRequest
    {Kind::kString, false, 0, false, 0, -1, 35, 2, 0, 0},       // iam.statusType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 339,
     9},  // iam.UpdateAccountPasswordPolicyRequest
    {Kind::kInteger, true, 6, true, 128, -1, 37, 0, 0, 0},      // iam.minimumPasswordLengthType
    {Kind::kInteger, true, 1, true, 1095, -1, 37, 0, 0, 0},     // iam.maxPasswordAgeType
    {Kind::kInteger, true, 1, true, 24, -1, 37, 0, 0, 0},       // iam.passwordReusePreventionType
    {Kind::kBoolean, false, 0, false, 0, -1, 37, 0, 0, 0},      // iam.booleanObjectType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 348, 2},  // iam.UpdateAssumeRolePolicyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 350, 3},  // iam.UpdateGroupRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 353, 3},  // iam.UpdateLoginProfileRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 356,
     2},  // iam.UpdateOpenIDConnectProviderThumbprintRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 358, 3},  // iam.UpdateRoleRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 361, 2},  // iam.UpdateRoleDescriptionRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 363, 2},  // iam.UpdateSAMLProviderRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 365, 3},  // iam.UpdateSSHPublicKeyRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 368,
     3},  // iam.UpdateServerCertificateRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 371,
     3},  // iam.UpdateServiceSpecificCredentialRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 374,
     3},  // iam.UpdateSigningCertificateRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 377, 3},  // iam.UpdateUserRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 380, 2},  // iam.UploadSSHPublicKeyRequest
    {Kind::kString, true, 1, true, 16384, 1, 37, 0, 0, 0},      // iam.publicKeyMaterialType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 382,
     6},                                                      // iam.UploadServerCertificateRequest
    {Kind::kString, true, 1, true, 16384, 1, 37, 0, 0, 0},    // iam.certificateBodyType
    {Kind::kString, true, 1, true, 16384, 1, 37, 0, 0, 0},    // iam.privateKeyType
    {Kind::kString, true, 1, true, 2097152, 1, 37, 0, 0, 0},  // iam.certificateChainType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 388,
     2},  // iam.UploadSigningCertificateRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 393, 11},  // sts.AssumeRoleRequest
    {Kind::kString, true, 20, true, 2048, 18, 37, 0, 0, 0},      // sts.arnType
    {Kind::kString, true, 2, true, 64, 19, 37, 0, 0, 0},         // sts.roleSessionNameType
    {Kind::kList, false, 0, false, 0, -1, 37, 0, 235, 0},        // sts.policyDescriptorListType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 390, 1},   // sts.PolicyDescriptorType
    {Kind::kString, true, 1, true, 2048, 1, 37, 0, 0, 0},        // sts.sessionPolicyDocumentType
    {Kind::kInteger, true, 900, true, 43200, -1, 37, 0, 0, 0},   // sts.roleDurationSecondsType
    {Kind::kList, false, 0, true, 50, -1, 37, 0, 239, 0},        // sts.tagListType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 391, 2},   // sts.Tag
    {Kind::kString, true, 1, true, 128, 4, 37, 0, 0, 0},         // sts.tagKeyType
    {Kind::kString, true, 0, true, 256, 5, 37, 0, 0, 0},         // sts.tagValueType
    {Kind::kList, false, 0, true, 50, -1, 37, 0, 240, 0},        // sts.tagKeyListType
    {Kind::kString, true, 2, true, 1224, 20, 37, 0, 0, 0},       // sts.externalIdType
    {Kind::kString, true, 9, true, 256, 21, 37, 0, 0, 0},        // sts.serialNumberType
    {Kind::kString, true, 6, true, 6, 22, 37, 0, 0, 0},          // sts.tokenCodeType
    {Kind::kString, true, 2, true, 64, 19, 37, 0, 0, 0},         // sts.sourceIdentityType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 404, 6},   // sts.AssumeRoleWithSAMLRequest
    {Kind::kString, true, 4, true, 100000, -1, 37, 0, 0, 0},     // sts.SAMLAssertionType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 410,
     7},                                                     // sts.AssumeRoleWithWebIdentityRequest
    {Kind::kString, true, 4, true, 20000, -1, 37, 0, 0, 0},  // sts.clientTokenType
    {Kind::kString, true, 4, true, 2048, -1, 37, 0, 0, 0},   // sts.urlType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 417,
     1},  // sts.DecodeAuthorizationMessageRequest
    {Kind::kString, true, 1, true, 10240, -1, 37, 0, 0, 0},      // sts.encodedMessageType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 418, 1},   // sts.GetAccessKeyInfoRequest
    {Kind::kString, true, 16, true, 128, 23, 37, 0, 0, 0},       // sts.accessKeyIdType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 419, 0},   // sts.GetCallerIdentityRequest
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 419, 5},   // sts.GetFederationTokenRequest
    {Kind::kString, true, 2, true, 32, 19, 37, 0, 0, 0},         // sts.userNameType
    {Kind::kInteger, true, 900, true, 129600, -1, 37, 0, 0, 0},  // sts.durationSecondsType
    {Kind::kStructure, false, 0, false, 0, -1, 37, 0, 424, 3},   // sts.GetSessionTokenRequest
};

// Sorted by service, then action.
constexpr Operation kOperationTable[] = {
    {"iam", "AddClientIDToOpenIDConnectProvider", 0},
    {"iam", "AddRoleToInstanceProfile", 3},
    {"iam", "AddUserToGroup", 6},
    {"iam", "AttachGroupPolicy", 9},
    {"iam", "AttachRolePolicy", 10},
    {"iam", "AttachUserPolicy", 11},
    {"iam", "ChangePassword", 13},
    {"iam", "CreateAccessKey", 15},
    {"iam", "CreateAccountAlias", 16},
    {"iam", "CreateGroup", 18},
    {"iam", "CreateInstanceProfile", 20},
    {"iam", "CreateLoginProfile", 25},
    {"iam", "CreateOpenIDConnectProvider", 27},
    {"iam", "CreatePolicy", 32},
    {"iam", "CreatePolicyVersion", 37},
    {"iam", "CreateRole", 38},
    {"iam", "CreateSAMLProvider", 41},
    {"iam", "CreateServiceLinkedRole", 44},
    {"iam", "CreateServiceSpecificCredential", 46},
    {"iam", "CreateUser", 48},
    {"iam", "CreateVirtualMFADevice", 49},
    {"iam", "DeactivateMFADevice", 51},
    {"iam", "DeleteAccessKey", 53},
    {"iam", "DeleteAccountAlias", 55},
    {"iam", "DeleteAccountPasswordPolicy", -1},
    {"iam", "DeleteGroup", 56},
    {"iam", "DeleteGroupPolicy", 57},
    {"iam", "DeleteInstanceProfile", 58},
    {"iam", "DeleteLoginProfile", 59},
    {"iam", "DeleteOpenIDConnectProvider", 60},
    {"iam", "DeletePolicy", 61},
    {"iam", "DeletePolicyVersion", 62},
    {"iam", "DeleteRole", 64},
    {"iam", "DeleteRolePermissionsBoundary", 65},
    {"iam", "DeleteRolePolicy", 66},
    {"iam", "DeleteSAMLProvider", 67},
    {"iam", "DeleteSSHPublicKey", 68},
    {"iam", "DeleteServerCertificate", 70},
    {"iam", "DeleteServiceLinkedRole", 72},
    {"iam", "DeleteServiceSpecificCredential", 73},
    {"iam", "DeleteSigningCertificate", 75},
    {"iam", "DeleteUser", 77},
    {"iam", "DeleteUserPermissionsBoundary", 78},
    {"iam", "DeleteUserPolicy", 79},
    {"iam", "DeleteVirtualMFADevice", 80},
    {"iam", "DetachGroupPolicy", 81},
    {"iam", "DetachRolePolicy", 82},
    {"iam", "DetachUserPolicy", 83},
    {"iam", "EnableMFADevice", 84},
    {"iam", "GenerateCredentialReport", -1},
    {"iam", "GenerateOrganizationsAccessReport", 86},
    {"iam", "GenerateServiceLastAccessedDetails", 89},
    {"iam", "GetAccessKeyLastUsed", 91},
    {"iam", "GetAccountAuthorizationDetails", 92},
    {"iam", "GetAccountPasswordPolicy", -1},
    {"iam", "GetAccountSummary", -1},
    {"iam", "GetContextKeysForCustomPolicy", 97},
    {"iam", "GetContextKeysForPrincipalPolicy", 99},
    {"iam", "GetCredentialReport", -1},
    {"iam", "GetGroup", 100},
    {"iam", "GetGroupPolicy", 101},
    {"iam", "GetInstanceProfile", 102},
    {"iam", "GetLoginProfile", 103},
    {"iam", "GetOpenIDConnectProvider", 104},
    {"iam", "GetOrganizationsAccessReport", 105},
    {"iam", "GetPolicy", 108},
    {"iam", "GetPolicyVersion", 109},
    {"iam", "GetRole", 110},
    {"iam", "GetRolePolicy", 111},
    {"iam", "GetSAMLProvider", 112},
    {"iam", "GetSSHPublicKey", 113},
    {"iam", "GetServerCertificate", 115},
    {"iam", "GetServiceLastAccessedDetails", 116},
    {"iam", "GetServiceLastAccessedDetailsWithEntities", 117},
    {"iam", "GetServiceLinkedRoleDeletionStatus", 119},
    {"iam", "GetUser", 121},
    {"iam", "GetUserPolicy", 122},
    {"iam", "ListAccessKeys", 123},
    {"iam", "ListAccountAliases", 124},
    {"iam", "ListAttachedGroupPolicies", 125},
    {"iam", "ListAttachedRolePolicies", 126},
    {"iam", "ListAttachedUserPolicies", 127},
    {"iam", "ListEntitiesForPolicy", 128},
    {"iam", "ListGroupPolicies", 130},
    {"iam", "ListGroups", 131},
    {"iam", "ListGroupsForUser", 133},
    {"iam", "ListInstanceProfileTags", 134},
    {"iam", "ListInstanceProfiles", 135},
    {"iam", "ListInstanceProfilesForRole", 136},
    {"iam", "ListMFADeviceTags", 137},
    {"iam", "ListMFADevices", 138},
    {"iam", "ListOpenIDConnectProviderTags", 139},
    {"iam", "ListOpenIDConnectProviders", 140},
    {"iam", "ListPolicies", 141},
    {"iam", "ListPoliciesGrantingServiceAccess", 143},
    {"iam", "ListPolicyTags", 145},
    {"iam", "ListPolicyVersions", 146},
    {"iam", "ListRolePolicies", 147},
    {"iam", "ListRoleTags", 148},
    {"iam", "ListRoles", 149},
    {"iam", "ListSAMLProviderTags", 150},
    {"iam", "ListSAMLProviders", 151},
    {"iam", "ListSSHPublicKeys", 152},
    {"iam", "ListServerCertificateTags", 153},
    {"iam", "ListServerCertificates", 154},
    {"iam", "ListServiceSpecificCredentials", 155},
    {"iam", "ListSigningCertificates", 156},
    {"iam", "ListUserPolicies", 157},
    {"iam", "ListUserTags", 158},
    {"iam", "ListUsers", 159},
    {"iam", "ListVirtualMFADevices", 160},
    {"iam", "PutGroupPolicy", 162},
    {"iam", "PutRolePermissionsBoundary", 163},
    {"iam", "PutRolePolicy", 164},
    {"iam", "PutUserPermissionsBoundary", 165},
    {"iam", "PutUserPolicy", 166},
    {"iam", "RemoveClientIDFromOpenIDConnectProvider", 167},
    {"iam", "RemoveRoleFromInstanceProfile", 168},
    {"iam", "RemoveUserFromGroup", 169},
    {"iam", "ResetServiceSpecificCredential", 170},
    {"iam", "ResyncMFADevice", 171},
    {"iam", "SetDefaultPolicyVersion", 172},
    {"iam", "SetSecurityTokenServicePreferences", 173},
    {"iam", "SimulateCustomPolicy", 175},
    {"iam", "SimulatePrincipalPolicy", 187},
    {"iam", "TagInstanceProfile", 188},
    {"iam", "TagMFADevice", 189},
    {"iam", "TagOpenIDConnectProvider", 190},
    {"iam", "TagPolicy", 191},
    {"iam", "TagRole", 192},
    {"iam", "TagSAMLProvider", 193},
    {"iam", "TagServerCertificate", 194},
    {"iam", "TagUser", 195},
    {"iam", "UntagInstanceProfile", 196},
    {"iam", "UntagMFADevice", 198},
    {"iam", "UntagOpenIDConnectProvider", 199},
    {"iam", "UntagPolicy", 200},
    {"iam", "UntagRole", 201},
    {"iam", "UntagSAMLProvider", 202},
    {"iam", "UntagServerCertificate", 203},
    {"iam", "UntagUser", 204},
    {"iam", "UpdateAccessKey", 205},
    {"iam", "UpdateAccountPasswordPolicy", 207},
    {"iam", "UpdateAssumeRolePolicy", 212},
    {"iam", "UpdateGroup", 213},
    {"iam", "UpdateLoginProfile", 214},
    {"iam", "UpdateOpenIDConnectProviderThumbprint", 215},
    {"iam", "UpdateRole", 216},
    {"iam", "UpdateRoleDescription", 217},
    {"iam", "UpdateSAMLProvider", 218},
    {"iam", "UpdateSSHPublicKey", 219},
    {"iam", "UpdateServerCertificate", 220},
    {"iam", "UpdateServiceSpecificCredential", 221},
    {"iam", "UpdateSigningCertificate", 222},
    {"iam", "UpdateUser", 223},
    {"iam", "UploadSSHPublicKey", 224},
    {"iam", "UploadServerCertificate", 226},
    {"iam", "UploadSigningCertificate", 230},
    {"sts", "AssumeRole", 231},
    {"sts", "AssumeRoleWithSAML", 247},
    {"sts", "AssumeRoleWithWebIdentity", 249},
    {"sts", "DecodeAuthorizationMessage", 252},
    {"sts", "GetAccessKeyInfo", 254},
    {"sts", "GetCallerIdentity", 256},
    {"sts", "GetFederationToken", 257},
    {"sts", "GetSessionToken", 260},
};

}  // namespace

std::span<const std::string_view> Patterns() { return kPatternTable; }
std::span<const std::string_view> EnumValues() { return kEnumTable; }
std::span<const Member> Members() { return kMemberTable; }
std::span<const Shape> Shapes() { return kShapeTable; }
std::span<const Operation> Operations() { return kOperationTable; }

}  // namespace aic::emulator::state::constraints
