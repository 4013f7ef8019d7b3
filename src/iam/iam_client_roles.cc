// IamClient: roles, their policies and tags, instance profiles.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;
using iam_internal::Require;

Task<Result<Role>> IamClient::GetRole(std::string_view role_name) {
  AIC_CO_RETURN_IF_ERROR(Require("GetRole", "RoleName", role_name));
  QueryParams p{{"RoleName", std::string(role_name)}};
  co_return co_await CallParse(*query_, "GetRole", p, iam_parse::RoleResult);
}

Task<Result<Page<Role>>> IamClient::ListRoles(std::string_view path_prefix,
                                              const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListRoles", p, iam_parse::ListRoles);
}

Task<Status> IamClient::AttachRolePolicy(std::string_view role_name, std::string_view policy_arn) {
  AIC_CO_RETURN_IF_ERROR(Require("AttachRolePolicy", "RoleName", role_name));
  AIC_CO_RETURN_IF_ERROR(Require("AttachRolePolicy", "PolicyArn", policy_arn));
  QueryParams p{{"RoleName", std::string(role_name)}, {"PolicyArn", std::string(policy_arn)}};
  co_return co_await CallStatus(*query_, "AttachRolePolicy", p);
}

Task<Status> IamClient::DetachRolePolicy(std::string_view role_name, std::string_view policy_arn) {
  AIC_CO_RETURN_IF_ERROR(Require("DetachRolePolicy", "RoleName", role_name));
  AIC_CO_RETURN_IF_ERROR(Require("DetachRolePolicy", "PolicyArn", policy_arn));
  QueryParams p{{"RoleName", std::string(role_name)}, {"PolicyArn", std::string(policy_arn)}};
  co_return co_await CallStatus(*query_, "DetachRolePolicy", p);
}

Task<Result<Page<AttachedPolicy>>> IamClient::ListAttachedRolePolicies(std::string_view role_name,
                                                                       const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("ListAttachedRolePolicies", "RoleName", role_name));
  QueryParams p{{"RoleName", std::string(role_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListAttachedRolePolicies", p,
                               iam_parse::ListAttachedPolicies);
}

Task<Result<Page<std::string>>> IamClient::ListRolePolicies(std::string_view role_name,
                                                            const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("ListRolePolicies", "RoleName", role_name));
  QueryParams p{{"RoleName", std::string(role_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListRolePolicies", p, iam_parse::ListPolicyNames);
}

Task<Result<Page<Tag>>> IamClient::ListRoleTags(std::string_view role_name,
                                                const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("ListRoleTags", "RoleName", role_name));
  QueryParams p{{"RoleName", std::string(role_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListRoleTags", p, iam_parse::ListUserTags);
}

Task<Result<Page<InstanceProfile>>> IamClient::ListInstanceProfilesForRole(
    std::string_view role_name, const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("ListInstanceProfilesForRole", "RoleName", role_name));
  QueryParams p{{"RoleName", std::string(role_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListInstanceProfilesForRole", p,
                               iam_parse::ListInstanceProfiles);
}

Task<Result<Page<InstanceProfile>>> IamClient::ListInstanceProfiles(std::string_view path_prefix,
                                                                    const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListInstanceProfiles", p, iam_parse::ListInstanceProfiles);
}

}  // namespace aic
