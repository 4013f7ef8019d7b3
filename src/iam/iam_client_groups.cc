// IamClient: groups and group membership.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;
using iam_internal::Require;

Task<Result<Group>> IamClient::CreateGroup(std::string_view group_name, std::string_view path) {
  AIC_CO_RETURN_IF_ERROR(Require("CreateGroup", "GroupName", group_name));
  QueryParams p{{"GroupName", std::string(group_name)}};
  AddIfNotEmpty(p, "Path", path);
  co_return co_await CallParse(*query_, "CreateGroup", p, iam_parse::GroupResult);
}

Task<Result<GroupWithUsers>> IamClient::GetGroup(std::string_view group_name,
                                                 const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("GetGroup", "GroupName", group_name));
  QueryParams p{{"GroupName", std::string(group_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "GetGroup", p, iam_parse::GetGroup);
}

Task<Result<Page<Group>>> IamClient::ListGroups(std::string_view path_prefix,
                                                const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListGroups", p, iam_parse::ListGroups);
}

Task<Status> IamClient::UpdateGroup(std::string_view group_name, std::string_view new_group_name,
                                    std::string_view new_path) {
  AIC_CO_RETURN_IF_ERROR(Require("UpdateGroup", "GroupName", group_name));
  QueryParams p{{"GroupName", std::string(group_name)}};
  AddIfNotEmpty(p, "NewPath", new_path);
  AddIfNotEmpty(p, "NewGroupName", new_group_name);
  co_return co_await CallStatus(*query_, "UpdateGroup", p);
}

Task<Status> IamClient::DeleteGroup(std::string_view group_name) {
  AIC_CO_RETURN_IF_ERROR(Require("DeleteGroup", "GroupName", group_name));
  QueryParams params{{"GroupName", std::string(group_name)}};
  co_return co_await CallStatus(*query_, "DeleteGroup", params);
}

Task<Status> IamClient::AddUserToGroup(std::string_view group_name, std::string_view user_name) {
  AIC_CO_RETURN_IF_ERROR(Require("AddUserToGroup", "GroupName", group_name));
  AIC_CO_RETURN_IF_ERROR(Require("AddUserToGroup", "UserName", user_name));
  QueryParams params{{"GroupName", std::string(group_name)}, {"UserName", std::string(user_name)}};
  co_return co_await CallStatus(*query_, "AddUserToGroup", params);
}

Task<Status> IamClient::RemoveUserFromGroup(std::string_view group_name,
                                            std::string_view user_name) {
  AIC_CO_RETURN_IF_ERROR(Require("RemoveUserFromGroup", "GroupName", group_name));
  AIC_CO_RETURN_IF_ERROR(Require("RemoveUserFromGroup", "UserName", user_name));
  QueryParams params{{"GroupName", std::string(group_name)}, {"UserName", std::string(user_name)}};
  co_return co_await CallStatus(*query_, "RemoveUserFromGroup", params);
}

Task<Result<Page<Group>>> IamClient::ListGroupsForUser(std::string_view user_name,
                                                       const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("ListGroupsForUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListGroupsForUser", p, iam_parse::ListGroups);
}

}  // namespace aic
