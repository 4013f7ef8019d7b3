// What the STS actions share: session parameters (duration, session policies and tags with
// their packed size), who the caller is as a principal, role lookup by ARN and the trust check,
// issuing temporary keys and writing <Credentials>.
//
// Limits (AWS's, from the sts model service-2.json and the IAM User Guide's "IAM and AWS STS
// quotas" page):
//   kMinSessionSeconds 900; role sessions up to the role's MaxSessionDuration (model max 43200);
//   role chaining (a role session assuming a role) at most kChainedMaxSeconds 3600;
//   GetSessionToken / GetFederationToken 900..129600, default 43200, the root at most 3600
//   (longer requests from the root are cut to one hour, as the API reference says).
//   Session policy: 1..2048 characters (sessionPolicyDocumentType); at most 10 PolicyArns;
//   50 session tags (key 1..128, value 0..256), 50 transitive keys.
// Packed size: AWS packs the session policy, PolicyArns and tags into a compressed binary whose
// form it does not document; the emulator's packing counts the policy without whitespace
// outside strings, each policy ARN and each tag key and value (+2 bytes each), against
// kPackedBudgetBytes; PackedPolicySize is that percentage, rounded up, and over 100 is refused
// with PackedPolicyTooLarge.
#pragma once

#include <string>
#include <vector>

#include "emulator/state/action_context.h"
#include "emulator/state/role_trust.h"

namespace aic::emulator::state {

inline constexpr int kMinSessionSeconds = 900;
inline constexpr int kMaxRoleSessionSeconds = 43200;
inline constexpr int kDefaultRoleSessionSeconds = 3600;
inline constexpr int kChainedMaxSeconds = 3600;
inline constexpr int kMaxTokenSessionSeconds = 129600;
inline constexpr int kDefaultTokenSessionSeconds = 43200;
inline constexpr int kRootMaxSessionSeconds = 3600;
inline constexpr std::size_t kMaxSessionPolicyLength = 2048;
inline constexpr std::size_t kMaxSessionPolicyArns = 10;
inline constexpr std::size_t kMaxSessionTags = 50;
inline constexpr std::size_t kPackedBudgetBytes = 4096;
inline constexpr std::size_t kSessionTokenLength = 356;

// The session policy inputs of AssumeRole*, GetFederationToken.
struct SessionInputs {
  std::string policy;                    // "" when absent
  std::vector<std::string> policy_arns;  // PolicyArns.member.N.arn
  std::vector<Tag> tags;                 // Tags (only where the operation takes them)
  std::vector<std::string> transitive;   // TransitiveTagKeys
  int packed_percent = 0;
  bool any() const { return !policy.empty() || !policy_arns.empty() || !tags.empty(); }
};
Result<SessionInputs> SessionParams(const Ctx& ctx, bool with_tags);
// Writes <PackedPolicySize> when the request had session policies or tags.
void WritePackedSize(XmlWriter& w, const SessionInputs& in);

// A "[\w+=,.@-]*" parameter of min..max characters (RoleSessionName, SourceIdentity, Name...).
Status CheckNameParam(std::string_view param, const std::string& value, std::size_t min,
                      std::size_t max, std::string_view pattern = "[\\w+=,.@-]*");
// ExternalId, SerialNumber, TokenCode per the model (when present).
Status CheckExternalId(const std::string& value);
Status CheckSerialNumber(const std::string& value);
Status CheckTokenCode(const std::string& value);

// The signing principal, seen from STS.
struct CallerPrincipal {
  std::string arn;            // user ARN, ...:root, or the session ARN (in ctx's partition)
  std::string principal_arn;  // aws:PrincipalArn: the user, root, or the session's role ARN
  std::string account;
  bool root = false;
  User* user = nullptr;           // an IAM user (long-term key or its session)
  const TempKey* temp = nullptr;  // when signed with temporary credentials
  Role* role = nullptr;           // the role of an assumed-role session
  bool federated_user = false;    // a GetFederationToken session
};
CallerPrincipal ResolveCaller(Ctx& ctx);
// SerialNumber + TokenCode (AssumeRole, GetSessionToken): false when neither is passed, true
// when both are and the serial is an MFA device enabled for the calling user (any 6-digit code
// is accepted), else AccessDenied (or ValidationError for a malformed value).
Result<bool> CheckMfaParams(const Ctx& ctx, const CallerPrincipal& caller);

// The role named by an ARN of this account (any partition prefix of the form
// arn:P:iam::ACCOUNT:role[/path/]NAME whose path matches), or null.
Role* StsRoleByArn(Ctx& ctx, std::string_view arn);
// AWS's AccessDenied (403).
Status StsAccessDenied(std::string message);
// "User: CALLER is not authorized to perform: ACTION on resource: RESOURCE".
Status NotAuthorized(std::string_view caller, std::string_view action, std::string_view resource);
// DurationSeconds against the role's MaxSessionDuration (and the one-hour chaining cap).
Status CheckRoleDuration(const Role& role, int duration, bool chained);
// The request's global condition keys a trust policy may test: aws:CurrentTime, aws:EpochTime,
// aws:SourceIp, aws:SecureTransport (and aws:RequestedRegion for a signed call).
void AddTrustGlobalKeys(const Ctx& ctx, TrustRequest& trust);
// The session actions the trust policy must allow besides `action`: sts:TagSession when tags
// are passed, sts:SetSourceIdentity when a source identity is.
std::vector<std::string> TrustActions(std::string action, bool tags, bool source_identity);

// Issues a temporary key (ASIA...), stores it (ctx.dirty.temp_keys) and forgets expired ones.
TempKey& IssueTempKey(Ctx& ctx, Time expiration, std::string arn, std::string user_id,
                      std::string role_id, std::string source_key);
// Keeps the session policies and tags of `in` on the key (they bound what it may do when IAM
// is enforced; request_authorizer.h).
void KeepSessionInputs(TempKey& k, const SessionInputs& in);
void WriteCredentials(XmlWriter& w, const TempKey& k);
void WriteAssumedRoleUser(XmlWriter& w, const TempKey& k);
// Records the role's last use (date and signing region) in ctx.dirty.roles.
void RecordRoleUse(Ctx& ctx, Role& role);
// "arn:aws:..." -> "arn:PARTITION:..." for the ARNs LookupAccessKey writes in "aws".
std::string InPartition(std::string_view arn, std::string_view partition);
// The partition of an ARN ("aws" when it is not one).
std::string_view PartitionOf(std::string_view arn);

// The EncodedMessage of an AccessDenied that DecodeAuthorizationMessage turns back into
// `json_document`: "AIC1" + base64url (unpadded) of the JSON (sts_actions.cc).
std::string EncodeAuthorizationMessage(std::string_view json_document);

}  // namespace aic::emulator::state
