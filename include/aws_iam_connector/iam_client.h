// IamClient: typed IAM Query API calls over a QueryClient (src/iam/query_client.h).
//
// One method per IAM action the connector and the emulator need (SPEC sections 4 and 8). Each
// method builds the form parameters, calls QueryClient::Call (signing, retries, rate limit) and
// parses the <ActionResult> into the types of iam_types.h. Errors are the QueryClient's: an AWS
// error keeps its AwsErrorDetail (action, type, code, message, request id, HTTP status) and maps
// to an ErrorCode (NoSuchEntity -> kUnknownUid, EntityAlreadyExists -> kAlreadyExists,
// DeleteConflict -> kConflict, ...); empty required names give kInvalidInput without a call.
//
// Paging: every List method takes a PageRequest (marker, max items; max_items 0 sends no
// MaxItems, values above kIamMaxItems are clamped) and returns one page. ForEachPage() follows
// IsTruncated/Marker and never assumes a full page; ListAll() collects every item.
//
// Passwords are SecretString and are sent only in the request body; they never reach an error
// message or a log line. CreateAccessKey's secret comes back as a SecretString.
//
// Every method returns a Task (task.h): `co_await` it in a coroutine, or Wait() for it on a
// thread that is not a runtime thread.
//
// Thread safety: IamClient is safe to use from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "aws_iam_connector/iam_types.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/task.h"

namespace aic {

class QueryClient;

// AWS's MaxItems range for IAM list calls.
inline constexpr int kIamMaxItems = 1000;
// A list that keeps answering IsTruncated=true stops after this many pages (kInternal).
inline constexpr int kIamMaxPagesPerListing = 1000000;

struct PageRequest {
  std::string marker;  // empty: first page
  int max_items = 0;   // 0: AWS's default (100)
};

// ListPolicies filters.
struct ListPoliciesFilter {
  std::string scope;  // "All" | "AWS" | "Local"; empty: AWS's default (All)
  bool only_attached = false;
  std::string path_prefix;          // empty: all
  std::string policy_usage_filter;  // "PermissionsPolicy" | "PermissionsBoundary"; empty: all
};

// UpdateLoginProfile: fields left unset are not changed.
struct LoginProfileUpdate {
  std::optional<SecretString> password;
  std::optional<bool> password_reset_required;
};

class IamClient {
 public:
  // QueryClient is private (src/iam/query_client.h); code inside the project reaches it with
  // QueryClientOf() declared there.
  explicit IamClient(std::shared_ptr<QueryClient> query);
  friend QueryClient& QueryClientOf(const IamClient& iam);

  // ---- Users (iam_client_users.cc) ----
  Task<Result<User>> CreateUser(std::string_view user_name, std::string_view path = {},
                                const std::vector<Tag>& tags = {},
                                std::string_view permissions_boundary_arn = {});
  // An empty name reads the caller's own user (AWS semantics).
  Task<Result<User>> GetUser(std::string_view user_name);
  // Renames and/or moves; empty new values are not sent.
  Task<Status> UpdateUser(std::string_view user_name, std::string_view new_user_name,
                          std::string_view new_path = {});
  Task<Status> DeleteUser(std::string_view user_name);
  Task<Result<Page<User>>> ListUsers(std::string_view path_prefix = {},
                                     const PageRequest& page = {});
  Task<Status> TagUser(std::string_view user_name, const std::vector<Tag>& tags);
  Task<Status> UntagUser(std::string_view user_name, const std::vector<std::string>& tag_keys);
  Task<Result<Page<Tag>>> ListUserTags(std::string_view user_name, const PageRequest& page = {});
  Task<Status> PutUserPermissionsBoundary(std::string_view user_name, std::string_view policy_arn);
  Task<Status> DeleteUserPermissionsBoundary(std::string_view user_name);
  Task<Result<LoginProfile>> CreateLoginProfile(std::string_view user_name,
                                                const SecretString& password,
                                                bool password_reset_required);
  Task<Result<LoginProfile>> GetLoginProfile(std::string_view user_name);
  Task<Status> UpdateLoginProfile(std::string_view user_name, const LoginProfileUpdate& update);
  Task<Status> DeleteLoginProfile(std::string_view user_name);

  // ---- Groups (iam_client_groups.cc) ----
  Task<Result<Group>> CreateGroup(std::string_view group_name, std::string_view path = {});
  // The group and one page of its members.
  Task<Result<GroupWithUsers>> GetGroup(std::string_view group_name, const PageRequest& page = {});
  Task<Result<Page<Group>>> ListGroups(std::string_view path_prefix = {},
                                       const PageRequest& page = {});
  // Renames and/or moves; empty new values are not sent.
  Task<Status> UpdateGroup(std::string_view group_name, std::string_view new_group_name,
                           std::string_view new_path = {});
  Task<Status> DeleteGroup(std::string_view group_name);
  Task<Status> AddUserToGroup(std::string_view group_name, std::string_view user_name);
  Task<Status> RemoveUserFromGroup(std::string_view group_name, std::string_view user_name);
  Task<Result<Page<Group>>> ListGroupsForUser(std::string_view user_name,
                                              const PageRequest& page = {});

  // ---- Managed and inline policies (iam_client_policies.cc) ----
  Task<Result<ManagedPolicy>> CreatePolicy(std::string_view policy_name, std::string_view document,
                                           std::string_view path = {},
                                           std::string_view description = {},
                                           const std::vector<Tag>& tags = {});
  Task<Result<ManagedPolicy>> GetPolicy(std::string_view policy_arn);
  Task<Result<Page<ManagedPolicy>>> ListPolicies(const ListPoliciesFilter& filter = {},
                                                 const PageRequest& page = {});
  Task<Status> DeletePolicy(std::string_view policy_arn);
  Task<Result<PolicyVersion>> CreatePolicyVersion(std::string_view policy_arn,
                                                  std::string_view document, bool set_as_default);
  Task<Result<PolicyVersion>> GetPolicyVersion(std::string_view policy_arn,
                                               std::string_view version_id);
  Task<Result<Page<PolicyVersion>>> ListPolicyVersions(std::string_view policy_arn,
                                                       const PageRequest& page = {});
  Task<Status> DeletePolicyVersion(std::string_view policy_arn, std::string_view version_id);
  Task<Status> SetDefaultPolicyVersion(std::string_view policy_arn, std::string_view version_id);

  Task<Status> AttachUserPolicy(std::string_view user_name, std::string_view policy_arn);
  Task<Status> DetachUserPolicy(std::string_view user_name, std::string_view policy_arn);
  Task<Result<Page<AttachedPolicy>>> ListAttachedUserPolicies(std::string_view user_name,
                                                              const PageRequest& page = {});
  Task<Status> AttachGroupPolicy(std::string_view group_name, std::string_view policy_arn);
  Task<Status> DetachGroupPolicy(std::string_view group_name, std::string_view policy_arn);
  Task<Result<Page<AttachedPolicy>>> ListAttachedGroupPolicies(std::string_view group_name,
                                                               const PageRequest& page = {});

  Task<Status> PutUserPolicy(std::string_view user_name, std::string_view policy_name,
                             std::string_view document);
  Task<Result<InlinePolicy>> GetUserPolicy(std::string_view user_name,
                                           std::string_view policy_name);
  Task<Status> DeleteUserPolicy(std::string_view user_name, std::string_view policy_name);
  Task<Result<Page<std::string>>> ListUserPolicies(std::string_view user_name,
                                                   const PageRequest& page = {});
  Task<Status> PutGroupPolicy(std::string_view group_name, std::string_view policy_name,
                              std::string_view document);
  Task<Result<InlinePolicy>> GetGroupPolicy(std::string_view group_name,
                                            std::string_view policy_name);
  Task<Status> DeleteGroupPolicy(std::string_view group_name, std::string_view policy_name);
  Task<Result<Page<std::string>>> ListGroupPolicies(std::string_view group_name,
                                                    const PageRequest& page = {});

  // ---- Credentials (iam_client_credentials.cc) ----
  Task<Result<AccessKey>> CreateAccessKey(std::string_view user_name);
  Task<Status> UpdateAccessKey(std::string_view user_name, std::string_view access_key_id,
                               std::string_view status);  // "Active" | "Inactive"
  Task<Status> DeleteAccessKey(std::string_view user_name, std::string_view access_key_id);
  Task<Result<Page<AccessKeyMetadata>>> ListAccessKeys(std::string_view user_name,
                                                       const PageRequest& page = {});
  Task<Result<Page<MfaDevice>>> ListMFADevices(std::string_view user_name,
                                               const PageRequest& page = {});
  Task<Status> DeactivateMFADevice(std::string_view user_name, std::string_view serial_number);
  Task<Status> DeleteVirtualMFADevice(std::string_view serial_number);
  Task<Result<Page<SigningCertificate>>> ListSigningCertificates(std::string_view user_name,
                                                                 const PageRequest& page = {});
  Task<Status> DeleteSigningCertificate(std::string_view user_name,
                                        std::string_view certificate_id);
  Task<Result<Page<SshPublicKeyMetadata>>> ListSSHPublicKeys(std::string_view user_name,
                                                             const PageRequest& page = {});
  Task<Status> DeleteSSHPublicKey(std::string_view user_name, std::string_view ssh_public_key_id);
  // AWS does not page this call; the page is always complete (PageRequest is ignored).
  Task<Result<Page<ServiceSpecificCredentialMetadata>>> ListServiceSpecificCredentials(
      std::string_view user_name, const PageRequest& page = {});
  Task<Status> DeleteServiceSpecificCredential(std::string_view user_name,
                                               std::string_view credential_id);

  // ---- Policy simulation (iam_client_simulate.cc) ----
  // One page of SimulatePrincipalPolicy's EvaluationResults (ActionNames x ResourceArns); walk
  // them with ForEachPage / ListAll. kInvalidInput without PolicySourceArn or ActionNames.
  Task<Result<Page<EvaluationResult>>> SimulatePrincipalPolicy(const SimulationRequest& request,
                                                               const PageRequest& page = {});

  // ---- Account (iam_client_account.cc) ----
  // filters: "User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy" (empty: all).
  Task<Result<AccountAuthorizationDetails>> GetAccountAuthorizationDetails(
      const std::vector<std::string>& filters = {}, const PageRequest& page = {});
  // kUnknownUid when the account has no password policy.
  Task<Result<PasswordPolicy>> GetAccountPasswordPolicy();
  Task<Status> UpdateAccountPasswordPolicy(const PasswordPolicy& policy);
  Task<Status> DeleteAccountPasswordPolicy();
  Task<Result<AccountSummary>> GetAccountSummary();

  // ---- Roles and instance profiles (iam_client_roles.cc) ----
  Task<Result<Role>> GetRole(std::string_view role_name);
  // Without permissions_boundary, tags and role_last_used (AWS leaves them out of ListRoles).
  Task<Result<Page<Role>>> ListRoles(std::string_view path_prefix = {},
                                     const PageRequest& page = {});
  Task<Status> AttachRolePolicy(std::string_view role_name, std::string_view policy_arn);
  Task<Status> DetachRolePolicy(std::string_view role_name, std::string_view policy_arn);
  Task<Result<Page<AttachedPolicy>>> ListAttachedRolePolicies(std::string_view role_name,
                                                              const PageRequest& page = {});
  Task<Result<Page<std::string>>> ListRolePolicies(std::string_view role_name,
                                                   const PageRequest& page = {});
  Task<Result<Page<Tag>>> ListRoleTags(std::string_view role_name, const PageRequest& page = {});
  Task<Result<Page<InstanceProfile>>> ListInstanceProfilesForRole(std::string_view role_name,
                                                                  const PageRequest& page = {});
  Task<Result<Page<InstanceProfile>>> ListInstanceProfiles(std::string_view path_prefix = {},
                                                           const PageRequest& page = {});

  // ---- Identity providers and server certificates (iam_client_providers.cc) ----
  // AWS does not page these two listings.
  Task<Result<std::vector<SamlProviderEntry>>> ListSAMLProviders();
  Task<Result<std::vector<std::string>>> ListOpenIDConnectProviders();  // provider ARNs
  Task<Result<Page<ServerCertificateMetadata>>> ListServerCertificates(
      std::string_view path_prefix = {}, const PageRequest& page = {});

  // ---- Credential report (iam_client_reports.cc) ----
  // Starts (or finds) the account's credential report; State "COMPLETE" when it is ready.
  Task<Result<CredentialReportState>> GenerateCredentialReport();
  // The last generated report; errors ReportNotPresent, ReportExpired,
  // ReportInProgress keep their AWS code in the AwsErrorDetail.
  Task<Result<CredentialReport>> GetCredentialReport();

 private:
  std::shared_ptr<QueryClient> query_;
};

// Calls `fetch(PageRequest)` (returning Task<Result<P>>, P with is_truncated and marker) page
// after page from `first.marker`, handing each page to `on_page(P&)` (returning Status; a non-OK
// status stops the walk and is returned). Follows IsTruncated/Marker; a truncated page without
// a marker, a repeated marker, or more than kIamMaxPagesPerListing pages is kInternal.
template <class Fetch, class OnPage>
Task<Status> ForEachPage(Fetch fetch, OnPage on_page, PageRequest first = {}) {
  PageRequest req = std::move(first);
  std::string previous_marker;
  for (int pages = 0; pages < kIamMaxPagesPerListing; ++pages) {
    auto page = co_await fetch(static_cast<const PageRequest&>(req));
    if (!page.ok()) co_return page.status();
    auto& value = page.value();
    bool truncated = value.is_truncated;
    std::string marker = value.marker;
    if (Status s = on_page(value); !s.ok()) co_return s;
    if (!truncated) co_return Status::Ok();
    if (marker.empty()) {
      co_return Status(ErrorCode::kInternal, "IAM returned IsTruncated=true without a Marker");
    }
    if (marker == req.marker || marker == previous_marker) {
      co_return Status(ErrorCode::kInternal, "IAM returned the same Marker twice; paging stopped");
    }
    previous_marker = req.marker;
    req.marker = std::move(marker);
  }
  co_return Status(ErrorCode::kInternal, "IAM listing exceeded the page limit");
}

// Every item of a Page<T> listing, in order: co_await ListAll([&](const PageRequest& p) {
//   return iam.ListUsers("/", p); }, 1000).
template <class Fetch>
auto ListAll(Fetch fetch, int max_items = 0) -> Task<Result<
    decltype(std::declval<typename decltype(fetch(PageRequest{}))::value_type&>().value().items)>> {
  using PageResult = typename decltype(fetch(PageRequest{}))::value_type;  // Result<Page<T>>
  using Items = decltype(std::declval<PageResult&>().value().items);
  Items all;
  PageRequest first;
  first.max_items = max_items;
  Status s = co_await ForEachPage(
      fetch,
      [&all](auto& page) {
        for (auto& item : page.items) all.push_back(std::move(item));
        return Status::Ok();
      },
      std::move(first));
  if (!s.ok()) co_return s;
  co_return std::move(all);
}

}  // namespace aic
