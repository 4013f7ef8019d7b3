// Parsers from an IAM <ActionResult> node (QueryResponse::result) to the typed results of
// iam_types.h. Tolerant: a missing element gives an empty/default field, never an error; text
// is trimmed, dates normalised, policy documents URL-decoded. A null node gives empty values.
//
// Thread safety: pure functions.
#pragma once

#include <pugixml.hpp>
#include <string>
#include <vector>

#include "aws_iam_connector/iam_types.h"

namespace aic::iam_parse {

User UserResult(pugi::xml_node result);                  // CreateUser, GetUser: <User>
Page<User> ListUsers(pugi::xml_node result);             // <Users>
Page<Tag> ListUserTags(pugi::xml_node result);           // <Tags>
LoginProfile LoginProfileResult(pugi::xml_node result);  // <LoginProfile>

Group GroupResult(pugi::xml_node result);        // CreateGroup: <Group>
GroupWithUsers GetGroup(pugi::xml_node result);  // <Group>, <Users>
Page<Group> ListGroups(pugi::xml_node result);   // ListGroups, ListGroupsForUser: <Groups>

ManagedPolicy PolicyResult(pugi::xml_node result);                 // CreatePolicy, GetPolicy
Page<ManagedPolicy> ListPolicies(pugi::xml_node result);           // <Policies>
PolicyVersion PolicyVersionResult(pugi::xml_node result);          // <PolicyVersion>
Page<PolicyVersion> ListPolicyVersions(pugi::xml_node result);     // <Versions>
Page<AttachedPolicy> ListAttachedPolicies(pugi::xml_node result);  // <AttachedPolicies>
InlinePolicy InlinePolicyResult(pugi::xml_node result);            // GetUserPolicy, GetGroupPolicy
Page<std::string> ListPolicyNames(pugi::xml_node result);          // <PolicyNames>

AccessKey AccessKeyResult(pugi::xml_node result);               // CreateAccessKey: <AccessKey>
Page<AccessKeyMetadata> ListAccessKeys(pugi::xml_node result);  // <AccessKeyMetadata>
Page<MfaDevice> ListMfaDevices(pugi::xml_node result);          // <MFADevices>
Page<SigningCertificate> ListSigningCertificates(pugi::xml_node result);  // <Certificates>
Page<SshPublicKeyMetadata> ListSshPublicKeys(pugi::xml_node result);      // <SSHPublicKeys>
Page<ServiceSpecificCredentialMetadata> ListServiceSpecificCredentials(
    pugi::xml_node result);  // <ServiceSpecificCredentials>

Role RoleResult(pugi::xml_node result);                                   // GetRole: <Role>
Page<Role> ListRoles(pugi::xml_node result);                              // <Roles>
Page<InstanceProfile> ListInstanceProfiles(pugi::xml_node result);        // <InstanceProfiles>
std::vector<SamlProviderEntry> ListSamlProviders(pugi::xml_node result);  // <SAMLProviderList>
std::vector<std::string> ListOidcProviders(pugi::xml_node result);        // provider ARNs
Page<ServerCertificateMetadata> ListServerCertificates(pugi::xml_node result);
CredentialReportState GenerateCredentialReportResult(pugi::xml_node result);
// <Content> base64-decoded (empty when it does not decode), ReportFormat, GeneratedTime.
CredentialReport GetCredentialReportResult(pugi::xml_node result);

AccountAuthorizationDetails AccountAuthorizationDetailsResult(pugi::xml_node result);
PasswordPolicy PasswordPolicyResult(pugi::xml_node result);  // <PasswordPolicy>
AccountSummary AccountSummaryResult(pugi::xml_node result);  // <SummaryMap> entries

// SimulatePrincipalPolicy, SimulateCustomPolicy: <EvaluationResults>, IsTruncated, Marker.
Page<EvaluationResult> SimulatePolicyResult(pugi::xml_node result);

}  // namespace aic::iam_parse
