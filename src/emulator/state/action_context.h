// The context every action handler gets, the handler table, and the helpers the handlers share:
// AWS errors, request parameter parsing and validation (names, paths, MaxItems, tags, member
// lists, markers, policy documents) and response XML building (entities, paging).
//
// A handler returns the whole XML body, or a Status carrying AwsErrorDetail (code, type,
// message, HTTP status) that IamBackend turns into an ErrorResponse. Handlers check everything
// before they change the state, so a failed action leaves the state untouched; a write handler
// records what it changed in ctx.dirty, which IamBackend stores in one SQLite transaction.
//
// Thread safety: handlers run under IamBackend's lock (shared for reads, exclusive for writes).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "aws_iam_connector/status.h"
#include "emulator/backend.h"
#include "emulator/state/iam_model.h"
#include "emulator/state/iam_store.h"
#include "emulator/state/xml_writer.h"

// Assigns the value of a Result expression to a new variable `var`, or returns its Status.
#define EMU_ASSIGN(var, expr)                 \
  auto var##_r = (expr);                      \
  if (!var##_r.ok()) return var##_r.status(); \
  auto var = std::move(var##_r).value()

namespace aic::emulator::state {

// AWS's limits.
inline constexpr int kDefaultMaxItems = 100;
inline constexpr int kMaxMaxItems = 1000;
inline constexpr std::size_t kMaxTagsPerEntity = 50;
inline constexpr std::size_t kMaxTagKeyLength = 128;
inline constexpr std::size_t kMaxTagValueLength = 256;
inline constexpr std::size_t kMaxGroupsPerUser = 10;
inline constexpr std::size_t kMaxManagedPoliciesPerEntity = 10;
inline constexpr std::size_t kMaxAccessKeysPerUser = 2;
inline constexpr std::size_t kMaxPolicyVersions = 5;
inline constexpr std::size_t kMaxSigningCertificatesPerUser = 2;
inline constexpr std::size_t kMaxSshKeysPerUser = 5;
inline constexpr std::size_t kMaxServiceCredentialsPerService = 2;
inline constexpr std::size_t kMaxUserNameLength = 64;
inline constexpr std::size_t kMaxGroupNameLength = 128;
inline constexpr std::size_t kMaxPolicyNameLength = 128;
inline constexpr std::size_t kMaxPathLength = 512;
// Policy sizes count characters other than white space (PolicySize in policy_grammar.h; IAM
// quotas page, GetAccountSummary's *SizeQuota). A managed policy (each version): 6,144.
inline constexpr std::size_t kMaxManagedPolicyDocumentLength = 6144;
// The inline policies of one entity together (aggregate): a role's 10,240, a user's 2,048, a
// group's 5,120.
inline constexpr std::size_t kMaxInlinePolicyDocumentLength = 10240;
inline constexpr std::size_t kMaxUserInlinePoliciesLength = 2048;
inline constexpr std::size_t kMaxGroupInlinePoliciesLength = 5120;
inline constexpr std::size_t kMaxPasswordLength = 128;
inline constexpr std::size_t kMaxDescriptionLength = 1000;

struct Ctx {
  const ActionRequest& req;
  IamState& st;
  Dirty& dirty;
  const std::string& account;
  Time now;

  // The parameter's value, or null when absent.
  const std::string* Param(std::string_view name) const;
  std::string_view Namespace() const;
  // The partition of the signing region: "aws-cn" (cn-*), "aws-us-gov" (us-gov-*), "aws-iso"
  // (us-iso-*), "aws-iso-b" (us-isob-*), else "aws".
  std::string_view Partition() const;
  // "arn:PARTITION:SERVICE::ACCOUNT:RESOURCE".
  std::string Arn(std::string_view service, std::string_view resource) const;
};

using Handler = Result<std::string> (*)(Ctx&);
struct ActionSpec {
  Handler handler;
  bool write;  // takes the exclusive lock and commits ctx.dirty
};
using ActionTable = std::unordered_map<std::string, ActionSpec>;

// Every action group registers its handlers here (one function per file).
void RegisterUserActions(ActionTable& table);
void RegisterCredentialActions(ActionTable& table);
void RegisterGroupActions(ActionTable& table);
void RegisterPolicyActions(ActionTable& table);  // also registers the inline ones
void RegisterInlinePolicyActions(ActionTable& table);
void RegisterAccountActions(ActionTable& table);
void RegisterStsActions(ActionTable& table);
void RegisterRoleActions(ActionTable& table);               // role_actions.cc
void RegisterInstanceProfileActions(ActionTable& table);    // instance_profile_actions.cc
void RegisterIdentityProviderActions(ActionTable& table);   // identity_provider_actions.cc
void RegisterServerCertificateActions(ActionTable& table);  // server_certificate_actions.cc
void RegisterAccountAliasActions(ActionTable& table);       // account_alias_actions.cc
void RegisterMfaDeviceActions(ActionTable& table);          // mfa_device_actions.cc (tags, resync)
void RegisterReportActions(ActionTable& table);      // report_actions.cc (credential report, usage)
void RegisterFederationActions(ActionTable& table);  // sts_federation_actions.cc (STS)
void RegisterSimulateActions(ActionTable& table);    // simulate_actions.cc (policy engine)

// ---- errors ----
// A Status carrying an AWS error (Type is Sender below 500, Receiver from 500).
Status AwsError(std::string_view code, int http_status, std::string message);
Status NoSuchEntity(std::string message);
Status AlreadyExists(std::string message);
Status DeleteConflict(std::string message);
Status LimitExceeded(std::string message);
Status InvalidInput(std::string message);
Status ValidationError(std::string message);
Status MalformedPolicy(std::string message);
Status NoSuchUser(std::string_view name);   // "The user with name X cannot be found."
Status NoSuchGroup(std::string_view name);  // "The group with name X cannot be found."

// ---- parameters ----
// The user named by `param` (NoSuchEntity when unknown, ValidationError when missing).
Result<User*> UserParam(Ctx& ctx, std::string_view param = "UserName");
// UserName, or the calling IAM user when absent (ValidationError for non-user callers).
Result<User*> UserParamOrCaller(Ctx& ctx);
Result<Group*> GroupParam(Ctx& ctx, std::string_view param = "GroupName");
// The value of a required parameter; ValidationError when missing.
Result<std::string> Required(const Ctx& ctx, std::string_view name);
// A user/group/policy name: 1..max_len of [\w+=,.@-].
Result<std::string> RequiredName(const Ctx& ctx, std::string_view name, std::size_t max_len);
Status CheckName(std::string_view param, std::string_view value, std::size_t max_len);
// A Path ("/" when absent): ((/[A-Za-z0-9.,+@=_-]+)*)/, at most 512.
Result<std::string> OptionalPath(const Ctx& ctx, std::string_view name);
Result<bool> OptionalBool(const Ctx& ctx, std::string_view name, bool fallback);
Result<int> OptionalInt(const Ctx& ctx, std::string_view name, int fallback, int min, int max);
// MaxItems: 1..1000, default 100.
Result<int> MaxItems(const Ctx& ctx);
// The decoded Marker ("" when absent); ValidationError when it is not one of ours.
Result<std::string> MarkerKey(const Ctx& ctx);
// "Prefix.member.1", "Prefix.member.2", ... until the first gap.
std::vector<std::string> MemberList(const Ctx& ctx, std::string_view prefix);
// Tags.member.N.Key / .Value, validated (key 1..128, value 0..256, at most 50).
Result<std::vector<Tag>> TagList(const Ctx& ctx, std::string_view prefix = "Tags");
// Merges `add` into `tags` (same key replaces), LimitExceeded beyond 50.
Status MergeTags(std::vector<Tag>& tags, const std::vector<Tag>& add);
// An identity policy (managed, inline, boundary): at most max_len non-white-space characters
// (LimitExceeded "Cannot exceed quota for PolicySize: N") and IAM's policy grammar
// (CheckPolicyGrammar kIdentity: MalformedPolicyDocument with AWS's message).
Status CheckPolicyDocument(std::string_view doc, std::size_t max_len);
// An inline policy `doc` to be stored as `name` among the inline `policies` of the `kind` ("user",
// "group", "role") named `owner`: all of them together (`doc` replacing a policy of the same
// name) at most max_len non-white-space characters (LimitExceeded "Maximum policy size of N
// bytes exceeded for <kind> <owner>"), and the policy grammar (CheckPolicyGrammar kIdentity).
Status CheckInlinePolicyDocument(const std::map<std::string, std::string>& policies,
                                 std::string_view name, std::string_view doc, std::size_t max_len,
                                 std::string_view kind, std::string_view owner);
// A role's trust policy (AssumeRolePolicyDocument): at most 2,048 non-white-space characters,
// AWS's default quota (LimitExceeded "Cannot exceed quota for ACLSizePerRole: 2048"), and the
// policy grammar (CheckPolicyGrammar kTrust).
inline constexpr std::size_t kMaxTrustPolicyDocumentLength = 2048;
Status CheckTrustPolicyDocument(std::string_view doc);
// Validates a policy ARN's shape (InvalidInput "ARN X is not valid.").
Status CheckPolicyArn(std::string_view arn);
// Status "Active"/"Inactive", else ValidationError.
Result<std::string> RequiredStatus(const Ctx& ctx);

// ---- responses ----
// <ActionResponse xmlns><ActionResult>
XmlWriter BeginResult(const Ctx& ctx);
// Closes the result and adds ResponseMetadata.
std::string EndResult(const Ctx& ctx, XmlWriter&& w);
// <ActionResponse xmlns><ResponseMetadata/></ActionResponse> for actions without output.
std::string EmptyResult(const Ctx& ctx);

std::string UserArn(const Ctx& ctx, const User& u);
std::string GroupArn(const Ctx& ctx, const Group& g);
// kListing: what ListUsers returns, without PermissionsBoundary and Tags (AWS's ListUsers
// page: "This operation does not return the following attributes ... PermissionsBoundary, Tags").
enum class UserView { kFull, kListing };
void WriteUser(XmlWriter& w, const Ctx& ctx, const User& u, std::string_view element,
               UserView view = UserView::kFull);
void WriteGroup(XmlWriter& w, const Ctx& ctx, const Group& g, std::string_view element);
// The fields each operation returns (LocalStack test_iam_policies.snapshot.json,
// test_policy_tag_lifecycle; AWS's ListPolicies page): kCreate without Description, Tags only
// when there are some; kGet with Description and Tags always (<Tags/> when none); kList
// without Description and Tags.
enum class PolicyView { kCreate, kGet, kList };
void WritePolicy(XmlWriter& w, const ManagedPolicy& p, std::string_view element, PolicyView view);
// with_tags: kGet, else kList.
void WritePolicy(XmlWriter& w, const ManagedPolicy& p, std::string_view element, bool with_tags);
void WriteTags(XmlWriter& w, const std::vector<Tag>& tags, std::string_view element = "Tags");
// The List Attached{User,Group,Role}Policies answer for these attached ARNs: PathPrefix
// filter, MaxItems/Marker paging over the attach order.
Result<std::string> ListAttachedPolicies(Ctx& ctx, const std::vector<std::string>& attached);
// The result of a List*Tags action: one page of `tags` (MaxItems/Marker), IsTruncated, Marker.
Result<std::string> TagPageResult(const Ctx& ctx, const std::vector<Tag>& tags);

// Paging over an ordered map from a start key; `emit` is called for at most max items that
// pass `pred`. Writes nothing itself; the handler writes IsTruncated/Marker with WritePaging.
struct PageEnd {
  bool truncated = false;
  std::string next_key;
};
template <class Map, class Pred, class Emit>
PageEnd PageMap(const Map& m, const std::string& start, int max, Pred pred, Emit emit) {
  PageEnd end;
  int n = 0;
  for (auto it = m.lower_bound(start); it != m.end(); ++it) {
    if (!pred(it->second)) continue;
    if (n == max) {
      end.truncated = true;
      end.next_key = it->first;
      break;
    }
    emit(it->second);
    ++n;
  }
  return end;
}
// Paging over a vector by index (marker = the decimal index).
struct IndexPage {
  std::size_t begin = 0;
  std::size_t end = 0;
  PageEnd page;
};
Result<IndexPage> PageIndex(const Ctx& ctx, std::size_t total);
void WritePaging(XmlWriter& w, const PageEnd& end);

}  // namespace aic::emulator::state
