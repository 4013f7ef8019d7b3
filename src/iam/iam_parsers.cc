#include "iam/iam_parsers.h"

#include "common/text_codec.h"
#include "iam/xml_util.h"

namespace aic::iam_parse {
namespace {

using xml::Bool;
using xml::Child;
using xml::Date;
using xml::Int;
using xml::Members;
using xml::Text;

template <class T, class ReadFn>
Page<T> ReadPage(pugi::xml_node result, std::string_view list_name, ReadFn read) {
  Page<T> page;
  for (pugi::xml_node m : Members(result, list_name)) page.items.push_back(read(m));
  xml::ReadPaging(result, page);
  return page;
}

std::optional<bool> OptBool(pugi::xml_node node, std::string_view name) {
  if (!Child(node, name)) return std::nullopt;
  return Bool(node, name);
}

std::optional<int> OptInt(pugi::xml_node node, std::string_view name) {
  if (!Child(node, name)) return std::nullopt;
  return static_cast<int>(Int(node, name));
}

std::vector<InlinePolicy> InlinePolicies(pugi::xml_node node, std::string_view name) {
  std::vector<InlinePolicy> out;
  for (pugi::xml_node m : Members(node, name)) {
    out.push_back(
        InlinePolicy{"", Text(m, "PolicyName"), xml::PolicyDocument(m, "PolicyDocument")});
  }
  return out;
}

UserDetail ReadUserDetail(pugi::xml_node m) {
  UserDetail u;
  u.path = Text(m, "Path");
  u.user_name = Text(m, "UserName");
  u.user_id = Text(m, "UserId");
  u.arn = Text(m, "Arn");
  u.create_date = Date(m, "CreateDate");
  u.user_policy_list = InlinePolicies(m, "UserPolicyList");
  for (pugi::xml_node g : Members(m, "GroupList")) u.group_list.push_back(xml::OwnText(g));
  u.attached_managed_policies = xml::AttachedPolicies(m, "AttachedManagedPolicies");
  u.permissions_boundary = xml::Boundary(m);
  u.tags = xml::Tags(m);
  return u;
}

GroupDetail ReadGroupDetail(pugi::xml_node m) {
  GroupDetail g;
  g.path = Text(m, "Path");
  g.group_name = Text(m, "GroupName");
  g.group_id = Text(m, "GroupId");
  g.arn = Text(m, "Arn");
  g.create_date = Date(m, "CreateDate");
  g.group_policy_list = InlinePolicies(m, "GroupPolicyList");
  g.attached_managed_policies = xml::AttachedPolicies(m, "AttachedManagedPolicies");
  return g;
}

// The fields AWS's Role and RoleDetail shapes share, read once for both.
template <class RoleShape>
void ReadRoleFields(pugi::xml_node m, RoleShape& r) {
  r.path = Text(m, "Path");
  r.role_name = Text(m, "RoleName");
  r.role_id = Text(m, "RoleId");
  r.arn = Text(m, "Arn");
  r.create_date = Date(m, "CreateDate");
  r.assume_role_policy_document = xml::PolicyDocument(m, "AssumeRolePolicyDocument");
  r.permissions_boundary = xml::Boundary(m);
  r.tags = xml::Tags(m);
  pugi::xml_node u = Child(m, "RoleLastUsed");
  r.role_last_used = RoleLastUsed{Date(u, "LastUsedDate"), Text(u, "Region")};
}

Role ReadRole(pugi::xml_node m) {
  Role r;
  ReadRoleFields(m, r);
  r.description = Text(m, "Description");
  r.max_session_duration = static_cast<int>(Int(m, "MaxSessionDuration"));
  return r;
}

InstanceProfile ReadInstanceProfile(pugi::xml_node m) {
  InstanceProfile p;
  p.path = Text(m, "Path");
  p.instance_profile_name = Text(m, "InstanceProfileName");
  p.instance_profile_id = Text(m, "InstanceProfileId");
  p.arn = Text(m, "Arn");
  p.create_date = Date(m, "CreateDate");
  for (pugi::xml_node r : Members(m, "Roles")) p.role_names.push_back(Text(r, "RoleName"));
  p.tags = xml::Tags(m);
  return p;
}

RoleDetail ReadRoleDetail(pugi::xml_node m) {
  RoleDetail r;
  ReadRoleFields(m, r);
  for (pugi::xml_node p : Members(m, "InstanceProfileList")) {
    r.instance_profile_list.push_back(ReadInstanceProfile(p));
  }
  r.role_policy_list = InlinePolicies(m, "RolePolicyList");
  r.attached_managed_policies = xml::AttachedPolicies(m, "AttachedManagedPolicies");
  return r;
}

ManagedPolicyDetail ReadPolicyDetail(pugi::xml_node m) {
  ManagedPolicyDetail d;
  d.policy = xml::ReadPolicy(m);
  for (pugi::xml_node v : Members(m, "PolicyVersionList")) {
    d.policy_version_list.push_back(xml::ReadPolicyVersion(v));
  }
  return d;
}

}  // namespace

User UserResult(pugi::xml_node result) { return xml::ReadUser(Child(result, "User")); }

Page<User> ListUsers(pugi::xml_node result) {
  return ReadPage<User>(result, "Users", xml::ReadUser);
}

Page<Tag> ListUserTags(pugi::xml_node result) {
  Page<Tag> page;
  page.items = xml::Tags(result);
  xml::ReadPaging(result, page);
  return page;
}

LoginProfile LoginProfileResult(pugi::xml_node result) {
  pugi::xml_node p = Child(result, "LoginProfile");
  return LoginProfile{Text(p, "UserName"), Date(p, "CreateDate"), Bool(p, "PasswordResetRequired")};
}

Group GroupResult(pugi::xml_node result) { return xml::ReadGroup(Child(result, "Group")); }

GroupWithUsers GetGroup(pugi::xml_node result) {
  GroupWithUsers out;
  out.group = xml::ReadGroup(Child(result, "Group"));
  out.users = ReadPage<User>(result, "Users", xml::ReadUser);
  return out;
}

Page<Group> ListGroups(pugi::xml_node result) {
  return ReadPage<Group>(result, "Groups", xml::ReadGroup);
}

ManagedPolicy PolicyResult(pugi::xml_node result) {
  return xml::ReadPolicy(Child(result, "Policy"));
}

Page<ManagedPolicy> ListPolicies(pugi::xml_node result) {
  return ReadPage<ManagedPolicy>(result, "Policies", xml::ReadPolicy);
}

PolicyVersion PolicyVersionResult(pugi::xml_node result) {
  return xml::ReadPolicyVersion(Child(result, "PolicyVersion"));
}

Page<PolicyVersion> ListPolicyVersions(pugi::xml_node result) {
  return ReadPage<PolicyVersion>(result, "Versions", xml::ReadPolicyVersion);
}

Page<AttachedPolicy> ListAttachedPolicies(pugi::xml_node result) {
  return ReadPage<AttachedPolicy>(result, "AttachedPolicies", xml::ReadAttachedPolicy);
}

InlinePolicy InlinePolicyResult(pugi::xml_node result) {
  std::string owner = Text(result, "UserName");
  if (owner.empty()) owner = Text(result, "GroupName");
  return InlinePolicy{owner, Text(result, "PolicyName"),
                      xml::PolicyDocument(result, "PolicyDocument")};
}

Page<std::string> ListPolicyNames(pugi::xml_node result) {
  return ReadPage<std::string>(result, "PolicyNames", xml::OwnText);
}

AccessKey AccessKeyResult(pugi::xml_node result) {
  pugi::xml_node k = Child(result, "AccessKey");
  AccessKey key;
  key.user_name = Text(k, "UserName");
  key.access_key_id = Text(k, "AccessKeyId");
  key.status = Text(k, "Status");
  pugi::xml_node secret = Child(k, "SecretAccessKey");
  key.secret_access_key = SecretString(text::TrimAsciiSpace(secret.child_value()));
  key.create_date = Date(k, "CreateDate");
  return key;
}

Page<AccessKeyMetadata> ListAccessKeys(pugi::xml_node result) {
  return ReadPage<AccessKeyMetadata>(result, "AccessKeyMetadata", [](pugi::xml_node m) {
    return AccessKeyMetadata{Text(m, "UserName"), Text(m, "AccessKeyId"), Text(m, "Status"),
                             Date(m, "CreateDate")};
  });
}

Page<MfaDevice> ListMfaDevices(pugi::xml_node result) {
  return ReadPage<MfaDevice>(result, "MFADevices", [](pugi::xml_node m) {
    return MfaDevice{Text(m, "UserName"), Text(m, "SerialNumber"), Date(m, "EnableDate")};
  });
}

Page<SigningCertificate> ListSigningCertificates(pugi::xml_node result) {
  return ReadPage<SigningCertificate>(result, "Certificates", [](pugi::xml_node m) {
    return SigningCertificate{Text(m, "UserName"), Text(m, "CertificateId"),
                              Text(m, "CertificateBody"), Text(m, "Status"), Date(m, "UploadDate")};
  });
}

Page<SshPublicKeyMetadata> ListSshPublicKeys(pugi::xml_node result) {
  return ReadPage<SshPublicKeyMetadata>(result, "SSHPublicKeys", [](pugi::xml_node m) {
    return SshPublicKeyMetadata{Text(m, "UserName"), Text(m, "SSHPublicKeyId"), Text(m, "Status"),
                                Date(m, "UploadDate")};
  });
}

Page<ServiceSpecificCredentialMetadata> ListServiceSpecificCredentials(pugi::xml_node result) {
  return ReadPage<ServiceSpecificCredentialMetadata>(
      result, "ServiceSpecificCredentials", [](pugi::xml_node m) {
        return ServiceSpecificCredentialMetadata{Text(m, "UserName"),
                                                 Text(m, "Status"),
                                                 Text(m, "ServiceUserName"),
                                                 Date(m, "CreateDate"),
                                                 Text(m, "ServiceSpecificCredentialId"),
                                                 Text(m, "ServiceName")};
      });
}

Role RoleResult(pugi::xml_node result) { return ReadRole(Child(result, "Role")); }

Page<Role> ListRoles(pugi::xml_node result) { return ReadPage<Role>(result, "Roles", ReadRole); }

Page<InstanceProfile> ListInstanceProfiles(pugi::xml_node result) {
  return ReadPage<InstanceProfile>(result, "InstanceProfiles", ReadInstanceProfile);
}

std::vector<SamlProviderEntry> ListSamlProviders(pugi::xml_node result) {
  std::vector<SamlProviderEntry> out;
  for (pugi::xml_node m : Members(result, "SAMLProviderList")) {
    out.push_back(SamlProviderEntry{Text(m, "Arn"), Date(m, "ValidUntil"), Date(m, "CreateDate")});
  }
  return out;
}

std::vector<std::string> ListOidcProviders(pugi::xml_node result) {
  std::vector<std::string> out;
  for (pugi::xml_node m : Members(result, "OpenIDConnectProviderList")) {
    out.push_back(Text(m, "Arn"));
  }
  return out;
}

Page<ServerCertificateMetadata> ListServerCertificates(pugi::xml_node result) {
  return ReadPage<ServerCertificateMetadata>(
      result, "ServerCertificateMetadataList", [](pugi::xml_node m) {
        return ServerCertificateMetadata{Text(m, "Path"),
                                         Text(m, "ServerCertificateName"),
                                         Text(m, "ServerCertificateId"),
                                         Text(m, "Arn"),
                                         Date(m, "UploadDate"),
                                         Date(m, "Expiration")};
      });
}

CredentialReportState GenerateCredentialReportResult(pugi::xml_node result) {
  return CredentialReportState{Text(result, "State"), Text(result, "Description")};
}

CredentialReport GetCredentialReportResult(pugi::xml_node result) {
  CredentialReport out;
  std::optional<std::string> content = text::Base64Decode(Text(result, "Content"));
  if (content) out.content = std::move(*content);
  out.report_format = Text(result, "ReportFormat");
  out.generated_time = Date(result, "GeneratedTime");
  return out;
}

AccountAuthorizationDetails AccountAuthorizationDetailsResult(pugi::xml_node result) {
  AccountAuthorizationDetails d;
  for (pugi::xml_node m : Members(result, "UserDetailList")) d.users.push_back(ReadUserDetail(m));
  for (pugi::xml_node m : Members(result, "GroupDetailList")) {
    d.groups.push_back(ReadGroupDetail(m));
  }
  for (pugi::xml_node m : Members(result, "RoleDetailList")) d.roles.push_back(ReadRoleDetail(m));
  for (pugi::xml_node m : Members(result, "Policies")) d.policies.push_back(ReadPolicyDetail(m));
  d.is_truncated = Bool(result, "IsTruncated");
  d.marker = d.is_truncated ? Text(result, "Marker") : std::string();
  return d;
}

PasswordPolicy PasswordPolicyResult(pugi::xml_node result) {
  pugi::xml_node p = Child(result, "PasswordPolicy");
  PasswordPolicy out;
  out.minimum_password_length = OptInt(p, "MinimumPasswordLength");
  out.require_symbols = OptBool(p, "RequireSymbols");
  out.require_numbers = OptBool(p, "RequireNumbers");
  out.require_uppercase_characters = OptBool(p, "RequireUppercaseCharacters");
  out.require_lowercase_characters = OptBool(p, "RequireLowercaseCharacters");
  out.allow_users_to_change_password = OptBool(p, "AllowUsersToChangePassword");
  out.expire_passwords = OptBool(p, "ExpirePasswords");
  out.max_password_age = OptInt(p, "MaxPasswordAge");
  out.password_reuse_prevention = OptInt(p, "PasswordReusePrevention");
  out.hard_expiry = OptBool(p, "HardExpiry");
  return out;
}

AccountSummary AccountSummaryResult(pugi::xml_node result) {
  AccountSummary out;
  pugi::xml_node map = Child(result, "SummaryMap");
  for (pugi::xml_node e = map.first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element || xml::LocalName(e) != "entry") continue;
    out[Text(e, "key")] = Int(e, "value");
  }
  return out;
}

namespace {

std::vector<MatchedStatement> MatchedStatements(pugi::xml_node node) {
  std::vector<MatchedStatement> out;
  for (pugi::xml_node m : Members(node, "MatchedStatements")) {
    out.push_back(MatchedStatement{Text(m, "SourcePolicyId"), Text(m, "SourcePolicyType")});
  }
  return out;
}

std::vector<std::string> MissingContextValues(pugi::xml_node node) {
  std::vector<std::string> out;
  for (pugi::xml_node m : Members(node, "MissingContextValues")) out.push_back(xml::OwnText(m));
  return out;
}

EvaluationResult ReadEvaluationResult(pugi::xml_node m) {
  EvaluationResult r;
  r.action_name = Text(m, "EvalActionName");
  r.resource_name = Text(m, "EvalResourceName");
  r.decision = Text(m, "EvalDecision");
  r.matched_statements = MatchedStatements(m);
  r.missing_context_values = MissingContextValues(m);
  pugi::xml_node details = Child(m, "EvalDecisionDetails");
  for (pugi::xml_node e = details.first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element || xml::LocalName(e) != "entry") continue;
    r.decision_details.emplace_back(Text(e, "key"), Text(e, "value"));
  }
  pugi::xml_node boundary = Child(m, "PermissionsBoundaryDecisionDetail");
  if (boundary) r.boundary_allowed = OptBool(boundary, "AllowedByPermissionsBoundary");
  for (pugi::xml_node rs : Members(m, "ResourceSpecificResults")) {
    ResourceEvaluation e;
    e.resource_name = Text(rs, "EvalResourceName");
    e.decision = Text(rs, "EvalResourceDecision");
    e.matched_statements = MatchedStatements(rs);
    e.missing_context_values = MissingContextValues(rs);
    r.resource_specific_results.push_back(std::move(e));
  }
  return r;
}

}  // namespace

Page<EvaluationResult> SimulatePolicyResult(pugi::xml_node result) {
  return ReadPage<EvaluationResult>(result, "EvaluationResults", ReadEvaluationResult);
}

}  // namespace aic::iam_parse
