// AwsConnector: the AWS IAM connector (SPEC sections 2 and 4) over an IamClient.
//
// It implements every operation of connector/operations.h:
//   __ACCOUNT__  Create, Get, Update (PUT by difference), Patch, Delete (cascade), Search,
//                __ENABLE__ disable/enable;
//   __GROUP__    Create, Get, Update (PUT by difference), Patch, Delete (cascade), Search;
//   __POLICY__   Get and Search (Create/Update/Patch/Delete answer kUnsupported);
//   __ROLE__     Get, Search, Update and Patch of `policies` only (Create/Delete answer
//                kUnsupported; other attributes are read-only: kInvalidAttributeValue);
//   Schema (Schema::Aws()) and Test (one ListUsers MaxItems=1, after AssumeRole when roleArn
//   is set); TestWithPermissions adds the permission check of docs/permissions.md
//   (sts:GetCallerIdentity, then iam:SimulatePrincipalPolicy;
//   src/connector/aws/permission_check.h).
// Behaviour, briefly (details in the SPEC):
//   - create: password checked first against GetAccountPasswordPolicy (cached for
//     kPasswordPolicyCacheTtl; AWS's default policy when the account has none), then one
//     CreateUser with Path/Tags/PermissionsBoundary, CreateLoginProfile (PasswordResetRequired
//     default true), AddUserToGroup, AttachUserPolicy; a failing step rolls back what was made
//     and the error names the step;
//   - get: only the calls the asked attributes need, issued concurrently (defaults: GetUser,
//     ListGroupsForUser, ListAttachedUserPolicies, ListUserPolicies);
//   - update: one call per difference (Add/Remove, Attach/Detach, Tag/Untag), never
//     remove-all-and-add-back; __NAME__/Path through UpdateUser/UpdateGroup (a rename changes
//     _id); attributes not carried stay unchanged;
//   - delete: DeleteUser first (one call when nothing is attached and only `_id`/`__NAME__`
//     are asked for the response; otherwise the asked attributes are read first, because the
//     response is the object before deletion); on DeleteConflict either cascade in SPEC 4.4's
//     order (cascadeDelete) or kConflict listing what is attached;
//   - __ENABLE__=false records the deactivated access keys and the console access in the
//     reserved tag kDisabledTagKey (hidden from Tags); __ENABLE__=true restores exactly those;
//   - search: `__NAME__ eq`/`_id eq` -> one GetUser, `Path sw` -> PathPrefix, otherwise
//     ListUsers (pageSize MaxItems) or, when list-valued attributes are needed,
//     GetAccountAuthorizationDetails(Filter=User, MaxItems 1000) joined with ListUsers
//     (MaxItems 1000); per-user attributes (PasswordResetRequired, accessKeys, mfaDevices) only
//     when asked, with at most maxConnections calls in flight;
//   - groupIds (not returned by default): on a read of one user, from the same
//     ListGroupsForUser as `groups` (no extra call); on a search that lists users, from one
//     ListGroups listing (MaxItems 1000: ceil(G/1000) calls for G groups) per search request,
//     joined by name to GAAD's group names (listed again once if a user is in a group made
//     meanwhile).
//   - usage (not returned by default; docs/usage.md): mfaActive, passwordEnabled,
//     passwordLastChanged, passwordNextRotation, lastActivity (the latest of the password's and
//     the keys' last use) and accessKeyUsage (the report's key slots) come from the IAM
//     credential report: GenerateCredentialReport + GetCredentialReport, polled on a timer while
//     AWS generates it (at most aws_internal::kCredentialReportMaxWait), kept by the connector
//     until its GeneratedTime + 4 h (kCredentialReportLifetime: AWS makes a new one at most
//     every four hours), one fetch in flight at a time. With accessKeys, each key also gets
//     LastUsedDate, LastUsedService, LastUsedRegion and LastRotated from its slot. Only these
//     attributes read the report (accessKeys alone or the defaults never do); a get or a search
//     request reads it at most once, and not at all while it is kept. The report lags real use
//     (up to four hours, and users made after it are null). A refused report
//     (AccessDenied) fails the read with kPermissionDenied naming iam:GenerateCredentialReport
//     and iam:GetCredentialReport, rather than answering null usage that would read as
//     "never used".
// Groups:
//   - create: one CreateGroup(name, Path), then AttachGroupPolicy per policy and
//     AddUserToGroup per member, one at a time; a failing step removes the members added,
//     detaches the policies attached and deletes the group, and the error names the step; an
//     unknown policy or user is kInvalidAttributeValue; an existing name (in any case) is
//     kAlreadyExists and changes nothing. The response is built without re-reading (memberIds,
//     when asked for, cost GetGroup pages). A CreateGroup whose answer was lost is recognised
//     as the connector's own by the rule of aws_internal's CreateOwnGroup (groups carry no tags).
//   - get: GetGroup (MaxItems 1, or 1000-member pages when members or memberIds are asked
//     for), ListAttachedGroupPolicies and ListGroupPolicies as needed, concurrently;
//     `members` (names) and `memberIds` (UserIds) come from the same GetGroup pages;
//   - update: the asked attributes and the replaced lists read first (as get), then
//     UpdateGroup for __NAME__/Path, one AttachGroupPolicy/DetachGroupPolicy per policy
//     difference, one AddUserToGroup/RemoveUserFromGroup per member difference;
//   - delete: DeleteGroup first (one call for an empty group when only `_id`/`__NAME__` are
//     asked for); on DeleteConflict, cascadeDelete removes every member, detaches every policy,
//     deletes every inline policy (listed concurrently: GetGroup pages,
//     ListAttachedGroupPolicies, ListGroupPolicies), then DeleteGroup; without it, kConflict
//     listing them. A lost DeleteGroup answer retried into NoSuchEntity is success.
// Roles (SPEC 11, docs/roles.md):
//   - attributes returned by default are those one GetAccountAuthorizationDetails(Filter=Role)
//     page gives (RoleId, Arn, Path, CreatedDate, RoleLastUsed, PermissionsBoundary, Tags,
//     policies, inlinePolicies, instanceProfiles, serviceLinked, assumeRolePolicy,
//     trustedPrincipals); Description and MaxSessionDuration (ListRoles/GetRole only) are
//     returned when asked for;
//   - get: GetRole, plus ListAttachedRolePolicies, ListRolePolicies and
//     ListInstanceProfilesForRole as the asked attributes need, concurrently (4 calls for the
//     defaults);
//   - search: `__NAME__ eq`/`_id eq` -> the get above; when no attribute ListRoles lacks is
//     needed (PermissionsBoundary, Tags, RoleLastUsed and the three lists), ListRoles (PathPrefix
//     from `Path sw`, pageSize MaxItems): query-all-ids costs ceil(R/pageSize) ListRoles;
//     otherwise GetAccountAuthorizationDetails(Filter=Role, MaxItems 1000), joined to ListRoles
//     (MaxItems 1000) pages when Description or MaxSessionDuration are needed too;
//   - update/patch: the role and the asked attributes read first (as get, with `policies`),
//     then one AttachRolePolicy/DetachRolePolicy per difference; an unknown policy is
//     kInvalidAttributeValue; an unknown role kUnknownUid;
//   - trustedPrincipals: the trust policy decoded by aws/trust_principals.h (no IAM call).
// Errors: the ConnId codes of status.h; AWS failures keep their AwsErrorDetail (action, code).
// Secrets (secretKey, proxyPassword, passwords) never reach a message or a log line.
// Thread safety: every method may be called from several threads at once.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/connector/operations.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/iam_types.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/sts_client.h"

namespace aic {

class HttpTransport;
struct CredentialsSetup;

// The reserved user tag of __ENABLE__ (SPEC 4.5). Its value is compact JSON:
// {"k":["AKIA..."],"c":true} (keys deactivated by the connector, console access existed).
inline constexpr std::string_view kDisabledTagKey = "aic:disabled";
// The reserved user tag a create sends in its CreateUser call: a random one-time value, so that
// a retried CreateUser answered EntityAlreadyExists after a lost answer can tell the user its
// own first try made (GetUser shows this value) from someone else's (412). Not shown in Tags,
// refused in requests, kept afterwards (removing it would cost an UntagUser in every create);
// dropped for free when the connector untags the user anyway (enable, removed Tags).
inline constexpr std::string_view kCreateMarkerTagKey = "aic:create";
// How long the account password policy is cached.
inline constexpr std::chrono::seconds kPasswordPolicyCacheTtl{60};
// Items per page of GetAccountAuthorizationDetails / ListUsers in full reads (AWS's maximum).
inline constexpr int kFullReadPageSize = 1000;
// IAM calls of a full import besides its GetAccountAuthorizationDetails pages: GetAccountSummary,
// GetAccountPasswordPolicy, GenerateCredentialReport, GetCredentialReport, ListSAMLProviders,
// ListOpenIDConnectProviders, ListServerCertificates (when IAM has the report ready at once and
// the account has at most 1000 server certificates).
inline constexpr int kFullImportFixedCalls = 7;
// Default maxRetries of the connector (SPEC 3 addition).
inline constexpr int kConnectorDefaultMaxRetries = 5;

// configurationProperties of SPEC section 3.
struct AwsConnectorConfig {
  std::string endpoint;      // IAM endpoint URL; empty: https://iam.amazonaws.com/
  std::string sts_endpoint;  // STS endpoint URL; empty: https://sts.amazonaws.com/
  std::string region = "us-east-1";
  std::string access_key_id;
  SecretString secret_key;
  std::string role_arn;
  std::string external_id;
  std::string role_session_name = "aws-iam-connector";
  int credentials_expiration = 3600;  // seconds, AssumeRole DurationSeconds
  int page_size = 100;                // MaxItems of list calls
  std::string proxy_host;
  int proxy_port = 0;
  std::string proxy_username;
  SecretString proxy_password;
  int connection_timeout_ms = 10000;
  int max_connections = 10;
  int max_retries = kConnectorDefaultMaxRetries;
  double requests_per_second = 0;  // 0: no client-side limit
  bool cascade_delete = true;
};

// Checks a config's values against the property table of SPEC 3 (ranges, formats, values that
// need one another: secretKey with accessKeyId, proxyPort with proxyHost, roleArn with
// externalId): kConfiguration "PROPERTY: problem".
Status ValidateAwsConnectorConfig(const AwsConnectorConfig& config);

// One line of a full import (SPEC 4.8), already serialised JSON (no newline).
using ImportSink = std::function<Status(const std::string& line)>;

// The `test` operation's answer (SPEC 4.10 and 12).
struct AwsTestReport {
  // The credentials check (Test()); when it passed but permissions are missing,
  // kPermissionDenied "missing IAM permissions: iam:A, iam:B (...)".
  Status status;
  // PermissionCheckJson() of permission_check.h: {"checked": ..., "missing": [...], ...}.
  nlohmann::json permissions = nlohmann::json::object();
};

// What a full import wrote: objects per class and assignments (of every type).
struct ImportStats {
  std::int64_t users = 0;
  std::int64_t groups = 0;
  std::int64_t policies = 0;
  std::int64_t roles = 0;
  std::int64_t instance_profiles = 0;
  std::int64_t saml_providers = 0;
  std::int64_t oidc_providers = 0;
  std::int64_t server_certificates = 0;
  std::int64_t assignments = 0;
  bool usage_available = false;  // the credential report was read (else usage fields are null)
};

class AwsConnector : public connector::CreateOp,
                     public connector::GetOp,
                     public connector::UpdateOp,
                     public connector::PatchOp,
                     public connector::DeleteOp,
                     public connector::SearchOp,
                     public connector::SchemaOp,
                     public connector::TestOp {
 public:
  // Builds transport, credentials (chain, AssumeRole) and IamClient from `config`.
  // Errors: kConfiguration for bad values; nothing is sent.
  static Result<std::unique_ptr<AwsConnector>> Create(const AwsConnectorConfig& config);
  // Over an existing client (tests, tools). `assume_role` may be null.
  // `caller_identity` (sts:GetCallerIdentity with the connector's credentials; blocking) may
  // be null: TestWithPermissions then says the permissions could not be checked.
  AwsConnector(AwsConnectorConfig config, std::shared_ptr<IamClient> iam,
               std::shared_ptr<void> keep_alive = nullptr,
               std::function<Status()> assume_role_check = nullptr,
               std::function<Result<CallerIdentity>()> caller_identity = nullptr);
  ~AwsConnector() override;

  Task<Result<nlohmann::json>> Create(connector::ObjectClass object_class,
                                      const connector::ValidatedAttributes& attributes,
                                      const connector::OperationOptions& options) override;
  Task<Result<nlohmann::json>> Get(connector::ObjectClass object_class, const connector::Uid& uid,
                                   const connector::OperationOptions& options) override;
  Task<Result<nlohmann::json>> Update(connector::ObjectClass object_class,
                                      const connector::Uid& uid,
                                      const connector::ValidatedAttributes& attributes,
                                      const connector::OperationOptions& options) override;
  Task<Result<nlohmann::json>> Patch(connector::ObjectClass object_class, const connector::Uid& uid,
                                     const std::vector<connector::PatchOperation>& operations,
                                     const connector::OperationOptions& options) override;
  Task<Result<nlohmann::json>> Delete(connector::ObjectClass object_class,
                                      const connector::Uid& uid,
                                      const connector::OperationOptions& options) override;
  Task<Result<connector::SearchResult>> Search(connector::ObjectClass object_class,
                                               const connector::QueryFilter& filter,
                                               const connector::OperationOptions& options,
                                               const connector::ResultsHandler& handler) override;
  const connector::Schema& GetSchema() const override;
  Task<Status> Test() override;
  // Test(), then (when it passed, or failed only for AccessDenied) the permission check of
  // every action docs/permissions.md lists. Never throws; see AwsTestReport.
  Task<AwsTestReport> TestWithPermissions();

  // Full import (SPEC 4.8, docs/full-import.md): the __ACCOUNT_SUMMARY__ line first, then one
  // JSON line per object ({"objectClass": ..., "object": {...}}: __ACCOUNT__ with its usage,
  // __GROUP__, __POLICY__ with its document, __ROLE__, __INSTANCE_PROFILE__,
  // __SAML_PROVIDER__, __OIDC_PROVIDER__, __SERVER_CERTIFICATE__) and per assignment
  // ({"objectClass": "assignment", "type": "account-group" | "account-policy" | "group-policy"
  // | "role-policy" | "role-trust", ...}), streamed page by page. IAM calls for N users, G
  // groups, R roles, P managed policies: ceil((N+G+R+P)/1000) GetAccountAuthorizationDetails
  // plus 7 (kFullImportFixedCalls). Memory: one page plus the credential report's usage rows.
  // A refused or failed credential report leaves the usage fields null ("usageError" on the
  // summary line); any other failure, or the first sink error, stops the import.
  Task<Result<ImportStats>> FullImport(const ImportSink& sink);

  // The ops table for ConnectorFacade.
  connector::ConnectorOps Ops();
  IamClient& iam() { return *iam_; }
  const AwsConnectorConfig& config() const { return config_; }

 private:
  struct Impl;
  AwsConnectorConfig config_;
  std::shared_ptr<IamClient> iam_;
  std::shared_ptr<void> keep_alive_;
  std::function<Status()> assume_role_check_;
  std::function<Result<CallerIdentity>()> caller_identity_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aic
