// Typed results of IAM Query API calls (see IamClient in iam_client.h).
//
// Field names follow the AWS shapes in snake_case. Dates are ISO 8601 UTC strings with whole
// seconds ("2022-06-02T23:46:39Z"): AWS's fractional seconds and offsets are normalised away;
// an absent date is an empty string. Policy documents are URL-decoded JSON text, as AWS means
// them. Secrets (a new access key's secret) are SecretString values.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/secret_string.h"

namespace aic {

struct Tag {
  std::string key;
  std::string value;
  friend bool operator==(const Tag&, const Tag&) = default;
};

// One page of a paged IAM list: follow `marker` while `is_truncated`.
template <class T>
struct Page {
  std::vector<T> items;
  bool is_truncated = false;
  std::string marker;  // empty when not truncated
};

// A permissions boundary as attached to a user (AttachedPermissionsBoundary).
struct PermissionsBoundary {
  std::string type;  // "PermissionsBoundaryPolicy"; empty when none
  std::string arn;   // empty when none
};

struct User {
  std::string path;
  std::string user_name;
  std::string user_id;
  std::string arn;
  std::string create_date;
  std::string password_last_used;  // empty if never used (or not reported)
  PermissionsBoundary permissions_boundary;
  std::vector<Tag> tags;  // GetUser returns them; ListUsers does not
};

struct Group {
  std::string path;
  std::string group_name;
  std::string group_id;
  std::string arn;
  std::string create_date;
};

// GetGroup: the group and one page of its members.
struct GroupWithUsers {
  Group group;
  Page<User> users;
};

struct ManagedPolicy {
  std::string policy_name;
  std::string policy_id;
  std::string arn;
  std::string path;
  std::string default_version_id;
  std::int64_t attachment_count = 0;
  std::int64_t permissions_boundary_usage_count = 0;
  bool is_attachable = false;
  std::string description;
  std::string create_date;
  std::string update_date;
  std::vector<Tag> tags;
};

struct PolicyVersion {
  std::string document;  // URL-decoded JSON; empty in ListPolicyVersions
  std::string version_id;
  bool is_default_version = false;
  std::string create_date;
};

struct AttachedPolicy {
  std::string policy_name;
  std::string policy_arn;
};

// An inline policy (GetUserPolicy / GetGroupPolicy, UserDetail / GroupDetail lists).
struct InlinePolicy {
  std::string owner_name;  // user or group name (empty inside *Detail lists)
  std::string policy_name;
  std::string policy_document;  // URL-decoded JSON
};

struct LoginProfile {
  std::string user_name;
  std::string create_date;
  bool password_reset_required = false;
};

struct AccessKeyMetadata {
  std::string user_name;
  std::string access_key_id;
  std::string status;  // "Active" | "Inactive"
  std::string create_date;
};

// CreateAccessKey's result: the only time AWS returns the secret.
struct AccessKey {
  std::string user_name;
  std::string access_key_id;
  std::string status;
  SecretString secret_access_key;
  std::string create_date;
};

struct MfaDevice {
  std::string user_name;
  std::string serial_number;
  std::string enable_date;
};

struct SigningCertificate {
  std::string user_name;
  std::string certificate_id;
  std::string certificate_body;
  std::string status;
  std::string upload_date;
};

struct SshPublicKeyMetadata {
  std::string user_name;
  std::string ssh_public_key_id;
  std::string status;
  std::string upload_date;
};

struct ServiceSpecificCredentialMetadata {
  std::string user_name;
  std::string status;
  std::string service_user_name;
  std::string create_date;
  std::string service_specific_credential_id;
  std::string service_name;
};

// The account password policy. In UpdateAccountPasswordPolicy an unset field is not sent.
struct PasswordPolicy {
  std::optional<int> minimum_password_length;
  std::optional<bool> require_symbols;
  std::optional<bool> require_numbers;
  std::optional<bool> require_uppercase_characters;
  std::optional<bool> require_lowercase_characters;
  std::optional<bool> allow_users_to_change_password;
  std::optional<bool> expire_passwords;  // read-only
  std::optional<int> max_password_age;
  std::optional<int> password_reuse_prevention;
  std::optional<bool> hard_expiry;
};

// GetAccountSummary's SummaryMap ("Users" -> 27, "UsersQuota" -> 5000, ...).
using AccountSummary = std::map<std::string, std::int64_t>;

// ---- GetAccountAuthorizationDetails --------------------------------------------------------

struct UserDetail {
  std::string path;
  std::string user_name;
  std::string user_id;
  std::string arn;
  std::string create_date;
  std::vector<InlinePolicy> user_policy_list;
  std::vector<std::string> group_list;
  std::vector<AttachedPolicy> attached_managed_policies;
  PermissionsBoundary permissions_boundary;
  std::vector<Tag> tags;
};

struct GroupDetail {
  std::string path;
  std::string group_name;
  std::string group_id;
  std::string arn;
  std::string create_date;
  std::vector<InlinePolicy> group_policy_list;
  std::vector<AttachedPolicy> attached_managed_policies;
};

// ---- Roles, instance profiles, identity providers, certificates -------------------------------

// RoleLastUsed: both empty when the role was never used (or not within AWS's tracking period).
struct RoleLastUsed {
  std::string last_used_date;
  std::string region;
};

struct InstanceProfile {
  std::string path;
  std::string instance_profile_name;
  std::string instance_profile_id;
  std::string arn;
  std::string create_date;
  std::vector<std::string> role_names;  // the <Roles> members' RoleName (at most one in AWS)
  std::vector<Tag> tags;
};

// GetRole returns every field; ListRoles leaves out permissions_boundary, tags and
// role_last_used (AWS: "ListRoles does not return" them), so they are empty there.
struct Role {
  std::string path;
  std::string role_name;
  std::string role_id;
  std::string arn;
  std::string create_date;
  std::string assume_role_policy_document;  // URL-decoded JSON; empty when not returned
  std::string description;
  int max_session_duration = 0;  // seconds; 0 when not returned
  PermissionsBoundary permissions_boundary;
  std::vector<Tag> tags;
  RoleLastUsed role_last_used;
};

// A RoleDetailList member of GetAccountAuthorizationDetails (no Description, no
// MaxSessionDuration: AWS's RoleDetail shape has neither).
struct RoleDetail {
  std::string path;
  std::string role_name;
  std::string role_id;
  std::string arn;
  std::string create_date;
  std::string assume_role_policy_document;  // URL-decoded JSON
  std::vector<InstanceProfile> instance_profile_list;
  std::vector<InlinePolicy> role_policy_list;
  std::vector<AttachedPolicy> attached_managed_policies;
  PermissionsBoundary permissions_boundary;
  std::vector<Tag> tags;
  RoleLastUsed role_last_used;
};

// A SAMLProviderList member of ListSAMLProviders.
struct SamlProviderEntry {
  std::string arn;
  std::string valid_until;
  std::string create_date;
};

// A ServerCertificateMetadataList member of ListServerCertificates.
struct ServerCertificateMetadata {
  std::string path;
  std::string server_certificate_name;
  std::string server_certificate_id;
  std::string arn;
  std::string upload_date;
  std::string expiration;
};

// ---- Credential report --------------------------------------------------------------------------

// GenerateCredentialReport's answer: State is "STARTED", "INPROGRESS" or "COMPLETE".
struct CredentialReportState {
  std::string state;
  std::string description;
};

// GetCredentialReport's answer. `content` is the report itself (the base64 Content decoded:
// CSV text in AWS's column order, one header line); ReportNotPresent / ReportExpired /
// ReportInProgress come back as errors whose AwsErrorDetail code says which.
struct CredentialReport {
  std::string content;
  std::string report_format;   // "text/csv"
  std::string generated_time;  // ISO 8601 UTC
};

struct ManagedPolicyDetail {
  ManagedPolicy policy;  // tags are not part of this shape
  std::vector<PolicyVersion> policy_version_list;
};

// One page of GetAccountAuthorizationDetails.
struct AccountAuthorizationDetails {
  std::vector<UserDetail> users;
  std::vector<GroupDetail> groups;
  std::vector<RoleDetail> roles;
  std::vector<ManagedPolicyDetail> policies;
  bool is_truncated = false;
  std::string marker;
};

// ---- Policy simulation (SimulatePrincipalPolicy) ----

// One ContextEntries member: a condition key's values for the simulation.
struct SimulationContextEntry {
  std::string key;                  // ContextKeyName, e.g. "aws:SourceIp"
  std::vector<std::string> values;  // ContextKeyValues
  std::string type;                 // ContextKeyType: "string", "ipList", ...
};

// The request of SimulatePrincipalPolicy (the fields the connector sends).
struct SimulationRequest {
  std::string policy_source_arn;           // user, group or role ARN (required)
  std::vector<std::string> action_names;   // "iam:CreateUser", ... (required, not empty)
  std::vector<std::string> resource_arns;  // empty: AWS's default "*"
  std::string caller_arn;                  // empty: not sent
  std::vector<SimulationContextEntry> context_entries;
};

// A MatchedStatements member.
struct MatchedStatement {
  std::string source_policy_id;    // e.g. "OmadaIAMUserManagement" or a policy ARN
  std::string source_policy_type;  // "user", "group", "role", "aws-managed", "user-managed", ...
};

// One ResourceSpecificResults member.
struct ResourceEvaluation {
  std::string resource_name;  // EvalResourceName
  std::string decision;       // EvalResourceDecision
  std::vector<MatchedStatement> matched_statements;
  std::vector<std::string> missing_context_values;
};

// One EvaluationResults member: the decision for one action (and resource).
struct EvaluationResult {
  std::string action_name;    // EvalActionName
  std::string resource_name;  // EvalResourceName ("*" when no resource was given)
  std::string decision;       // EvalDecision: "allowed", "explicitDeny" or "implicitDeny"
  std::vector<MatchedStatement> matched_statements;
  std::vector<std::string> missing_context_values;
  // EvalDecisionDetails (source -> decision), e.g. {"PermissionsBoundary": "implicitDeny"}.
  std::vector<std::pair<std::string, std::string>> decision_details;
  std::optional<bool>
      boundary_allowed;  // PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary
  std::vector<ResourceEvaluation> resource_specific_results;
};

}  // namespace aic
