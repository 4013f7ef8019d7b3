// IamClient: GetAccountAuthorizationDetails, the account password policy and summary.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;
using iam_internal::CallStatus;

namespace {

void AddOptInt(QueryParams& p, std::string_view name, const std::optional<int>& v) {
  if (v) p.emplace_back(std::string(name), std::to_string(*v));
}

void AddOptBool(QueryParams& p, std::string_view name, const std::optional<bool>& v) {
  if (v) AddBool(p, name, *v);
}

}  // namespace

Task<Result<AccountAuthorizationDetails>> IamClient::GetAccountAuthorizationDetails(
    const std::vector<std::string>& filters, const PageRequest& page) {
  QueryParams p;
  AddListParam(p, "Filter", filters);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "GetAccountAuthorizationDetails", p,
                               iam_parse::AccountAuthorizationDetailsResult);
}

Task<Result<PasswordPolicy>> IamClient::GetAccountPasswordPolicy() {
  QueryParams params;
  co_return co_await CallParse(*query_, "GetAccountPasswordPolicy", params,
                               iam_parse::PasswordPolicyResult);
}

Task<Status> IamClient::UpdateAccountPasswordPolicy(const PasswordPolicy& policy) {
  QueryParams p;
  AddOptInt(p, "MinimumPasswordLength", policy.minimum_password_length);
  AddOptBool(p, "RequireSymbols", policy.require_symbols);
  AddOptBool(p, "RequireNumbers", policy.require_numbers);
  AddOptBool(p, "RequireUppercaseCharacters", policy.require_uppercase_characters);
  AddOptBool(p, "RequireLowercaseCharacters", policy.require_lowercase_characters);
  AddOptBool(p, "AllowUsersToChangePassword", policy.allow_users_to_change_password);
  AddOptInt(p, "MaxPasswordAge", policy.max_password_age);
  AddOptInt(p, "PasswordReusePrevention", policy.password_reuse_prevention);
  AddOptBool(p, "HardExpiry", policy.hard_expiry);
  co_return co_await CallStatus(*query_, "UpdateAccountPasswordPolicy", p);
}

Task<Status> IamClient::DeleteAccountPasswordPolicy() {
  QueryParams params;
  co_return co_await CallStatus(*query_, "DeleteAccountPasswordPolicy", params);
}

Task<Result<AccountSummary>> IamClient::GetAccountSummary() {
  QueryParams params;
  co_return co_await CallParse(*query_, "GetAccountSummary", params,
                               iam_parse::AccountSummaryResult);
}

}  // namespace aic
