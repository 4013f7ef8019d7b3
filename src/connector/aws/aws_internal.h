// Internal pieces of the AWS IAM connector (aws_connector.h): mapping IAM shapes to connector
// objects, reads, writes of users and groups, and the paged search engine. Not a public
// interface.
//
// Thread safety: the functions are reentrant; PasswordPolicyCache is thread-safe.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/filter_planner.h"
#include "aws_iam_connector/connector/operations.h"
#include "aws_iam_connector/connector/paged_results_cookie.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"
#include "connector/aws/credential_report.h"

namespace aic::aws_internal {

using json = nlohmann::json;
using AttrSet = std::set<std::string, std::less<>>;

// ---- Password policy (password_policy.cc) ----------------------------------------------------

class PasswordPolicyCache {
 public:
  // The account policy, AWS's default one when the account has none (NoSuchEntity).
  Task<Result<PasswordPolicy>> Get(IamClient& iam);

 private:
  std::optional<PasswordPolicy> Fresh();
  void Store(const PasswordPolicy& policy);
  std::mutex mu_;
  std::optional<PasswordPolicy> policy_;
  std::chrono::steady_clock::time_point fetched_{};
};

// AWS's default policy: 8+ characters, three of upper/lower/digit/symbol.
PasswordPolicy DefaultAwsPasswordPolicy();
// kPasswordPolicyViolation naming the unmet rules (never the password).
Status CheckPassword(const PasswordPolicy& policy, const SecretString& password);

// ---- Shared context --------------------------------------------------------------------------

struct Ctx {
  IamClient& iam;
  const AwsConnectorConfig& config;
  PasswordPolicyCache& password_policy;
  const connector::PagedResultsCookieCodec& cookies;  // this connector's cookie key
  CredentialReportCache& credential_report;           // usage attributes (account_usage.cc)
};

// Every item of a listing, kIamMaxItems a page: co_await All([&](const PageRequest& p) {
//   return iam.ListGroupPolicies(name, p); }).
template <class Fetch>
auto All(Fetch&& fetch) {
  return ListAll(std::forward<Fetch>(fetch), kIamMaxItems);
}

// ---- Writes whose answer may be lost (own_writes.cc) -----------------------------------------
// Each recognises, after a try that may have been applied (Status::maybe_applied), its own
// earlier effect instead of reporting it as someone else's (see docs/SECURITY.md).

// True for the connector's reserved tag keys (kDisabledTagKey, kCreateMarkerTagKey).
bool IsReservedTagKey(std::string_view key);

// CreateUser carrying a fresh kCreateMarkerTagKey tag (when `tags` leave room for it). A
// maybe-applied failure (EntityAlreadyExists after a lost answer, or retries spent) is settled
// with one GetUser: the user carrying our marker is ours (returned as created); otherwise the
// CreateUser error stands (someone else's user: kAlreadyExists, untouched).
// When AWS refuses the tagged CreateUser only for iam:TagUser (an identity allowed to create
// but not to tag users, as the Omada seed policy) and no Tags were asked for, the user is
// created untagged with a second CreateUser (no marker: see docs/permissions.md).
Task<Result<User>> CreateOwnUser(Ctx& ctx, const std::string& name, const std::string& path,
                                 const std::vector<Tag>& tags, const std::string& boundary);

// CreateLoginProfile; EntityAlreadyExists after a maybe-applied try sets the same password with
// UpdateLoginProfile (the state asked for holds either way).
Task<Status> CreateOwnLoginProfile(Ctx& ctx, const std::string& name, const SecretString& password,
                                   bool reset_required);

// UpdateUser (rename and/or move). When a maybe-applied try makes the retry fail (NoSuchEntity:
// the old name is gone; EntityAlreadyExists: the new name is taken), GetUser(new name) with the
// UserId `user_id` read before proves the rename was ours.
Task<Status> UpdateOwnUser(Ctx& ctx, const std::string& name, const std::string& new_name,
                           const std::string& new_path, const std::string& user_id);

// True when `s` says the entity is gone after a maybe-applied try of a delete: the intended
// state holds (a DeleteUser whose answer was lost, retried, answered NoSuchEntity).
bool GoneByOwnDelete(const Status& s);

// How far before the start of a CreateGroup an IAM CreateDate may lie and the group still be
// taken for this create's own: the clock difference SigV4 lets a signed request have, so no
// request IAM accepted from us is misjudged because of our clock.
inline constexpr std::chrono::seconds kOwnCreateClockSkew{5 * 60};

// CreateGroup. Groups carry no tags, so a maybe-applied failure (EntityAlreadyExists after a
// lost answer, or retries spent) is settled by what IAM shows, with GetGroup,
// ListAttachedGroupPolicies and ListGroupPolicies at once: the group is ours when it has the
// path asked for, a CreateDate no earlier than kOwnCreateClockSkew before this call started,
// no member and no policy (returned as created); otherwise the CreateGroup error stands
// (someone else's group: kAlreadyExists, untouched).
// Limits: an empty group someone else made under the same name and path in that window is
// taken for ours (they raced to make the very same group); a group whose creation IAM applies
// only after the check ran is reported as someone else's.
Task<Result<Group>> CreateOwnGroup(Ctx& ctx, const std::string& name, const std::string& path);

// UpdateGroup (rename and/or move). When a maybe-applied try makes the retry fail
// (NoSuchEntity: the old name is gone; EntityAlreadyExists: the new name is taken),
// GetGroup(new name) with the GroupId `group_id` read before proves the rename was ours.
Task<Status> UpdateOwnGroup(Ctx& ctx, const std::string& name, const std::string& new_name,
                            const std::string& new_path, const std::string& group_id);

// ---- Mapping (account_mapping.cc) ------------------------------------------------------------

// What a disable recorded in the reserved tag.
struct DisabledRecord {
  std::vector<std::string> keys;  // access keys the connector deactivated
  bool console = false;           // a login profile existed and was removed
};
std::string EncodeDisabledRecord(const DisabledRecord& record);
DisabledRecord DecodeDisabledRecord(std::string_view value);

// Sets Tags (without the reserved tags) and __ENABLE__ from IAM tags.
void SetTagsAndEnable(json& object, const std::vector<Tag>& tags);
const Tag* FindDisabledTag(const std::vector<Tag>& tags);
json UserToJson(const User& user);              // GetUser / CreateUser / ListUsers
json UserNameToJson(const User& user);          // _id and __NAME__ only
json UserDetailToJson(const UserDetail& user);  // GetAccountAuthorizationDetails
json GroupToJson(const Group& group);
json GroupDetailToJson(const GroupDetail& group);
json PolicyToJson(const ManagedPolicy& policy);
std::vector<Tag> TagsFromJson(const json& tags);
// "arn:aws:iam::123:TYPE/path/name" for a new path/name, from the old ARN of that `type`
// ("user", "group"); the old ARN when it is not of that type.
std::string ArnFor(const std::string& old_arn, std::string_view type, const std::string& path,
                   const std::string& name);
// A sub-step failure on a referenced entity (unknown group/policy) is a bad attribute value,
// not an unknown uid; keeps the AWS detail.
Status AsAttributeError(const Status& status, std::string_view what);

// Attribute groups of __ACCOUNT__ by the call that provides them.
bool NeedsGaad(const AttrSet& needed);     // list-valued or tag-derived attributes
bool NeedsPerUser(const AttrSet& needed);  // PasswordResetRequired, accessKeys, mfaDevices
// The usage attributes (mfaActive, passwordEnabled, passwordLastChanged, passwordNextRotation,
// lastActivity, accessKeyUsage): only these read the credential report. accessKeys alone
// does not (the report needs two more IAM permissions and calls).
bool NeedsCredentialReport(const AttrSet& needed);
// Every field the filter and the sort keys look at (first segments), plus `attributes`.
AttrSet NeededAttributes(const std::vector<std::string>& attributes,
                         const std::optional<connector::QueryFilter>& filter,
                         const std::vector<connector::SortKey>& sort_keys);

// ---- Shared by the writers of users and groups (write_common.cc) -----------------------------

// The strings of a JSON list (a single string is a list of one); other values are skipped.
std::vector<std::string> StringList(const json& value);
// object[name] if it is a string, else `fallback`.
std::string StringOr(const json& object, const char* name, std::string fallback = "");
// OK, or NoSuchEntity: what an undo or cascade step accepts (the thing is already gone).
bool IgnorableMissing(const Status& s);

// The add and remove calls of one list attribute (a user's groups, a group's members or
// policies), one element per call. The Tasks they return may refer to the element and to what
// the functions capture: each is awaited at once.
struct ListEdit {
  std::string add_action;     // names the step in errors: "AddUserToGroup(element)"
  std::string remove_action;  // likewise
  std::function<Task<Status>(const std::string& element)> add;
  std::function<Task<Status>(const std::string& element)> remove;
  bool ignore_case = false;  // IAM names compare without case; ARNs with
};

// Makes the list `had` equal to `wanted` by difference (SPEC 4.3): one add per element of
// `wanted` missing from `had`, then one remove per element of `had` missing from `wanted`
// (NoSuchEntity counts as removed), one call at a time, in list order. Every element whose add
// succeeded or may have been applied is appended to `*added` when given (for a rollback).
// Errors name the step, "ACTION(element)"; an add refused because the element is unknown is a
// bad attribute value (AsAttributeError).
Task<Status> MakeListEqual(const ListEdit& edit, const std::vector<std::string>& had,
                           const std::vector<std::string>& wanted,
                           std::vector<std::string>* added = nullptr);

// The error of a create that failed at a step and was rolled back: "create failed at " + the
// step's error (which names the step), and whether the rollback left `leftovers` items behind
// (`object` is "user" or "group"). Keeps the code and the AWS detail.
Status CreateFailed(const Status& step_error, std::string_view object, std::size_t leftovers);

// A rename and/or move asked by an update: the new __NAME__ and Path where they differ from
// the current `name` and current["Path"] (empty: unchanged; a null Path is "/").
struct NameAndPath {
  std::string new_name;
  std::string new_path;
  bool empty() const { return new_name.empty() && new_path.empty(); }
};
NameAndPath ChangedNameAndPath(const json& a, const std::string& name, const json& current);
// After the rename/move went through: `name` follows, and _id, __NAME__, Path and Arn (of
// `arn_type`, "user" or "group") of `result`.
void ApplyRename(const NameAndPath& change, std::string_view arn_type, std::string& name,
                 json& result);

// A cascade step's status: NoSuchEntity is done (retry-safe); other errors name the step.
Status CascadeStep(const Status& s, std::string_view action);

// Appends "what [a, b]" to a description of what is attached ("; " between parts); nothing
// when `items` is empty.
void DescribeItems(std::string& out, std::string_view what, const std::vector<std::string>& items);

// Appends field(item) of every listed item to `out`; NoSuchEntity lists nothing (the entity
// went away meanwhile), other errors are returned naming `action`.
template <class Items, class Field>
Status Collect(const std::optional<Result<Items>>& listed, std::string_view action,
               std::vector<std::string>& out, Field field) {
  if (!listed->ok()) {
    if (listed->status().code() == ErrorCode::kUnknownUid) return Status::Ok();
    return listed->status().WithContext(std::string(action));
  }
  for (const auto& item : listed->value()) out.push_back(field(item));
  return Status::Ok();
}

// ---- Reads (account_read.cc) -----------------------------------------------------------------

// Reads one user with the calls `needed` requires, concurrently.
Task<Result<json>> ReadAccount(Ctx& ctx, std::string_view user_name, const AttrSet& needed);
// Adds per-user attributes (PasswordResetRequired, accessKeys, mfaDevices) to each object,
// with at most maxConnections calls in flight.
Task<Status> EnrichAccounts(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed);
// A group and, when asked, all its members (GetGroup pages of kIamMaxItems members).
struct GroupWithMembers {
  Group group;
  std::vector<User> members;
};
Task<Result<GroupWithMembers>> GetGroupWithMembers(IamClient& iam, const std::string& name,
                                                   bool members);
// True when `needed` asks for `members` or `memberIds` (both come from GetGroup pages).
bool NeedsMembers(const AttrSet& needed);
// Sets `members` (user names) and `memberIds` (their UserIds).
void SetMembers(json& object, const std::vector<User>& members);
// Reads one group with the calls `needed` requires, concurrently: GetGroup (MaxItems 1, or
// kIamMaxItems pages when members are needed), ListAttachedGroupPolicies, ListGroupPolicies.
Task<Result<json>> ReadGroup(Ctx& ctx, std::string_view group_name, const AttrSet& needed);
Task<Status> EnrichGroups(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed);
Task<Result<json>> ReadPolicy(Ctx& ctx, std::string_view policy_arn, const AttrSet& needed);
Task<Status> EnrichPolicies(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed);

// ---- Usage from the credential report (account_usage.cc) ------------------------------------

// The report from the connector's cache (see CredentialReportCache), for reads that need it.
Task<Result<std::shared_ptr<const ParsedCredentialReport>>> UsageReport(Ctx& ctx);
// Sets the usage attributes of `object` (a user: __NAME__ or _id) from `report` (null when
// the user is not in it), and, when it has accessKeys, each key's LastUsedDate,
// LastUsedService, LastUsedRegion and LastRotated from the report's slot of that key: the slot
// whose last_rotated equals the key's CreateDate, else the slot of the same rank when the keys
// are ordered by CreateDate (null when there is none).
void SetAccountUsage(json& object, const ParsedCredentialReport& report);

// ---- Writes (account_write.cc) ---------------------------------------------------------------

Task<Result<json>> CreateAccount(Ctx& ctx, const connector::ValidatedAttributes& attributes);
Task<Result<json>> UpdateAccount(Ctx& ctx, const std::string& user_name,
                                 const connector::ValidatedAttributes& attributes,
                                 const std::vector<std::string>& attributes_to_get);
Task<Result<json>> DeleteAccount(Ctx& ctx, const std::string& user_name,
                                 const std::vector<std::string>& attributes_to_get);
// __ENABLE__ (SPEC 4.5).
Task<Status> DisableAccount(Ctx& ctx, const std::string& user_name);
Task<Status> EnableAccount(Ctx& ctx, const std::string& user_name);

// ---- Group writes (group_write.cc) -----------------------------------------------------------

// CreateGroup, then AttachGroupPolicy per policy and AddUserToGroup per member; a failing step
// rolls back what was made. `attributes_to_get` decides whether memberIds are read back.
Task<Result<json>> CreateGroup(Ctx& ctx, const connector::ValidatedAttributes& attributes,
                               const std::vector<std::string>& attributes_to_get);
// UpdateGroup for __NAME__/Path, policies and members by difference.
Task<Result<json>> UpdateGroup(Ctx& ctx, const std::string& group_name,
                               const connector::ValidatedAttributes& attributes,
                               const std::vector<std::string>& attributes_to_get);
// DeleteGroup first; on DeleteConflict the cascade (members, attached, inline policies) or
// kConflict listing them.
Task<Result<json>> DeleteGroup(Ctx& ctx, const std::string& group_name,
                               const std::vector<std::string>& attributes_to_get);

// ---- Search (paged_search.cc) ----------------------------------------------------------------

// One raw page of a listing: objects and the marker of the next page.
struct RawPage {
  std::vector<json> items;
  bool more = false;
  std::string next_marker;
};
using FetchPage = std::function<Task<Result<RawPage>>(const std::string& marker)>;
using Enrich = std::function<Task<Status>(std::vector<json>& objects)>;

struct PagedSearch {
  FetchPage fetch;
  Enrich enrich;                      // may be null
  bool enrich_before_filter = false;  // the filter or sort keys look at enriched attributes
  std::optional<connector::QueryFilter> residual;
  connector::MatchOptions match;
  const connector::ObjectClassInfo* info = nullptr;
  std::string fingerprint;
  const connector::PagedResultsCookieCodec* cookies = nullptr;  // required
};

Task<Result<connector::SearchResult>> RunPagedSearch(const PagedSearch& search,
                                                     const connector::OperationOptions& options,
                                                     const connector::ResultsHandler& handler);

// A lookup by name/uid (planner) yields at most one object: `read`'s, or none when it answers
// kUnknownUid.
using ReadOne = std::function<Task<Result<json>>()>;
FetchPage SingleObject(ReadOne read);
// The parts every search of class `oc` shares: cookies, schema, match options, the residual
// filter of `plan`, the fingerprint of the query.
PagedSearch BaseSearch(Ctx& ctx, connector::ObjectClass oc, const connector::QueryFilter& filter,
                       const connector::OperationOptions& options,
                       const connector::FilterPlan& plan);

Task<Result<connector::SearchResult>> SearchAccounts(Ctx& ctx, const connector::QueryFilter& filter,
                                                     const connector::OperationOptions& options,
                                                     const connector::ResultsHandler& handler);
Task<Result<connector::SearchResult>> SearchGroups(Ctx& ctx, const connector::QueryFilter& filter,
                                                   const connector::OperationOptions& options,
                                                   const connector::ResultsHandler& handler);
Task<Result<connector::SearchResult>> SearchPolicies(Ctx& ctx, const connector::QueryFilter& filter,
                                                     const connector::OperationOptions& options,
                                                     const connector::ResultsHandler& handler);

// ---- Roles (role_mapping.cc, role_read.cc, role_write.cc, role_search.cc) -------------------
// Sources of a role's attributes: GetRole has every scalar; ListRoles lacks
// PermissionsBoundary, Tags and RoleLastUsed; GAAD(Filter=Role) lacks Description and
// MaxSessionDuration but has the lists (policies, inlinePolicies, instanceProfiles).

// Every role attribute but `_id`/`__NAME__` that one source gives: RoleId, Arn, Path,
// CreatedDate, serviceLinked, assumeRolePolicy, trustedPrincipals.
json RoleBaseToJson(const std::string& name, const std::string& role_id, const std::string& arn,
                    const std::string& path, const std::string& create_date,
                    const std::string& trust_document);
json RoleNameToJson(const Role& role);  // _id and __NAME__ only
// GetRole (`full`: with PermissionsBoundary, Tags, RoleLastUsed) or ListRoles (without them).
json RoleToJson(const Role& role, bool full);
json RoleDetailToJson(const RoleDetail& role);  // GetAccountAuthorizationDetails
// Attributes only ListRoles/GetRole give (Description, MaxSessionDuration).
bool NeedsRoleListing(const AttrSet& needed);
// Attributes ListRoles does not give (PermissionsBoundary, Tags, RoleLastUsed and the lists).
bool NeedsRoleDetails(const AttrSet& needed);

// GetRole, and ListAttachedRolePolicies, ListRolePolicies, ListInstanceProfilesForRole as
// `needed` asks (policies, inlinePolicies, instanceProfiles), all at once.
Task<Result<json>> ReadRole(Ctx& ctx, std::string_view role_name, const AttrSet& needed);
// `policies` by difference (AttachRolePolicy / DetachRolePolicy); every other attribute was
// refused by the validator. The role and the asked attributes are read first (as ReadRole).
Task<Result<json>> UpdateRole(Ctx& ctx, const std::string& role_name,
                              const connector::ValidatedAttributes& attributes,
                              const std::vector<std::string>& attributes_to_get);
Task<Result<connector::SearchResult>> SearchRoles(Ctx& ctx, const connector::QueryFilter& filter,
                                                  const connector::OperationOptions& options,
                                                  const connector::ResultsHandler& handler);

// ---- A GAAD page joined to a second listing (listing_join.cc) -------------------------------

// One page of the second listing: each entity's fields to add (lower-case name -> JSON object)
// and the next page's marker (empty: the listing ends).
struct ListingPage {
  std::map<std::string, json> fields;
  std::string next_marker;
};
using FetchListing = std::function<Task<Result<ListingPage>>(const std::string& marker)>;
// The objects of one GAAD page (each with __NAME__).
using GaadItems = std::function<std::vector<json>(const AccountAuthorizationDetails&)>;
// The listing's entries read ahead between the pages of one walk.
struct ListingJoinState {
  std::map<std::string, json> read_ahead;  // lower-case name -> fields
  bool restarted = false;
};

// One GetAccountAuthorizationDetails(`filter` (a literal), MaxItems 1000) page from `marker` (""
// first; then the page's next_marker: the JSON array [GAAD marker, listing marker]), its objects
// `to_items`; with `listing`, each object gains its listing entry's fields, the listing read
// ahead (kFullReadPageSize pages) as far as this page needs and restarted once from its start
// after a resumed walk (its earlier pages were skipped). An entity the listing never meets
// (made meanwhile) lacks the fields. A malformed marker is kInvalidInput.
Task<Result<RawPage>> FetchJoinedGaadPage(Ctx& ctx, const std::string& marker,
                                          std::string_view filter, const GaadItems& to_items,
                                          const FetchListing* listing, ListingJoinState& state);

// Full read of every user: GAAD(Filter=User) joined to ListUsers (PasswordLastUsed) when
// `password_last_used`.
Task<Result<RawPage>> FetchUsersFullPage(Ctx& ctx, const std::string& marker,
                                         bool password_last_used, ListingJoinState& state);

}  // namespace aic::aws_internal

namespace aic {
// The connector's shared mutable state.
struct AwsConnector::Impl {
  aws_internal::PasswordPolicyCache password_policy;
  // The credential report, kept for its lifetime (aws_internal::kCredentialReportLifetime).
  aws_internal::CredentialReportCache credential_report;
  // Paged-results cookies are keyed per connector instance: bound to this connector and to
  // this process (a restart invalidates them).
  const connector::PagedResultsCookieCodec cookies =
      connector::PagedResultsCookieCodec::WithRandomKey();
};
}  // namespace aic
