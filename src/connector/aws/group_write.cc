// Writing groups (SPEC 2, and 4.1, 4.3, 4.4 as for users): create with rollback, update by
// difference, delete with cascade. The shapes shared with users are in write_common.cc.
#include "common/task_group.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {
namespace {

// The edits of a group's members (user names compare without case) and attached policies.
// `name` is referred to, not copied: it follows a rename.
ListEdit MembersEdit(IamClient& iam, const std::string& name) {
  return ListEdit{"AddUserToGroup", "RemoveUserFromGroup",
                  [&iam, &name](const std::string& u) { return iam.AddUserToGroup(name, u); },
                  [&iam, &name](const std::string& u) { return iam.RemoveUserFromGroup(name, u); },
                  /*ignore_case=*/true};
}
ListEdit PoliciesEdit(IamClient& iam, const std::string& name) {
  return ListEdit{"AttachGroupPolicy", "DetachGroupPolicy",
                  [&iam, &name](const std::string& p) { return iam.AttachGroupPolicy(name, p); },
                  [&iam, &name](const std::string& p) { return iam.DetachGroupPolicy(name, p); }};
}

// memberIds, when asked for, after the members changed: only GetGroup tells UserIds.
Task<Status> ReadMemberIdsIfAsked(Ctx& ctx, const std::string& name, const AttrSet& asked,
                                  json& object) {
  object.erase("memberIds");
  if (asked.count("memberIds") == 0) co_return Status::Ok();
  auto group = co_await GetGroupWithMembers(ctx.iam, name, true);
  if (!group.ok()) co_return group.status();
  SetMembers(object, group->members);
  co_return Status::Ok();
}

// What a create made (or, after a lost answer, may have made).
struct CreatedParts {
  std::vector<std::string> policies;
  std::vector<std::string> members;
};

// Undoes a failed create (the undo steps accept NoSuchEntity) and returns the step's error
// (`step_error` names the step), saying whether the rollback was complete.
Task<Status> RollBackCreate(Ctx& ctx, const std::string& name, const CreatedParts& made,
                            Status step_error) {
  std::size_t leftovers = 0;
  for (const auto& u : made.members) {
    if (!IgnorableMissing(co_await ctx.iam.RemoveUserFromGroup(name, u))) ++leftovers;
  }
  for (const auto& p : made.policies) {
    if (!IgnorableMissing(co_await ctx.iam.DetachGroupPolicy(name, p))) ++leftovers;
  }
  if (!IgnorableMissing(co_await ctx.iam.DeleteGroup(name))) ++leftovers;
  co_return CreateFailed(step_error, "group", leftovers);
}

}  // namespace

// ---- Create ----------------------------------------------------------------------------------

Task<Result<json>> CreateGroup(Ctx& ctx, const connector::ValidatedAttributes& va,
                               const std::vector<std::string>& attributes_to_get) {
  const json& a = va.attributes;
  const std::string name = StringOr(a, "__NAME__");
  const std::string path = StringOr(a, "Path");
  const auto policies = StringList(a.value("policies", json::array()));
  const auto members = StringList(a.value("members", json::array()));

  auto group = co_await CreateOwnGroup(ctx, name, path);
  if (!group.ok()) co_return group.status().WithContext("CreateGroup");

  // AttachGroupPolicy and AddUserToGroup are idempotent: a retry after a lost answer is OK.
  // Whatever may have been applied is undone on failure.
  CreatedParts made;
  const std::vector<std::string> none;
  const ListEdit policies_edit = PoliciesEdit(ctx.iam, name);
  Status s = co_await MakeListEqual(policies_edit, none, policies, &made.policies);
  if (s.ok()) {
    const ListEdit members_edit = MembersEdit(ctx.iam, name);
    s = co_await MakeListEqual(members_edit, none, members, &made.members);
  }
  if (!s.ok()) co_return co_await RollBackCreate(ctx, name, made, s);

  // The object as created, without reading it back (but for memberIds, when asked).
  json object = GroupToJson(*group);
  object["policies"] = policies;
  object["inlinePolicies"] = json::array();
  object["members"] = members;
  object["memberIds"] = json::array();
  if (!members.empty()) {
    const AttrSet asked = NeededAttributes(attributes_to_get, std::nullopt, {});
    AIC_CO_RETURN_IF_ERROR(co_await ReadMemberIdsIfAsked(ctx, name, asked, object));
  }
  co_return object;
}

// ---- Update ----------------------------------------------------------------------------------

namespace {

// Renames and/or moves the group (UpdateGroup) when __NAME__ or Path differ from `result`; a
// rename changes _id. `name` and `result` follow.
Task<Status> RenameOrMoveGroup(Ctx& ctx, const json& a, std::string& name, json& result) {
  const NameAndPath change = ChangedNameAndPath(a, name, result);
  if (change.empty()) co_return Status::Ok();
  // A named local, not a temporary in the co_await expression (GCC 12 destroys those twice).
  const std::string group_id = StringOr(result, "GroupId");
  Status s = co_await UpdateOwnGroup(ctx, name, change.new_name, change.new_path, group_id);
  if (!s.ok()) co_return s.WithContext("UpdateGroup");
  ApplyRename(change, "group", name, result);
  co_return Status::Ok();
}

// Makes result[attribute] (what the group has) equal to a[attribute] by difference.
Task<Status> ReplaceList(const ListEdit& edit, const json& a, const char* attribute, json& result) {
  const auto wanted = StringList(a[attribute]);
  const auto had = StringList(result.value(attribute, json::array()));
  AIC_CO_RETURN_IF_ERROR(co_await MakeListEqual(edit, had, wanted));
  result[attribute] = wanted;
  co_return Status::Ok();
}

}  // namespace

Task<Result<json>> UpdateGroup(Ctx& ctx, const std::string& group_name,
                               const connector::ValidatedAttributes& va,
                               const std::vector<std::string>& attributes_to_get) {
  const json& a = va.attributes;
  // What the caller asked for, and the lists being replaced (the calls are their difference).
  const AttrSet asked = NeededAttributes(attributes_to_get, std::nullopt, {});
  AttrSet needed = asked;
  for (const char* list : {"policies", "members"}) {
    if (a.contains(list)) needed.insert(list);
  }
  auto current = co_await ReadGroup(ctx, group_name, needed);
  if (!current.ok()) co_return current.status();
  json result = std::move(*current);
  std::string name = StringOr(result, "__NAME__", group_name);

  AIC_CO_RETURN_IF_ERROR(co_await RenameOrMoveGroup(ctx, a, name, result));
  if (a.contains("policies")) {
    const ListEdit edit = PoliciesEdit(ctx.iam, name);
    AIC_CO_RETURN_IF_ERROR(co_await ReplaceList(edit, a, "policies", result));
  }
  if (a.contains("members")) {
    const ListEdit edit = MembersEdit(ctx.iam, name);
    AIC_CO_RETURN_IF_ERROR(co_await ReplaceList(edit, a, "members", result));
    AIC_CO_RETURN_IF_ERROR(co_await ReadMemberIdsIfAsked(ctx, name, asked, result));
  }
  co_return result;
}

// ---- Delete ----------------------------------------------------------------------------------

namespace {

// What is in a group, as DeleteConflict means it.
struct GroupContents {
  std::vector<std::string> members, policies, inline_policies;

  std::string Describe() const {
    std::string out;
    DescribeItems(out, "members", members);
    DescribeItems(out, "attached policies", policies);
    DescribeItems(out, "inline policies", inline_policies);
    return out;
  }
};

// The three listings at once (at most maxConnections in flight, as the transport allows).
Task<Result<GroupContents>> ListContents(Ctx& ctx, const std::string& name) {
  IamClient& iam = ctx.iam;
  std::optional<Result<GroupWithMembers>> group;
  std::optional<Result<std::vector<AttachedPolicy>>> policies;
  std::optional<Result<std::vector<std::string>>> inlines;
  std::vector<Task<void>> calls;
  calls.push_back(Into(group, GetGroupWithMembers(iam, name, true)));
  calls.push_back(Into(
      policies, All([&](const PageRequest& p) { return iam.ListAttachedGroupPolicies(name, p); })));
  calls.push_back(
      Into(inlines, All([&](const PageRequest& p) { return iam.ListGroupPolicies(name, p); })));
  co_await WhenAll(std::move(calls));

  GroupContents c;
  if (group->ok()) {
    for (const auto& u : group->value().members) c.members.push_back(u.user_name);
  } else if (group->status().code() != ErrorCode::kUnknownUid) {
    co_return group->status();
  }
  AIC_CO_RETURN_IF_ERROR(Collect(policies, "ListAttachedGroupPolicies", c.policies,
                                 [](const auto& p) { return p.policy_arn; }));
  AIC_CO_RETURN_IF_ERROR(Collect(inlines, "ListGroupPolicies", c.inline_policies,
                                 [](const std::string& p) { return p; }));
  co_return c;
}

// Empties the group: members, attached policies, inline policies; missing items are fine
// (retry-safe).
Task<Status> Cascade(Ctx& ctx, const std::string& name, const GroupContents& c) {
  IamClient& iam = ctx.iam;
  for (const auto& u : c.members) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.RemoveUserFromGroup(name, u), "RemoveUserFromGroup"));
  }
  for (const auto& p : c.policies) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.DetachGroupPolicy(name, p), "DetachGroupPolicy"));
  }
  for (const auto& p : c.inline_policies) {
    AIC_CO_RETURN_IF_ERROR(
        CascadeStep(co_await iam.DeleteGroupPolicy(name, p), "DeleteGroupPolicy"));
  }
  co_return Status::Ok();
}

}  // namespace

Task<Result<json>> DeleteGroup(Ctx& ctx, const std::string& group_name,
                               const std::vector<std::string>& attributes_to_get) {
  AttrSet asked = NeededAttributes(attributes_to_get, std::nullopt, {});
  asked.erase("__NAME__");
  json before = {{"_id", group_name}, {"__NAME__", group_name}};
  if (!asked.empty()) {
    auto read = co_await ReadGroup(ctx, group_name, asked);
    if (!read.ok()) co_return read.status();
    before = std::move(*read);
  }
  const std::string name = StringOr(before, "__NAME__", group_name);
  Status s = co_await ctx.iam.DeleteGroup(name);
  if (s.ok() || GoneByOwnDelete(s)) co_return before;
  if (s.code() != ErrorCode::kConflict) co_return s.WithContext("DeleteGroup");
  auto contents = co_await ListContents(ctx, name);
  if (!contents.ok()) co_return contents.status();
  if (!ctx.config.cascade_delete) {
    co_return Status(ErrorCode::kConflict,
                     "group " + name + " cannot be deleted while it has: " + contents->Describe() +
                         " (cascadeDelete is off)",
                     s.aws().value_or(AwsErrorDetail{}));
  }
  AIC_CO_RETURN_IF_ERROR(co_await Cascade(ctx, name, *contents));
  s = co_await ctx.iam.DeleteGroup(name);
  if (!s.ok() && !GoneByOwnDelete(s)) co_return s.WithContext("DeleteGroup (after cascade)");
  co_return before;
}

}  // namespace aic::aws_internal
