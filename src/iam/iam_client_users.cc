// IamClient: users, tags, permissions boundaries and login profiles.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;
using iam_internal::Require;

IamClient::IamClient(std::shared_ptr<QueryClient> query) : query_(std::move(query)) {}

Result<User> IamClient::CreateUser(std::string_view user_name, std::string_view path,
                                   const std::vector<Tag>& tags,
                                   std::string_view permissions_boundary_arn) {
  AIC_RETURN_IF_ERROR(Require("CreateUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddIfNotEmpty(p, "Path", path);
  AddIfNotEmpty(p, "PermissionsBoundary", permissions_boundary_arn);
  AddTagParams(p, "Tags", tags);
  return CallParse(*query_, "CreateUser", p, iam_parse::UserResult);
}

Result<User> IamClient::GetUser(std::string_view user_name) {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  return CallParse(*query_, "GetUser", p, iam_parse::UserResult);
}

Status IamClient::UpdateUser(std::string_view user_name, std::string_view new_user_name,
                             std::string_view new_path) {
  AIC_RETURN_IF_ERROR(Require("UpdateUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddIfNotEmpty(p, "NewPath", new_path);
  AddIfNotEmpty(p, "NewUserName", new_user_name);
  return CallStatus(*query_, "UpdateUser", p);
}

Status IamClient::DeleteUser(std::string_view user_name) {
  AIC_RETURN_IF_ERROR(Require("DeleteUser", "UserName", user_name));
  return CallStatus(*query_, "DeleteUser", {{"UserName", std::string(user_name)}});
}

Result<Page<User>> IamClient::ListUsers(std::string_view path_prefix, const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  return CallParse(*query_, "ListUsers", p, iam_parse::ListUsers);
}

Status IamClient::TagUser(std::string_view user_name, const std::vector<Tag>& tags) {
  AIC_RETURN_IF_ERROR(Require("TagUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddTagParams(p, "Tags", tags);
  return CallStatus(*query_, "TagUser", p);
}

Status IamClient::UntagUser(std::string_view user_name, const std::vector<std::string>& keys) {
  AIC_RETURN_IF_ERROR(Require("UntagUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddListParam(p, "TagKeys", keys);
  return CallStatus(*query_, "UntagUser", p);
}

Result<Page<Tag>> IamClient::ListUserTags(std::string_view user_name, const PageRequest& page) {
  AIC_RETURN_IF_ERROR(Require("ListUserTags", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddPage(p, page);
  return CallParse(*query_, "ListUserTags", p, iam_parse::ListUserTags);
}

Status IamClient::PutUserPermissionsBoundary(std::string_view user_name,
                                             std::string_view policy_arn) {
  AIC_RETURN_IF_ERROR(Require("PutUserPermissionsBoundary", "UserName", user_name));
  AIC_RETURN_IF_ERROR(Require("PutUserPermissionsBoundary", "PermissionsBoundary", policy_arn));
  return CallStatus(
      *query_, "PutUserPermissionsBoundary",
      {{"UserName", std::string(user_name)}, {"PermissionsBoundary", std::string(policy_arn)}});
}

Status IamClient::DeleteUserPermissionsBoundary(std::string_view user_name) {
  AIC_RETURN_IF_ERROR(Require("DeleteUserPermissionsBoundary", "UserName", user_name));
  return CallStatus(*query_, "DeleteUserPermissionsBoundary",
                    {{"UserName", std::string(user_name)}});
}

Result<LoginProfile> IamClient::CreateLoginProfile(std::string_view user_name,
                                                   const SecretString& password,
                                                   bool password_reset_required) {
  AIC_RETURN_IF_ERROR(Require("CreateLoginProfile", "UserName", user_name));
  if (password.empty()) return Require("CreateLoginProfile", "Password", "");
  QueryParams p{{"UserName", std::string(user_name)}, {"Password", std::string(password.Reveal())}};
  AddBool(p, "PasswordResetRequired", password_reset_required);
  auto result = CallParse(*query_, "CreateLoginProfile", p, iam_parse::LoginProfileResult);
  WipeString(p[1].second);
  return result;
}

Result<LoginProfile> IamClient::GetLoginProfile(std::string_view user_name) {
  AIC_RETURN_IF_ERROR(Require("GetLoginProfile", "UserName", user_name));
  return CallParse(*query_, "GetLoginProfile", {{"UserName", std::string(user_name)}},
                   iam_parse::LoginProfileResult);
}

Status IamClient::UpdateLoginProfile(std::string_view user_name, const LoginProfileUpdate& update) {
  AIC_RETURN_IF_ERROR(Require("UpdateLoginProfile", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  if (update.password) p.emplace_back("Password", std::string(update.password->Reveal()));
  if (update.password_reset_required) {
    AddBool(p, "PasswordResetRequired", *update.password_reset_required);
  }
  Status s = CallStatus(*query_, "UpdateLoginProfile", p);
  if (update.password) WipeString(p[1].second);
  return s;
}

Status IamClient::DeleteLoginProfile(std::string_view user_name) {
  AIC_RETURN_IF_ERROR(Require("DeleteLoginProfile", "UserName", user_name));
  return CallStatus(*query_, "DeleteLoginProfile", {{"UserName", std::string(user_name)}});
}

}  // namespace aic
