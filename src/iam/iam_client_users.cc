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

QueryClient& QueryClientOf(const IamClient& iam) { return *iam.query_; }

Task<Result<User>> IamClient::CreateUser(std::string_view user_name, std::string_view path,
                                         const std::vector<Tag>& tags,
                                         std::string_view permissions_boundary_arn) {
  AIC_CO_RETURN_IF_ERROR(Require("CreateUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddIfNotEmpty(p, "Path", path);
  AddIfNotEmpty(p, "PermissionsBoundary", permissions_boundary_arn);
  AddTagParams(p, "Tags", tags);
  co_return co_await CallParse(*query_, "CreateUser", p, iam_parse::UserResult);
}

Task<Result<User>> IamClient::GetUser(std::string_view user_name) {
  QueryParams p;
  AddIfNotEmpty(p, "UserName", user_name);
  co_return co_await CallParse(*query_, "GetUser", p, iam_parse::UserResult);
}

Task<Status> IamClient::UpdateUser(std::string_view user_name, std::string_view new_user_name,
                                   std::string_view new_path) {
  AIC_CO_RETURN_IF_ERROR(Require("UpdateUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddIfNotEmpty(p, "NewPath", new_path);
  AddIfNotEmpty(p, "NewUserName", new_user_name);
  co_return co_await CallStatus(*query_, "UpdateUser", p);
}

Task<Status> IamClient::DeleteUser(std::string_view user_name) {
  AIC_CO_RETURN_IF_ERROR(Require("DeleteUser", "UserName", user_name));
  QueryParams params{{"UserName", std::string(user_name)}};
  co_return co_await CallStatus(*query_, "DeleteUser", params);
}

Task<Result<Page<User>>> IamClient::ListUsers(std::string_view path_prefix,
                                              const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListUsers", p, iam_parse::ListUsers);
}

Task<Status> IamClient::TagUser(std::string_view user_name, const std::vector<Tag>& tags) {
  AIC_CO_RETURN_IF_ERROR(Require("TagUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddTagParams(p, "Tags", tags);
  co_return co_await CallStatus(*query_, "TagUser", p);
}

Task<Status> IamClient::UntagUser(std::string_view user_name,
                                  const std::vector<std::string>& keys) {
  AIC_CO_RETURN_IF_ERROR(Require("UntagUser", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddListParam(p, "TagKeys", keys);
  co_return co_await CallStatus(*query_, "UntagUser", p);
}

Task<Result<Page<Tag>>> IamClient::ListUserTags(std::string_view user_name,
                                                const PageRequest& page) {
  AIC_CO_RETURN_IF_ERROR(Require("ListUserTags", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListUserTags", p, iam_parse::ListUserTags);
}

Task<Status> IamClient::PutUserPermissionsBoundary(std::string_view user_name,
                                                   std::string_view policy_arn) {
  AIC_CO_RETURN_IF_ERROR(Require("PutUserPermissionsBoundary", "UserName", user_name));
  AIC_CO_RETURN_IF_ERROR(Require("PutUserPermissionsBoundary", "PermissionsBoundary", policy_arn));
  QueryParams params{{"UserName", std::string(user_name)},
                     {"PermissionsBoundary", std::string(policy_arn)}};
  co_return co_await CallStatus(*query_, "PutUserPermissionsBoundary", params);
}

Task<Status> IamClient::DeleteUserPermissionsBoundary(std::string_view user_name) {
  AIC_CO_RETURN_IF_ERROR(Require("DeleteUserPermissionsBoundary", "UserName", user_name));
  QueryParams params{{"UserName", std::string(user_name)}};
  co_return co_await CallStatus(*query_, "DeleteUserPermissionsBoundary", params);
}

Task<Result<LoginProfile>> IamClient::CreateLoginProfile(std::string_view user_name,
                                                         const SecretString& password,
                                                         bool password_reset_required) {
  AIC_CO_RETURN_IF_ERROR(Require("CreateLoginProfile", "UserName", user_name));
  if (password.empty()) co_return Require("CreateLoginProfile", "Password", "");
  QueryParams p{{"UserName", std::string(user_name)}, {"Password", std::string(password.Reveal())}};
  AddBool(p, "PasswordResetRequired", password_reset_required);
  auto result = co_await CallParse(*query_, "CreateLoginProfile", p, iam_parse::LoginProfileResult);
  WipeString(p[1].second);
  co_return result;
}

Task<Result<LoginProfile>> IamClient::GetLoginProfile(std::string_view user_name) {
  AIC_CO_RETURN_IF_ERROR(Require("GetLoginProfile", "UserName", user_name));
  QueryParams params{{"UserName", std::string(user_name)}};
  co_return co_await CallParse(*query_, "GetLoginProfile", params, iam_parse::LoginProfileResult);
}

Task<Status> IamClient::UpdateLoginProfile(std::string_view user_name,
                                           const LoginProfileUpdate& update) {
  AIC_CO_RETURN_IF_ERROR(Require("UpdateLoginProfile", "UserName", user_name));
  QueryParams p{{"UserName", std::string(user_name)}};
  if (update.password) p.emplace_back("Password", std::string(update.password->Reveal()));
  if (update.password_reset_required) {
    AddBool(p, "PasswordResetRequired", *update.password_reset_required);
  }
  Status s = co_await CallStatus(*query_, "UpdateLoginProfile", p);
  if (update.password) WipeString(p[1].second);
  co_return s;
}

Task<Status> IamClient::DeleteLoginProfile(std::string_view user_name) {
  AIC_CO_RETURN_IF_ERROR(Require("DeleteLoginProfile", "UserName", user_name));
  QueryParams params{{"UserName", std::string(user_name)}};
  co_return co_await CallStatus(*query_, "DeleteLoginProfile", params);
}

}  // namespace aic
