// The in-memory IAM + STS state of the emulator and the small helpers around it (ids, times).
// Pure data: locking and persistence are IamBackend's job. Lower-casing, dates and encodings
// are aic::text's (common/text_codec.h).
//
// Indexes: users and groups are std::maps keyed by text::AsciiLower(name) (case-insensitive
// uniqueness, ordered for Marker paging), with id -> pointer indexes beside them (std::map
// nodes keep their address across extract/insert, so renames keep the pointers valid).
// Derived fields (group members, policy attachment counts, the access key index) are rebuilt
// by IamState::RebuildDerived after loading and kept current by the actions.
//
// Thread safety: none; the owner guards it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aic::emulator::state {

using Clock = std::chrono::system_clock;
using Time = std::int64_t;  // seconds since the epoch, UTC

struct Tag {
  std::string key;
  std::string value;
};

struct LoginProfile {
  Time created = 0;
  bool reset_required = false;
  // A libsodium crypto_pwhash_str hash of the current password (for ChangePassword and the
  // simulated console sign-in); empty for a profile stored before passwords were kept.
  std::string password_hash;
  Time password_changed = 0;
  // Hashes of earlier passwords, newest first (for PasswordReusePrevention, at most 24).
  std::vector<std::string> previous_hashes;
};

// Where and when a credential or role was last used (AWS's AccessKeyLastUsed / RoleLastUsed).
struct LastUse {
  Time date = 0;
  std::string service;  // service namespace, e.g. "iam"
  std::string region;   // the signing region, e.g. "us-east-1"
};

struct AccessKey {
  std::string id;
  std::string secret;  // needed to verify signatures; never logged
  std::string status = "Active";
  Time created = 0;
  std::optional<LastUse> last_used;
};

struct SigningCertificate {
  std::string id;
  std::string body;
  std::string status = "Active";
  Time uploaded = 0;
};

struct SshPublicKey {
  std::string id;
  std::string body;
  std::string fingerprint;
  std::string status = "Active";
  Time uploaded = 0;
};

struct ServiceCredential {
  std::string id;
  std::string service_name;
  std::string service_user_name;
  std::string status = "Active";
  Time created = 0;
};

struct MfaAssignment {
  std::string serial;
  Time enabled = 0;
};

struct User {
  std::string id;  // AIDA...
  std::string name;
  std::string path = "/";
  Time created = 0;
  std::optional<Time> password_last_used;
  std::string boundary_arn;
  std::vector<Tag> tags;
  std::optional<LoginProfile> login;
  std::vector<AccessKey> access_keys;
  std::vector<SigningCertificate> certificates;
  std::vector<SshPublicKey> ssh_keys;
  std::vector<ServiceCredential> service_credentials;
  std::vector<MfaAssignment> mfa_devices;
  std::map<std::string, std::string> inline_policies;  // name -> JSON document
  std::vector<std::string> attached;                   // managed policy ARNs, attach order
  std::vector<std::string> groups;                     // group ids, join order
};

struct Group {
  std::string id;  // AGPA...
  std::string name;
  std::string path = "/";
  Time created = 0;
  std::map<std::string, std::string> inline_policies;
  std::vector<std::string> attached;
  std::set<std::string> members;  // user ids (derived)
};

struct PolicyVersion {
  std::string id;  // v1, v2, ...
  std::string document;
  Time created = 0;
};

struct ManagedPolicy {
  std::string arn;
  std::string id;  // ANPA...
  std::string name;
  std::string path = "/";
  std::string description;
  Time created = 0;
  Time updated = 0;
  std::string default_version;
  int next_version = 2;
  bool aws_managed = false;
  std::vector<PolicyVersion> versions;
  std::vector<Tag> tags;
  int attachment_count = 0;      // derived
  int boundary_usage_count = 0;  // derived
};

struct VirtualMfaDevice {
  std::string serial;   // arn:aws:iam::ACCOUNT:mfa{path}{name}
  std::string seed;     // base32
  std::string user_id;  // empty when unassigned
  Time enabled = 0;
  std::vector<Tag> tags;
};

struct Role {
  std::string id;  // AROA...
  std::string name;
  std::string path = "/";
  Time created = 0;
  std::string trust_policy;  // AssumeRolePolicyDocument as given (JSON)
  std::string description;
  int max_session_duration = 3600;  // seconds, 3600..43200
  std::string boundary_arn;
  std::vector<Tag> tags;
  std::map<std::string, std::string> inline_policies;  // name -> JSON document
  std::vector<std::string> attached;                   // managed policy ARNs, attach order
  std::optional<LastUse> last_used;                    // AssumeRole (date and region)
  bool service_linked = false;  // made by CreateServiceLinkedRole (path /aws-service-role/...)
  std::string service_name;     // the AWSServiceName of a service-linked role
  std::set<std::string> instance_profiles;  // instance profile ids (derived)
};

struct InstanceProfile {
  std::string id;  // AIPA...
  std::string name;
  std::string path = "/";
  Time created = 0;
  std::vector<std::string> roles;  // role ids (AWS allows one)
  std::vector<Tag> tags;
};

struct SamlProvider {
  std::string arn;  // arn:PARTITION:iam::ACCOUNT:saml-provider/NAME
  std::string name;
  std::string metadata;  // SAMLMetadataDocument
  Time created = 0;
  Time valid_until = 0;
  std::vector<Tag> tags;
};

struct OidcProvider {
  std::string arn;  // arn:PARTITION:iam::ACCOUNT:oidc-provider/HOST/PATH
  std::string url;  // as given, https://...
  std::vector<std::string> client_ids;
  std::vector<std::string> thumbprints;
  Time created = 0;
  std::vector<Tag> tags;
};

struct ServerCertificate {
  std::string id;  // ASCA...
  std::string name;
  std::string path = "/";
  std::string body;   // PEM
  std::string chain;  // PEM, may be empty
  Time uploaded = 0;
  Time expiration = 0;  // notAfter of the certificate
  std::vector<Tag> tags;
  // The private key is checked on upload and never stored.
};

// One job of GenerateServiceLastAccessedDetails (or GenerateOrganizationsAccessReport).
struct AccessReportJob {
  std::string id;
  std::string arn;                            // the entity the report is about
  std::string granularity = "SERVICE_LEVEL";  // or ACTION_LEVEL
  Time created = 0;
  Time completed = 0;
};

// A principal's use of one service, as service-last-accessed reports show it.
struct ServiceAccess {
  Time date = 0;
  std::string region;
  std::string entity_arn;                  // the user or role that made the call
  std::map<std::string, LastUse> actions;  // action name ("CreateUser") -> last use
};

// Account-wide settings that are neither entities nor the password policy.
struct AccountSettings {
  std::vector<std::string> aliases;      // at most one
  std::string sts_global_token_version;  // "" (v1Token) or "v2Token"
  Time credential_report_generated = 0;  // 0 = never generated
  std::string credential_report;         // the CSV as generated (GetCredentialReport)
};

struct TempKey {
  std::string id;  // ASIA...
  std::string secret;
  std::string token;
  Time expiration = 0;
  std::string arn;         // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
  std::string user_id;     // AROA...:SESSION
  std::string role_id;     // the assumed role's id, when an AssumeRole* made the key
  std::string source_key;  // the long-term key that made it (GetSessionToken/GetFederationToken)
  bool mfa = false;        // made with MFA (GetSessionToken, or AssumeRole with SerialNumber)
  // What the session is held to when --enforce-iam authorises its calls (request_authorizer.h):
  Time issued = 0;             // aws:TokenIssueTime (0 for keys stored before it was kept)
  std::string session_policy;  // the Policy parameter, "" when none
  std::vector<std::string> session_policy_arns;  // PolicyArns
  std::vector<Tag> session_tags;                 // Tags (aws:PrincipalTag/* of the session)
  // Whether the caller passed any session policy (Policy or PolicyArns): a session without
  // one is not limited by session policies (a GetFederationToken session without one has no
  // permissions at all, see request_authorizer.h).
  bool HasSessionPolicy() const { return !session_policy.empty() || !session_policy_arns.empty(); }
};

struct PasswordPolicy {
  int min_length = 6;
  bool require_symbols = false;
  bool require_numbers = false;
  bool require_upper = false;
  bool require_lower = false;
  bool allow_change = false;
  int max_age = 0;           // 0 = never expires
  int reuse_prevention = 0;  // 0 = not set
  bool hard_expiry = false;
};

struct IamState {
  std::map<std::string, User> users;  // lower-cased name -> user
  std::unordered_map<std::string, User*> users_by_id;
  std::map<std::string, Group> groups;  // lower-cased name -> group
  std::unordered_map<std::string, Group*> groups_by_id;
  std::map<std::string, ManagedPolicy> policies;           // ARN -> policy
  std::map<std::string, VirtualMfaDevice> mfa_devices;     // serial -> device
  std::map<std::string, TempKey> temp_keys;                // id -> key
  std::unordered_map<std::string, std::string> key_owner;  // AKIA id -> user id (derived)
  std::optional<PasswordPolicy> password_policy;
  std::map<std::string, Role> roles;  // lower-cased name -> role
  std::unordered_map<std::string, Role*> roles_by_id;
  std::map<std::string, InstanceProfile> instance_profiles;  // lower-cased name -> profile
  std::unordered_map<std::string, InstanceProfile*> instance_profiles_by_id;
  std::map<std::string, SamlProvider> saml_providers;            // ARN -> provider
  std::map<std::string, OidcProvider> oidc_providers;            // ARN -> provider
  std::map<std::string, ServerCertificate> server_certificates;  // lower-cased name -> cert
  std::map<std::string, AccessReportJob> access_jobs;            // job id -> job
  // Principal ARN (user or role) -> service namespace -> its last use.
  std::map<std::string, std::map<std::string, ServiceAccess>> service_access;
  AccountSettings account;

  void Clear();
  // Rebuilds the id indexes, group members, attachment counts and the key index.
  void RebuildDerived();
  User* FindUser(std::string_view name);
  Group* FindGroup(std::string_view name);
  ManagedPolicy* FindPolicy(std::string_view arn);
  Role* FindRole(std::string_view name);
  InstanceProfile* FindInstanceProfile(std::string_view name);
  ServerCertificate* FindServerCertificate(std::string_view name);
};

Time ToTime(Clock::time_point tp);
// prefix + random uppercase letters and digits up to `length` characters (AWS's 21).
std::string NewId(std::string_view prefix, std::size_t length = 21);
// Random characters from A-Za-z0-9 and, when `with_symbols`, '+' and '/'.
std::string RandomString(std::size_t length, bool with_symbols);

}  // namespace aic::emulator::state
