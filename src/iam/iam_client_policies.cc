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
Task<Status> AttachDetach(QueryClient& q, std::string_view action, std::string_view owner_param,
                          std::string_view owner, std::string_view policy_arn) {
  AIC_CO_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_CO_RETURN_IF_ERROR(Require(action, "PolicyArn", policy_arn));
  QueryParams params{{std::string(owner_param), std::string(owner)},
                     {"PolicyArn", std::string(policy_arn)}};
  co_return co_await CallStatus(q, action, params);
}

Task<Status> PutInline(QueryClient& q, std::string_view action, std::string_view owner_param,
                       std::string_view owner, std::string_view policy_name,
                       std::string_view document) {
  AIC_CO_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_CO_RETURN_IF_ERROR(Require(action, "PolicyName", policy_name));
  AIC_CO_RETURN_IF_ERROR(Require(action, "PolicyDocument", document));
  QueryParams params{{std::string(owner_param), std::string(owner)},
                     {"PolicyName", std::string(policy_name)},
                     {"PolicyDocument", std::string(document)}};
  co_return co_await CallStatus(q, action, params);
}

Task<Result<InlinePolicy>> GetInline(QueryClient& q, std::string_view action,
                                     std::string_view owner_param, std::string_view owner,
                                     std::string_view policy_name) {
  AIC_CO_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_CO_RETURN_IF_ERROR(Require(action, "PolicyName", policy_name));
  QueryParams params{{std::string(owner_param), std::string(owner)},
                     {"PolicyName", std::string(policy_name)}};
  co_return co_await CallParse(q, action, params, iam_parse::InlinePolicyResult);
}

Task<Status> DeleteInline(QueryClient& q, std::string_view action, std::string_view owner_param,
                          std::string_view owner, std::string_view policy_name) {
  AIC_CO_RETURN_IF_ERROR(Require(action, owner_param, owner));
  AIC_CO_RETURN_IF_ERROR(Require(action, "PolicyName", policy_name));
  QueryParams params{{std::string(owner_param), std::string(owner)},
                     {"PolicyName", std::string(policy_name)}};
  co_return co_await CallStatus(q, action, params);
}

template <class Parse>
auto ListFor(QueryClient& q, std::string_view action, std::string_view owner_param,
             std::string_view owner, const PageRequest& page, Parse parse)
    -> Task<Result<decltype(parse(pugi::xml_node()))>> {
  AIC_CO_RETURN_IF_ERROR(Require(action, owner_param, owner));
  QueryParams p{{std::string(owner_param), std::string(owner)}};
  AddPage(p, page);
  co_return co_await CallParse(q, action, p, parse);
}

}  // namespace

Task<Result<ManagedPolicy>> IamClient::CreatePolicy(std::string_view policy_name,
                                                    std::string_view document,
                                                    std::string_view path,
                                                    std::string_view description,
                                                    const std::vector<Tag>& tags) {
  AIC_CO_RETURN_IF_ERROR(Require("CreatePolicy", "PolicyName", policy_name));
  AIC_CO_RETURN_IF_ERROR(Require("CreatePolicy", "PolicyDocument", document));
  QueryParams p{{"PolicyName", std::string(policy_name)},
                {"PolicyDocument", std::string(document)}};
  AddIfNotEmpty(p, "Path", path);
  AddIfNotEmpty(p, "Description", description);
  AddTagParams(p, "Tags", tags);
  co_return co_await CallParse(*query_, "CreatePolicy", p, iam_parse::PolicyResult);
}

Task<Result<ManagedPolicy>> IamClient::GetPolicy(std::string_view policy_arn) {
  AIC_CO_RETURN_IF_ERROR(Require("GetPolicy", "PolicyArn", policy_arn));
  QueryParams params{{"PolicyArn", std::string(policy_arn)}};
  co_return co_await CallParse(*query_, "GetPolicy", params, iam_parse::PolicyResult);
}

Task<Result<Page<ManagedPolicy>>> IamClient::ListPolicies(const ListPoliciesFilter& filter,
                                                          const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "Scope", filter.scope);
  if (filter.only_attached) AddBool(p, "OnlyAttached", true);
  AddIfNotEmpty(p, "PathPrefix", filter.path_prefix);
  AddIfNotEmpty(p, "PolicyUsageFilter", filter.policy_usage_filter);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListPolicies", p, iam_parse::ListPolicies);
}

Task<Status> IamClient::DeletePolicy(std::string_view policy_arn) {
  AIC_CO_RETURN_IF_ERROR(Require("DeletePolicy", "PolicyArn", policy_arn));
  QueryParams params{{"PolicyArn", std::string(policy_arn)}};
  co_return co_await CallStatus(*query_, "DeletePolicy", params);
}

Task<Result<PolicyVersion>> IamClient::CreatePolicyVersion(std::string_view policy_arn,
                                                           std::string_view document,
                                                           bool set_as_default) {
  AIC_CO_RETURN_IF_ERROR(Require("CreatePolicyVersion", "PolicyArn", policy_arn));
  AIC_CO_RETURN_IF_ERROR(Require("CreatePolicyVersion", "PolicyDocument", document));
  QueryParams p{{"PolicyArn", std::string(policy_arn)}, {"PolicyDocument", std::string(document)}};
  AddBool(p, "SetAsDefault", set_as_default);
  co_return co_await CallParse(*query_, "CreatePolicyVersion", p, iam_parse::PolicyVersionResult);
}

Task<Result<PolicyVersion>> IamClient::GetPolicyVersion(std::string_view policy_arn,
                                                        std::string_view version_id) {
  AIC_CO_RETURN_IF_ERROR(Require("GetPolicyVersion", "PolicyArn", policy_arn));
  AIC_CO_RETURN_IF_ERROR(Require("GetPolicyVersion", "VersionId", version_id));
  QueryParams params{{"PolicyArn", std::string(policy_arn)},
                     {"VersionId", std::string(version_id)}};
  co_return co_await CallParse(*query_, "GetPolicyVersion", params, iam_parse::PolicyVersionResult);
}

Task<Result<Page<PolicyVersion>>> IamClient::ListPolicyVersions(std::string_view policy_arn,
                                                                const PageRequest& page) {
  co_return co_await ListFor(*query_, "ListPolicyVersions", "PolicyArn", policy_arn, page,
                             iam_parse::ListPolicyVersions);
}

Task<Status> IamClient::DeletePolicyVersion(std::string_view policy_arn,
                                            std::string_view version_id) {
  AIC_CO_RETURN_IF_ERROR(Require("DeletePolicyVersion", "PolicyArn", policy_arn));
  AIC_CO_RETURN_IF_ERROR(Require("DeletePolicyVersion", "VersionId", version_id));
  QueryParams params{{"PolicyArn", std::string(policy_arn)},
                     {"VersionId", std::string(version_id)}};
  co_return co_await CallStatus(*query_, "DeletePolicyVersion", params);
}

Task<Status> IamClient::SetDefaultPolicyVersion(std::string_view policy_arn,
                                                std::string_view version_id) {
  AIC_CO_RETURN_IF_ERROR(Require("SetDefaultPolicyVersion", "PolicyArn", policy_arn));
  AIC_CO_RETURN_IF_ERROR(Require("SetDefaultPolicyVersion", "VersionId", version_id));
  QueryParams params{{"PolicyArn", std::string(policy_arn)},
                     {"VersionId", std::string(version_id)}};
  co_return co_await CallStatus(*query_, "SetDefaultPolicyVersion", params);
}

Task<Status> IamClient::AttachUserPolicy(std::string_view user_name, std::string_view policy_arn) {
  co_return co_await AttachDetach(*query_, "AttachUserPolicy", "UserName", user_name, policy_arn);
}
Task<Status> IamClient::DetachUserPolicy(std::string_view user_name, std::string_view policy_arn) {
  co_return co_await AttachDetach(*query_, "DetachUserPolicy", "UserName", user_name, policy_arn);
}
Task<Result<Page<AttachedPolicy>>> IamClient::ListAttachedUserPolicies(std::string_view user_name,
                                                                       const PageRequest& page) {
  co_return co_await ListFor(*query_, "ListAttachedUserPolicies", "UserName", user_name, page,
                             iam_parse::ListAttachedPolicies);
}
Task<Status> IamClient::AttachGroupPolicy(std::string_view group_name,
                                          std::string_view policy_arn) {
  co_return co_await AttachDetach(*query_, "AttachGroupPolicy", "GroupName", group_name,
                                  policy_arn);
}
Task<Status> IamClient::DetachGroupPolicy(std::string_view group_name,
                                          std::string_view policy_arn) {
  co_return co_await AttachDetach(*query_, "DetachGroupPolicy", "GroupName", group_name,
                                  policy_arn);
}
Task<Result<Page<AttachedPolicy>>> IamClient::ListAttachedGroupPolicies(std::string_view group_name,
                                                                        const PageRequest& page) {
  co_return co_await ListFor(*query_, "ListAttachedGroupPolicies", "GroupName", group_name, page,
                             iam_parse::ListAttachedPolicies);
}

Task<Status> IamClient::PutUserPolicy(std::string_view user_name, std::string_view policy_name,
                                      std::string_view document) {
  co_return co_await PutInline(*query_, "PutUserPolicy", "UserName", user_name, policy_name,
                               document);
}
Task<Result<InlinePolicy>> IamClient::GetUserPolicy(std::string_view user_name,
                                                    std::string_view policy_name) {
  co_return co_await GetInline(*query_, "GetUserPolicy", "UserName", user_name, policy_name);
}
Task<Status> IamClient::DeleteUserPolicy(std::string_view user_name, std::string_view policy_name) {
  co_return co_await DeleteInline(*query_, "DeleteUserPolicy", "UserName", user_name, policy_name);
}
Task<Result<Page<std::string>>> IamClient::ListUserPolicies(std::string_view user_name,
                                                            const PageRequest& page) {
  co_return co_await ListFor(*query_, "ListUserPolicies", "UserName", user_name, page,
                             iam_parse::ListPolicyNames);
}
Task<Status> IamClient::PutGroupPolicy(std::string_view group_name, std::string_view policy_name,
                                       std::string_view document) {
  co_return co_await PutInline(*query_, "PutGroupPolicy", "GroupName", group_name, policy_name,
                               document);
}
Task<Result<InlinePolicy>> IamClient::GetGroupPolicy(std::string_view group_name,
                                                     std::string_view policy_name) {
  co_return co_await GetInline(*query_, "GetGroupPolicy", "GroupName", group_name, policy_name);
}
Task<Status> IamClient::DeleteGroupPolicy(std::string_view group_name,
                                          std::string_view policy_name) {
  co_return co_await DeleteInline(*query_, "DeleteGroupPolicy", "GroupName", group_name,
                                  policy_name);
}
Task<Result<Page<std::string>>> IamClient::ListGroupPolicies(std::string_view group_name,
                                                             const PageRequest& page) {
  co_return co_await ListFor(*query_, "ListGroupPolicies", "GroupName", group_name, page,
                             iam_parse::ListPolicyNames);
}

}  // namespace aic
