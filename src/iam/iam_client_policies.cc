// IamClient: managed policies and versions, attachments, inline user and group policies.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;
using iam_internal::Require;

namespace {

// Attach/Detach for users and groups: (OwnerParam, owner, PolicyArn).
Status AttachDetach(QueryClient& q, std::string_view action, std::string_view owner_param,
                    std::string_view owner, std::string_view policy_arn) {
  AIC_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_RETURN_IF_ERROR(Require(action, "PolicyArn", policy_arn));
  return CallStatus(
      q, action,
      {{std::string(owner_param), std::string(owner)}, {"PolicyArn", std::string(policy_arn)}});
}

Status PutInline(QueryClient& q, std::string_view action, std::string_view owner_param,
                 std::string_view owner, std::string_view policy_name, std::string_view document) {
  AIC_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_RETURN_IF_ERROR(Require(action, "PolicyName", policy_name));
  AIC_RETURN_IF_ERROR(Require(action, "PolicyDocument", document));
  return CallStatus(q, action,
                    {{std::string(owner_param), std::string(owner)},
                     {"PolicyName", std::string(policy_name)},
                     {"PolicyDocument", std::string(document)}});
}

Result<InlinePolicy> GetInline(QueryClient& q, std::string_view action,
                               std::string_view owner_param, std::string_view owner,
                               std::string_view policy_name) {
  AIC_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_RETURN_IF_ERROR(Require(action, "PolicyName", policy_name));
  return CallParse(
      q, action,
      {{std::string(owner_param), std::string(owner)}, {"PolicyName", std::string(policy_name)}},
      iam_parse::InlinePolicyResult);
}

Status DeleteInline(QueryClient& q, std::string_view action, std::string_view owner_param,
                    std::string_view owner, std::string_view policy_name) {
  AIC_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_RETURN_IF_ERROR(Require(action, "PolicyName", policy_name));
  return CallStatus(
      q, action,
      {{std::string(owner_param), std::string(owner)}, {"PolicyName", std::string(policy_name)}});
}

template <class Parse>
auto ListFor(QueryClient& q, std::string_view action, std::string_view owner_param,
             std::string_view owner, const PageRequest& page, Parse&& parse)
    -> Result<decltype(parse(pugi::xml_node()))> {
  AIC_RETURN_IF_ERROR(Require(action, owner_param, owner));
  QueryParams p{{std::string(owner_param), std::string(owner)}};
  AddPage(p, page);
  return CallParse(q, action, p, parse);
}

}  // namespace

Result<ManagedPolicy> IamClient::CreatePolicy(std::string_view policy_name,
                                              std::string_view document, std::string_view path,
                                              std::string_view description,
                                              const std::vector<Tag>& tags) {
  AIC_RETURN_IF_ERROR(Require("CreatePolicy", "PolicyName", policy_name));
  AIC_RETURN_IF_ERROR(Require("CreatePolicy", "PolicyDocument", document));
  QueryParams p{{"PolicyName", std::string(policy_name)},
                {"PolicyDocument", std::string(document)}};
  AddIfNotEmpty(p, "Path", path);
  AddIfNotEmpty(p, "Description", description);
  AddTagParams(p, "Tags", tags);
  return CallParse(*query_, "CreatePolicy", p, iam_parse::PolicyResult);
}

Result<ManagedPolicy> IamClient::GetPolicy(std::string_view policy_arn) {
  AIC_RETURN_IF_ERROR(Require("GetPolicy", "PolicyArn", policy_arn));
  return CallParse(*query_, "GetPolicy", {{"PolicyArn", std::string(policy_arn)}},
                   iam_parse::PolicyResult);
}

Result<Page<ManagedPolicy>> IamClient::ListPolicies(const ListPoliciesFilter& filter,
                                                    const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "Scope", filter.scope);
  if (filter.only_attached) AddBool(p, "OnlyAttached", true);
  AddIfNotEmpty(p, "PathPrefix", filter.path_prefix);
  AddIfNotEmpty(p, "PolicyUsageFilter", filter.policy_usage_filter);
  AddPage(p, page);
  return CallParse(*query_, "ListPolicies", p, iam_parse::ListPolicies);
}

Status IamClient::DeletePolicy(std::string_view policy_arn) {
  AIC_RETURN_IF_ERROR(Require("DeletePolicy", "PolicyArn", policy_arn));
  return CallStatus(*query_, "DeletePolicy", {{"PolicyArn", std::string(policy_arn)}});
}

Result<PolicyVersion> IamClient::CreatePolicyVersion(std::string_view policy_arn,
                                                     std::string_view document,
                                                     bool set_as_default) {
  AIC_RETURN_IF_ERROR(Require("CreatePolicyVersion", "PolicyArn", policy_arn));
  AIC_RETURN_IF_ERROR(Require("CreatePolicyVersion", "PolicyDocument", document));
  QueryParams p{{"PolicyArn", std::string(policy_arn)}, {"PolicyDocument", std::string(document)}};
  AddBool(p, "SetAsDefault", set_as_default);
  return CallParse(*query_, "CreatePolicyVersion", p, iam_parse::PolicyVersionResult);
}

Result<PolicyVersion> IamClient::GetPolicyVersion(std::string_view policy_arn,
                                                  std::string_view version_id) {
  AIC_RETURN_IF_ERROR(Require("GetPolicyVersion", "PolicyArn", policy_arn));
  AIC_RETURN_IF_ERROR(Require("GetPolicyVersion", "VersionId", version_id));
  return CallParse(*query_, "GetPolicyVersion",
                   {{"PolicyArn", std::string(policy_arn)}, {"VersionId", std::string(version_id)}},
                   iam_parse::PolicyVersionResult);
}

Result<Page<PolicyVersion>> IamClient::ListPolicyVersions(std::string_view policy_arn,
                                                          const PageRequest& page) {
  return ListFor(*query_, "ListPolicyVersions", "PolicyArn", policy_arn, page,
                 iam_parse::ListPolicyVersions);
}

Status IamClient::DeletePolicyVersion(std::string_view policy_arn, std::string_view version_id) {
  AIC_RETURN_IF_ERROR(Require("DeletePolicyVersion", "PolicyArn", policy_arn));
  AIC_RETURN_IF_ERROR(Require("DeletePolicyVersion", "VersionId", version_id));
  return CallStatus(
      *query_, "DeletePolicyVersion",
      {{"PolicyArn", std::string(policy_arn)}, {"VersionId", std::string(version_id)}});
}

Status IamClient::SetDefaultPolicyVersion(std::string_view policy_arn,
                                          std::string_view version_id) {
  AIC_RETURN_IF_ERROR(Require("SetDefaultPolicyVersion", "PolicyArn", policy_arn));
  AIC_RETURN_IF_ERROR(Require("SetDefaultPolicyVersion", "VersionId", version_id));
  return CallStatus(
      *query_, "SetDefaultPolicyVersion",
      {{"PolicyArn", std::string(policy_arn)}, {"VersionId", std::string(version_id)}});
}

Status IamClient::AttachUserPolicy(std::string_view user_name, std::string_view policy_arn) {
  return AttachDetach(*query_, "AttachUserPolicy", "UserName", user_name, policy_arn);
}
Status IamClient::DetachUserPolicy(std::string_view user_name, std::string_view policy_arn) {
  return AttachDetach(*query_, "DetachUserPolicy", "UserName", user_name, policy_arn);
}
Result<Page<AttachedPolicy>> IamClient::ListAttachedUserPolicies(std::string_view user_name,
                                                                 const PageRequest& page) {
  return ListFor(*query_, "ListAttachedUserPolicies", "UserName", user_name, page,
                 iam_parse::ListAttachedPolicies);
}
Status IamClient::AttachGroupPolicy(std::string_view group_name, std::string_view policy_arn) {
  return AttachDetach(*query_, "AttachGroupPolicy", "GroupName", group_name, policy_arn);
}
Status IamClient::DetachGroupPolicy(std::string_view group_name, std::string_view policy_arn) {
  return AttachDetach(*query_, "DetachGroupPolicy", "GroupName", group_name, policy_arn);
}
Result<Page<AttachedPolicy>> IamClient::ListAttachedGroupPolicies(std::string_view group_name,
                                                                  const PageRequest& page) {
  return ListFor(*query_, "ListAttachedGroupPolicies", "GroupName", group_name, page,
                 iam_parse::ListAttachedPolicies);
}

Status IamClient::PutUserPolicy(std::string_view user_name, std::string_view policy_name,
                                std::string_view document) {
  return PutInline(*query_, "PutUserPolicy", "UserName", user_name, policy_name, document);
}
Result<InlinePolicy> IamClient::GetUserPolicy(std::string_view user_name,
                                              std::string_view policy_name) {
  return GetInline(*query_, "GetUserPolicy", "UserName", user_name, policy_name);
}
Status IamClient::DeleteUserPolicy(std::string_view user_name, std::string_view policy_name) {
  return DeleteInline(*query_, "DeleteUserPolicy", "UserName", user_name, policy_name);
}
Result<Page<std::string>> IamClient::ListUserPolicies(std::string_view user_name,
                                                      const PageRequest& page) {
  return ListFor(*query_, "ListUserPolicies", "UserName", user_name, page,
                 iam_parse::ListPolicyNames);
}
Status IamClient::PutGroupPolicy(std::string_view group_name, std::string_view policy_name,
                                 std::string_view document) {
  return PutInline(*query_, "PutGroupPolicy", "GroupName", group_name, policy_name, document);
}
Result<InlinePolicy> IamClient::GetGroupPolicy(std::string_view group_name,
                                               std::string_view policy_name) {
  return GetInline(*query_, "GetGroupPolicy", "GroupName", group_name, policy_name);
}
Status IamClient::DeleteGroupPolicy(std::string_view group_name, std::string_view policy_name) {
  return DeleteInline(*query_, "DeleteGroupPolicy", "GroupName", group_name, policy_name);
}
Result<Page<std::string>> IamClient::ListGroupPolicies(std::string_view group_name,
                                                       const PageRequest& page) {
  return ListFor(*query_, "ListGroupPolicies", "GroupName", group_name, page,
                 iam_parse::ListPolicyNames);
}

}  // namespace aic
