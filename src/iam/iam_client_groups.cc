// IamClient: groups and group membership.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;
using iam_internal::Require;

Result<Group> IamClient::CreateGroup(std::string_view group_name, std::string_view path) {
  AIC_RETURN_IF_ERROR(Require("CreateGroup", "GroupName", group_name));
  QueryParams p{{"GroupName", std::string(group_name)}};
  AddIfNotEmpty(p, "Path", path);
  return CallParse(*query_, "CreateGroup", p, iam_parse::GroupResult);
}

Result<GroupWithUsers> IamClient::GetGroup(std::string_view group_name, const PageRequest& page) {
  AIC_RETURN_IF_ERROR(Require("GetGroup", "GroupName", group_name));
  QueryParams p{{"GroupName", std::string(group_name)}};
  AddPage(p, page);
  return CallParse(*query_, "GetGroup", p, iam_parse::GetGroup);
}

Result<Page<Group>> IamClient::ListGroups(std::string_view path_prefix, const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  return CallParse(*query_, "ListGroups", p, iam_parse::ListGroups);
}

Status IamClient::DeleteGroup(std::string_view group_name) {
  AIC_RETURN_IF_ERROR(Require("DeleteGroup", "GroupName", group_name));
  return CallStatus(*query_, "DeleteGroup", {{"GroupName", std::string(group_name)}});
}

Status IamClient::AddUserToGroup(std::string_view group_name, std::string_view user_name) {
  AIC_RETURN_IF_ERROR(Require("AddUserToGroup", "GroupName", group_name));
  AIC_RETURN_IF_ERROR(Require("AddUserToGroup", "UserName", user_name));
  return CallStatus(*query_, "AddUserToGroup",
                    {{"GroupName", std::string(group_name)}, {"UserName", std::string(user_name)}});
}

Status IamClient::RemoveUserFromGroup(std::string_view group_name, std::string_view user_name) {
  AIC_RETURN_IF_ERROR(Require("RemoveUserFromGroup", "GroupName", group_name));
  AIC_RETURN_IF_ERROR(Require("RemoveUserFromGroup", "UserName", user_name));
  return CallStatus(*query_, "RemoveUserFromGroup",
                    {{"GroupName", std::string(group_name)}, {"UserName", std::string(user_name)}});
}

Result<Page<Group>> IamClient::ListGroupsForUser(std::string_view user_name,
                                                 const PageRequest& page) {
  AIC_RETURN_IF_ERROR(Require("ListGroupsForUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddPage(p, page);
  return CallParse(*query_, "ListGroupsForUser", p, iam_parse::ListGroups);
}

}  // namespace aic
