// IAM instance profiles, their role (AWS allows one) and tags. A role's instance_profiles set is
// derived from InstanceProfile::roles and kept current here.
#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/role_actions.h"

namespace aic::emulator::state {
namespace {

Status NoSuchInstanceProfile(std::string_view name) {
  return NoSuchEntity("Instance Profile " + std::string(name) + " cannot be found.");
}

Result<InstanceProfile*> ProfileParam(Ctx& ctx) {
  EMU_ASSIGN(name, Required(ctx, "InstanceProfileName"));
  InstanceProfile* ip = ctx.st.FindInstanceProfile(name);
  if (ip == nullptr) return NoSuchInstanceProfile(name);
  return ip;
}

std::string ProfileXml(Ctx& ctx, const InstanceProfile& ip, ProfileTags tags) {
  XmlWriter w = BeginResult(ctx);
  WriteInstanceProfile(w, ctx, ip, "InstanceProfile", tags);
  return EndResult(ctx, std::move(w));
}

Result<std::string> CreateInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(name, RequiredName(ctx, "InstanceProfileName", kMaxInstanceProfileNameLength));
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  EMU_ASSIGN(tags, EntityTags(ctx));
  std::string key = text::AsciiLower(name);
  if (ctx.st.instance_profiles.count(key)) {
    return AlreadyExists("Instance Profile " + name + " already exists.");
  }
  InstanceProfile ip;
  ip.id = NewId("AIPA");
  ip.name = name;
  ip.path = path;
  ip.created = ctx.now;
  ip.tags = std::move(tags);
  InstanceProfile& stored = ctx.st.instance_profiles.emplace(key, std::move(ip)).first->second;
  ctx.st.instance_profiles_by_id[stored.id] = &stored;
  ctx.dirty.instance_profiles.insert(stored.id);
  return ProfileXml(ctx, stored, ProfileTags::kIfAny);
}

Result<std::string> GetInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  return ProfileXml(ctx, *ip, ProfileTags::kAlways);
}

Result<std::string> DeleteInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  if (!ip->roles.empty()) {
    return DeleteConflict("Cannot delete entity, must remove roles from instance profile first.");
  }
  ctx.dirty.instance_profiles.insert(ip->id);
  ctx.st.instance_profiles_by_id.erase(ip->id);
  ctx.st.instance_profiles.erase(text::AsciiLower(ip->name));
  return EmptyResult(ctx);
}

Result<std::string> ListInstanceProfiles(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  const std::string* prefix = ctx.Param("PathPrefix");
  XmlWriter w = BeginResult(ctx);
  w.Open("InstanceProfiles");
  PageEnd end = PageMap(
      ctx.st.instance_profiles, start, max,
      [&](const InstanceProfile& ip) {
        return prefix == nullptr || ip.path.rfind(*prefix, 0) == 0;
      },
      [&](const InstanceProfile& ip) {
        WriteInstanceProfile(w, ctx, ip, "member", ProfileTags::kNever);
      });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> AddRoleToInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  if (ip->roles.size() >= kMaxRolesPerInstanceProfile) {
    return LimitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: " +
                         std::to_string(kMaxRolesPerInstanceProfile));
  }
  ip->roles.push_back(r->id);
  r->instance_profiles.insert(ip->id);
  ctx.dirty.instance_profiles.insert(ip->id);
  return EmptyResult(ctx);
}

Result<std::string> RemoveRoleFromInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  auto it = std::find(ip->roles.begin(), ip->roles.end(), r->id);
  if (it == ip->roles.end()) {
    return NoSuchEntity("Role " + r->name + " in Instance Profile " + ip->name +
                        " cannot be found.");
  }
  ip->roles.erase(it);
  r->instance_profiles.erase(ip->id);
  ctx.dirty.instance_profiles.insert(ip->id);
  return EmptyResult(ctx);
}

Result<std::string> ListInstanceProfilesForRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  XmlWriter w = BeginResult(ctx);
  w.Open("InstanceProfiles");
  PageEnd end = PageMap(
      ctx.st.instance_profiles, start, max,
      [&](const InstanceProfile& ip) { return r->instance_profiles.count(ip.id) > 0; },
      [&](const InstanceProfile& ip) {
        WriteInstanceProfile(w, ctx, ip, "member", ProfileTags::kNever);
      });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> TagInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  EMU_ASSIGN(tags, RequiredEntityTags(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(ip->tags, tags));
  ctx.dirty.instance_profiles.insert(ip->id);
  return EmptyResult(ctx);
}

Result<std::string> UntagInstanceProfile(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  EMU_ASSIGN(keys, TagKeys(ctx));
  RemoveTags(ip->tags, keys);
  ctx.dirty.instance_profiles.insert(ip->id);
  return EmptyResult(ctx);
}

Result<std::string> ListInstanceProfileTags(Ctx& ctx) {
  EMU_ASSIGN(ip, ProfileParam(ctx));
  return TagPageResult(ctx, ip->tags);
}

}  // namespace

void RegisterInstanceProfileActions(ActionTable& t) {
  t["CreateInstanceProfile"] = {CreateInstanceProfile, true};
  t["GetInstanceProfile"] = {GetInstanceProfile, false};
  t["DeleteInstanceProfile"] = {DeleteInstanceProfile, true};
  t["ListInstanceProfiles"] = {ListInstanceProfiles, false};
  t["AddRoleToInstanceProfile"] = {AddRoleToInstanceProfile, true};
  t["RemoveRoleFromInstanceProfile"] = {RemoveRoleFromInstanceProfile, true};
  t["ListInstanceProfilesForRole"] = {ListInstanceProfilesForRole, false};
  t["TagInstanceProfile"] = {TagInstanceProfile, true};
  t["UntagInstanceProfile"] = {UntagInstanceProfile, true};
  t["ListInstanceProfileTags"] = {ListInstanceProfileTags, false};
}

}  // namespace aic::emulator::state
