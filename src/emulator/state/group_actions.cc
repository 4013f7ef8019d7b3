// IAM groups and group membership.
#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/action_context.h"

namespace aic::emulator::state {
namespace {

Result<std::string> CreateGroup(Ctx& ctx) {
  EMU_ASSIGN(name, RequiredName(ctx, "GroupName", kMaxGroupNameLength));
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  std::string key = text::AsciiLower(name);
  if (ctx.st.groups.count(key)) {
    return AlreadyExists("Group with name " + name + " already exists.");
  }
  Group g;
  g.id = NewId("AGPA");
  g.name = name;
  g.path = path;
  g.created = ctx.now;
  Group& stored = ctx.st.groups.emplace(key, std::move(g)).first->second;
  ctx.st.groups_by_id[stored.id] = &stored;
  ctx.dirty.groups.insert(stored.id);
  XmlWriter w = BeginResult(ctx);
  WriteGroup(w, ctx, stored, "Group");
  return EndResult(ctx, std::move(w));
}

// Members ordered by lower-cased user name, for paging.
std::map<std::string, const User*> SortedMembers(const Ctx& ctx, const Group& g) {
  std::map<std::string, const User*> out;
  for (const auto& id : g.members) {
    auto it = ctx.st.users_by_id.find(id);
    if (it != ctx.st.users_by_id.end()) out.emplace(text::AsciiLower(it->second->name), it->second);
  }
  return out;
}

Result<std::string> GetGroup(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  auto members = SortedMembers(ctx, *g);
  XmlWriter w = BeginResult(ctx);
  WriteGroup(w, ctx, *g, "Group");
  w.Open("Users");
  PageEnd end = PageMap(
      members, start, max, [](const User*) { return true; },
      [&](const User* u) { WriteUser(w, ctx, *u, "member"); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateGroup(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  std::string new_path = g->path;
  if (ctx.Param("NewPath") != nullptr) {
    EMU_ASSIGN(p, OptionalPath(ctx, "NewPath"));
    new_path = p;
  }
  std::string new_name = g->name;
  if (const std::string* n = ctx.Param("NewGroupName")) {
    AIC_RETURN_IF_ERROR(CheckName("NewGroupName", *n, kMaxGroupNameLength));
    const Group* other = ctx.st.FindGroup(*n);
    if (other != nullptr && other != g) {
      return AlreadyExists("Group with name " + *n + " already exists.");
    }
    new_name = *n;
  }
  g->path = new_path;
  if (new_name != g->name) {
    auto node = ctx.st.groups.extract(text::AsciiLower(g->name));
    node.key() = text::AsciiLower(new_name);
    node.mapped().name = new_name;
    ctx.st.groups.insert(std::move(node));
  }
  ctx.dirty.groups.insert(g->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteGroup(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  if (!g->members.empty()) {
    return DeleteConflict("Cannot delete entity, must remove users from group first.");
  }
  if (!g->inline_policies.empty()) {
    return DeleteConflict("Cannot delete entity, must delete policies first.");
  }
  if (!g->attached.empty()) {
    return DeleteConflict("Cannot delete entity, must detach all policies first.");
  }
  ctx.dirty.groups.insert(g->id);
  ctx.st.groups_by_id.erase(g->id);
  ctx.st.groups.erase(text::AsciiLower(g->name));
  return EmptyResult(ctx);
}

Result<std::string> ListGroups(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  const std::string* prefix = ctx.Param("PathPrefix");
  XmlWriter w = BeginResult(ctx);
  w.Open("Groups");
  PageEnd end = PageMap(
      ctx.st.groups, start, max,
      [&](const Group& g) { return prefix == nullptr || g.path.rfind(*prefix, 0) == 0; },
      [&](const Group& g) { WriteGroup(w, ctx, g, "member"); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> AddUserToGroup(Ctx& ctx) {
  // The user is looked up first (LocalStack test_iam_groups.snapshot.json,
  // test_remove_user_from_unknown_group: both unknown, AWS names the user).
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(g, GroupParam(ctx));
  if (g->members.count(u->id)) return EmptyResult(ctx);  // AWS: idempotent
  if (u->groups.size() >= kMaxGroupsPerUser) {
    return LimitExceeded("Cannot exceed quota for GroupsPerUser: " +
                         std::to_string(kMaxGroupsPerUser));
  }
  u->groups.push_back(g->id);
  g->members.insert(u->id);
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> RemoveUserFromGroup(Ctx& ctx) {
  // The user is looked up first (LocalStack test_iam_groups.snapshot.json,
  // test_remove_user_from_unknown_group: both unknown, AWS names the user).
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(g, GroupParam(ctx));
  if (!g->members.count(u->id)) {
    return NoSuchEntity("The user with name " + u->name + " cannot be found in group " + g->name +
                        ".");
  }
  std::erase(u->groups, g->id);
  g->members.erase(u->id);
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> ListGroupsForUser(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  EMU_ASSIGN(page, PageIndex(ctx, u->groups.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("Groups");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    auto it = ctx.st.groups_by_id.find(u->groups[i]);
    if (it != ctx.st.groups_by_id.end()) WriteGroup(w, ctx, *it->second, "member");
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

}  // namespace

void RegisterGroupActions(ActionTable& t) {
  t["CreateGroup"] = {CreateGroup, true};
  t["GetGroup"] = {GetGroup, false};
  t["UpdateGroup"] = {UpdateGroup, true};
  t["DeleteGroup"] = {DeleteGroup, true};
  t["ListGroups"] = {ListGroups, false};
  t["AddUserToGroup"] = {AddUserToGroup, true};
  t["RemoveUserFromGroup"] = {RemoveUserFromGroup, true};
  t["ListGroupsForUser"] = {ListGroupsForUser, false};
}

}  // namespace aic::emulator::state
