// Internal pieces of the AWS IAM connector (aws_connector.h): mapping IAM shapes to connector
// objects, reads, writes and the paged search engine. Not a public interface.
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
#include "aws_iam_connector/connector/operations.h"
#include "aws_iam_connector/connector/paged_results_cookie.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"

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
};

// ---- Writes whose answer may be lost (own_writes.cc) -----------------------------------------
// Each recognises, after a try that may have been applied (Status::maybe_applied), its own
// earlier effect instead of reporting it as someone else's (see docs/SECURITY.md).

// True for the connector's reserved tag keys (kDisabledTagKey, kCreateMarkerTagKey).
bool IsReservedTagKey(std::string_view key);

// CreateUser carrying a fresh kCreateMarkerTagKey tag (when `tags` leave room for it). A
// maybe-applied failure (EntityAlreadyExists after a lost answer, or retries spent) is settled
// with one GetUser: the user carrying our marker is ours (returned as created); otherwise the
// CreateUser error stands (someone else's user: kAlreadyExists, untouched).
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
// "arn:aws:iam::123:user/path/name" for a new path/name, from the old ARN.
std::string UserArnFor(const std::string& old_arn, const std::string& path,
                       const std::string& name);
// A sub-step failure on a referenced entity (unknown group/policy) is a bad attribute value,
// not an unknown uid; keeps the AWS detail.
Status AsAttributeError(const Status& status, std::string_view what);

// Attribute groups of __ACCOUNT__ by the call that provides them.
bool NeedsGaad(const AttrSet& needed);     // list-valued or tag-derived attributes
bool NeedsPerUser(const AttrSet& needed);  // PasswordResetRequired, accessKeys, mfaDevices
// Every field the filter and the sort keys look at (first segments), plus `attributes`.
AttrSet NeededAttributes(const std::vector<std::string>& attributes,
                         const std::optional<connector::QueryFilter>& filter,
                         const std::vector<connector::SortKey>& sort_keys);

// ---- Reads (account_read.cc) -----------------------------------------------------------------

// Reads one user with the calls `needed` requires, concurrently.
Task<Result<json>> ReadAccount(Ctx& ctx, std::string_view user_name, const AttrSet& needed);
// Adds per-user attributes (PasswordResetRequired, accessKeys, mfaDevices) to each object,
// with at most maxConnections calls in flight.
Task<Status> EnrichAccounts(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed);
Task<Result<json>> ReadGroup(Ctx& ctx, std::string_view group_name, const AttrSet& needed);
Task<Status> EnrichGroups(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed);
Task<Result<json>> ReadPolicy(Ctx& ctx, std::string_view policy_arn, const AttrSet& needed);
Task<Status> EnrichPolicies(Ctx& ctx, std::vector<json>& objects, const AttrSet& needed);

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

Task<Result<connector::SearchResult>> SearchAccounts(Ctx& ctx, const connector::QueryFilter& filter,
                                                     const connector::OperationOptions& options,
                                                     const connector::ResultsHandler& handler);
Task<Result<connector::SearchResult>> SearchGroups(Ctx& ctx, const connector::QueryFilter& filter,
                                                   const connector::OperationOptions& options,
                                                   const connector::ResultsHandler& handler);
Task<Result<connector::SearchResult>> SearchPolicies(Ctx& ctx, const connector::QueryFilter& filter,
                                                     const connector::OperationOptions& options,
                                                     const connector::ResultsHandler& handler);

// Full read of every user with GAAD(Filter=User) joined to ListUsers (PasswordLastUsed),
// page by page, starting at `marker` (see paged_search.cc for its form). `state` carries the
// ListUsers entries read ahead between pages of one walk.
struct UsersJoinState {
  std::map<std::string, std::string> last_used;  // lower-case name -> PasswordLastUsed
  bool restarted = false;
};
Task<Result<RawPage>> FetchUsersFullPage(Ctx& ctx, const std::string& marker,
                                         bool password_last_used, UsersJoinState& state);

}  // namespace aic::aws_internal

namespace aic {
// The connector's shared mutable state.
struct AwsConnector::Impl {
  aws_internal::PasswordPolicyCache password_policy;
  // Paged-results cookies are keyed per connector instance: bound to this connector and to
  // this process (a restart invalidates them).
  const connector::PagedResultsCookieCodec cookies =
      connector::PagedResultsCookieCodec::WithRandomKey();
};
}  // namespace aic
