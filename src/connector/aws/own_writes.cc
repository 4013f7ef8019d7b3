// Non-idempotent IAM writes whose answer may be lost: recognising the connector's own earlier
// effect on a retry (declared in aws_internal.h; the table is in docs/SECURITY.md).
#include <chrono>
#include <cstdint>
#include <random>

#include "aws_iam_connector/connector/schema.h"
#include "common/task_group.h"
#include "common/text_codec.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

// 128 random bits, hex: unique per create, so no other writer can carry it by chance.
std::string NewMarkerValue() {
  std::random_device random;
  std::string bytes;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t word = random();
    for (int byte = 0; byte < 4; ++byte, word >>= 8) bytes += static_cast<char>(word & 0xFF);
  }
  return text::HexEncode(bytes);
}

// AccessDenied for iam:TagUser: AWS authorises a CreateUser that carries tags as iam:CreateUser
// and iam:TagUser, and names the action it refused in the message.
bool RefusedForTagging(const Status& s) {
  return s.code() == ErrorCode::kPermissionDenied && s.aws() &&
         s.aws()->message.find("iam:TagUser") != std::string::npos;
}

bool CarriesMarker(const std::vector<Tag>& tags, const std::string& value) {
  for (const auto& t : tags) {
    if (t.key == kCreateMarkerTagKey) return t.value == value;
  }
  return false;
}

}  // namespace

bool IsReservedTagKey(std::string_view key) {
  // IAM tag keys are unique regardless of case.
  return text::EqualsIgnoreCase(key, kDisabledTagKey) ||
         text::EqualsIgnoreCase(key, kCreateMarkerTagKey);
}

Task<Result<User>> CreateOwnUser(Ctx& ctx, const std::string& name, const std::string& path,
                                 const std::vector<Tag>& tags, const std::string& boundary) {
  std::vector<Tag> sent = tags;
  std::string marker;
  if (tags.size() < connector::kMaxTags) {  // AWS allows kMaxTags tags per user
    marker = NewMarkerValue();
    sent.push_back(Tag{std::string(kCreateMarkerTagKey), marker});
  }
  auto user = co_await ctx.iam.CreateUser(name, path, sent, boundary);
  if (!user.ok() && !marker.empty() && tags.empty() && RefusedForTagging(user.status())) {
    // An identity that may create users but not tag them (the Omada seed policy): create the
    // user untagged. Without the marker a lost answer cannot be told from someone else's user:
    // the retry's EntityAlreadyExists stands (kAlreadyExists), nothing is taken over.
    const std::vector<Tag> untagged;
    co_return co_await ctx.iam.CreateUser(name, path, untagged, boundary);
  }
  if (user.ok() || !user.status().maybe_applied() || marker.empty()) co_return user;
  // A try may have created the user: it is ours only if it carries this create's marker.
  auto found = co_await ctx.iam.GetUser(name);
  if (found.ok() && CarriesMarker(found->tags, marker)) co_return std::move(found).value();
  co_return user.status();
}

Task<Status> CreateOwnLoginProfile(Ctx& ctx, const std::string& name, const SecretString& password,
                                   bool reset_required) {
  auto created = co_await ctx.iam.CreateLoginProfile(name, password, reset_required);
  if (created.ok()) co_return Status::Ok();
  const Status& s = created.status();
  if (s.code() != ErrorCode::kAlreadyExists || !s.maybe_applied()) co_return s;
  // Maybe our own lost try made it: set the password asked for, whoever made the profile.
  LoginProfileUpdate update;
  update.password = password;
  update.password_reset_required = reset_required;
  Status updated = co_await ctx.iam.UpdateLoginProfile(name, update);
  co_return updated.ok() ? updated
                         : updated.WithContext("UpdateLoginProfile (after a lost answer)");
}

Task<Status> UpdateOwnUser(Ctx& ctx, const std::string& name, const std::string& new_name,
                           const std::string& new_path, const std::string& user_id) {
  Status s = co_await ctx.iam.UpdateUser(name, new_name, new_path);
  if (s.ok() || !s.maybe_applied() || user_id.empty()) co_return s;
  // UserId survives a rename: the user now under the new name (and path) is ours or not.
  auto found = co_await ctx.iam.GetUser(new_name.empty() ? name : new_name);
  if (found.ok() && found->user_id == user_id && (new_path.empty() || found->path == new_path)) {
    co_return Status::Ok();
  }
  co_return s;
}

namespace {

// What CreateOwnGroup's check reads of a group that may be its own, all at once.
struct GroupState {
  std::optional<Result<GroupWithUsers>> group;  // one member is enough to say "not empty"
  std::optional<Result<Page<AttachedPolicy>>> policies;
  std::optional<Result<Page<std::string>>> inlines;
};

Task<void> ReadGroupState(IamClient& iam, const std::string& name, GroupState& state) {
  const PageRequest one{"", 1};
  std::vector<Task<void>> calls;
  calls.push_back(Into(state.group, iam.GetGroup(name, one)));
  calls.push_back(Into(state.policies, iam.ListAttachedGroupPolicies(name, one)));
  calls.push_back(Into(state.inlines, iam.ListGroupPolicies(name, one)));
  co_await WhenAll(std::move(calls));
}

// The rule of CreateOwnGroup (aws_internal.h): the path asked for, made since `started` (less
// the clock skew SigV4 allows), nothing in it.
bool LooksLikeOwnNewGroup(const GroupState& state, const std::string& path,
                          text::TimePoint started) {
  if (!state.group->ok() || !state.policies->ok() || !state.inlines->ok()) return false;
  const Group& g = state.group->value().group;
  const auto created = text::ParseIso8601(g.create_date);
  const auto earliest =
      std::chrono::floor<std::chrono::seconds>(started) - kOwnCreateClockSkew;  // IAM: seconds
  return g.path == (path.empty() ? "/" : path) && created && *created >= earliest &&
         state.group->value().users.items.empty() && state.policies->value().items.empty() &&
         state.inlines->value().items.empty();
}

}  // namespace

Task<Result<Group>> CreateOwnGroup(Ctx& ctx, const std::string& name, const std::string& path) {
  const text::TimePoint started = std::chrono::system_clock::now();
  auto group = co_await ctx.iam.CreateGroup(name, path);
  if (group.ok() || !group.status().maybe_applied()) co_return group;
  GroupState state;
  co_await ReadGroupState(ctx.iam, name, state);
  if (LooksLikeOwnNewGroup(state, path, started)) co_return std::move(state.group->value().group);
  co_return group.status();
}

Task<Status> UpdateOwnGroup(Ctx& ctx, const std::string& name, const std::string& new_name,
                            const std::string& new_path, const std::string& group_id) {
  Status s = co_await ctx.iam.UpdateGroup(name, new_name, new_path);
  if (s.ok() || !s.maybe_applied() || group_id.empty()) co_return s;
  // GroupId survives a rename: the group now under the new name (and path) is ours or not.
  const PageRequest one{"", 1};
  auto found = co_await ctx.iam.GetGroup(new_name.empty() ? name : new_name, one);
  if (found.ok() && found->group.group_id == group_id &&
      (new_path.empty() || found->group.path == new_path)) {
    co_return Status::Ok();
  }
  co_return s;
}

bool GoneByOwnDelete(const Status& s) {
  return s.code() == ErrorCode::kUnknownUid && s.maybe_applied();
}

}  // namespace aic::aws_internal
