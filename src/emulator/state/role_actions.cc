// IAM roles: CreateRole, GetRole, UpdateRole, UpdateRoleDescription, DeleteRole, ListRoles,
// UpdateAssumeRolePolicy, their tags, and service-linked roles. Inline and managed policies and
// the permissions boundary of roles are in role_policy_actions.cc.
#include "emulator/state/role_actions.h"

#include <algorithm>
#include <cctype>

#include "common/text_codec.h"

namespace aic::emulator::state {

std::string RoleArn(const Ctx& ctx, const Role& r) {
  return ctx.Arn("iam", "role" + r.path + r.name);
}

std::string InstanceProfileArn(const Ctx& ctx, const InstanceProfile& ip) {
  return ctx.Arn("iam", "instance-profile" + ip.path + ip.name);
}

void WritePermissionsBoundary(XmlWriter& w, const std::string& arn) {
  w.Open("PermissionsBoundary");
  w.Element("PermissionsBoundaryType", "PermissionsBoundaryPolicy");
  w.Element("PermissionsBoundaryArn", arn);
  w.Close();
}

void WriteRoleLastUsed(XmlWriter& w, const Role& r) {
  w.Open("RoleLastUsed");
  if (r.last_used) {
    w.Element("LastUsedDate", text::FormatIso8601(r.last_used->date));
    if (!r.last_used->region.empty()) w.Element("Region", r.last_used->region);
  }
  w.Close();
}

void WriteRole(XmlWriter& w, const Ctx& ctx, const Role& r, std::string_view element, RoleView v) {
  w.Open(element);
  w.Element("Path", r.path);
  w.Element("RoleName", r.name);
  w.Element("RoleId", r.id);
  w.Element("Arn", RoleArn(ctx, r));
  w.Element("CreateDate", text::FormatIso8601(r.created));
  w.Element("AssumeRolePolicyDocument", text::PercentEncode(r.trust_policy));
  if (v != RoleView::kCreateNoDescription && !r.description.empty()) {
    w.Element("Description", r.description);
  }
  if (v == RoleView::kGet || v == RoleView::kList) {
    w.Element("MaxSessionDuration", static_cast<long long>(r.max_session_duration));
  }
  if (v != RoleView::kList) {
    if (!r.boundary_arn.empty()) WritePermissionsBoundary(w, r.boundary_arn);
    if (!r.tags.empty()) WriteTags(w, r.tags);
  }
  if (v == RoleView::kGet) WriteRoleLastUsed(w, r);
  w.Close();
}

void WriteInstanceProfile(XmlWriter& w, const Ctx& ctx, const InstanceProfile& ip,
                          std::string_view element, bool with_tags) {
  w.Open(element);
  w.Element("Path", ip.path);
  w.Element("InstanceProfileName", ip.name);
  w.Element("InstanceProfileId", ip.id);
  w.Element("Arn", InstanceProfileArn(ctx, ip));
  w.Element("CreateDate", text::FormatIso8601(ip.created));
  w.Open("Roles");
  for (const auto& rid : ip.roles) {
    auto it = ctx.st.roles_by_id.find(rid);
    if (it != ctx.st.roles_by_id.end()) WriteRole(w, ctx, *it->second, "member", RoleView::kList);
  }
  w.Close();
  if (with_tags && !ip.tags.empty()) WriteTags(w, ip.tags);
  w.Close();
}

Status NoSuchRole(std::string_view name) {
  return NoSuchEntity("The role with name " + std::string(name) + " cannot be found.");
}

Result<Role*> RoleParam(Ctx& ctx, std::string_view param) {
  EMU_ASSIGN(name, Required(ctx, param));
  Role* r = ctx.st.FindRole(name);
  if (r == nullptr) return NoSuchRole(name);
  return r;
}

Status CheckModifiable(const Role& r) {
  if (!r.service_linked) return Status::Ok();
  return AwsError("UnmodifiableEntity", 400,
                  "Cannot perform the operation on the protected role '" + r.name +
                      "' - this role is only modifiable by AWS");
}

Status CheckBoundaryArn(Ctx& ctx, const std::string& arn) {
  AIC_RETURN_IF_ERROR(CheckPolicyArn(arn));
  if (ctx.st.FindPolicy(arn) == nullptr) {
    return NoSuchEntity("Scope ARN: " + arn + " does not exist or is not attachable.");
  }
  return Status::Ok();
}

void SetRoleBoundary(Ctx& ctx, Role& r, const std::string& arn) {
  if (!r.boundary_arn.empty()) {
    if (auto* p = ctx.st.FindPolicy(r.boundary_arn)) --p->boundary_usage_count;
  }
  r.boundary_arn = arn;
  if (!arn.empty()) {
    if (auto* p = ctx.st.FindPolicy(arn)) ++p->boundary_usage_count;
  }
}

namespace {

constexpr std::string_view kTagKeyPattern = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";

// tagKeyType's pattern [\p{L}\p{Z}\p{N}_.:/=+\-@]+ (non-ASCII letters are let through).
bool ValidTagKey(std::string_view k) {
  if (k.empty()) return false;
  for (char ch : k) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool ok = c >= 0x80 || std::isalnum(c) || c == ' ' || c == '_' || c == '.' || c == ':' ||
              c == '/' || c == '=' || c == '+' || c == '-' || c == '@';
    if (!ok) return false;
  }
  return true;
}

Status TagValidation(std::string what, std::string constraint) {
  return ValidationError("1 validation error detected: Value at '" + what +
                         "' failed to satisfy constraint: " + constraint);
}

}  // namespace

Result<std::vector<Tag>> EntityTags(const Ctx& ctx) {
  for (std::size_t i = 1;; ++i) {
    std::string base = "Tags.member." + std::to_string(i);
    const std::string* key = ctx.Param(base + ".Key");
    const std::string* value = ctx.Param(base + ".Value");
    if (key == nullptr && value == nullptr) break;
    if (i > kMaxTagsPerEntity) {
      return TagValidation("tags", "Member must have length less than or equal to 50");
    }
    std::string where = "tags." + std::to_string(i) + ".member.";
    if (key != nullptr && key->size() > kMaxTagKeyLength) {
      return TagValidation(where + "key", "Member must have length less than or equal to 128");
    }
    if (value != nullptr && value->size() > kMaxTagValueLength) {
      return TagValidation(where + "value", "Member must have length less than or equal to 256");
    }
    if (key != nullptr && !key->empty() && !ValidTagKey(*key)) {
      return TagValidation(where + "key", "Member must satisfy regular expression pattern: " +
                                              std::string(kTagKeyPattern));
    }
  }
  return TagList(ctx);
}

Result<std::vector<Tag>> RequiredEntityTags(const Ctx& ctx) {
  EMU_ASSIGN(tags, EntityTags(ctx));
  if (tags.empty()) {
    return ValidationError(
        "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member "
        "must not be null");
  }
  return tags;
}

Result<std::vector<std::string>> TagKeys(const Ctx& ctx) {
  std::vector<std::string> keys = MemberList(ctx, "TagKeys");
  if (keys.empty() && ctx.Param("TagKeys") == nullptr) {
    return ValidationError(
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: "
        "Member must not be null");
  }
  if (keys.size() > kMaxTagsPerEntity) {
    return TagValidation("tagKeys", "Member must have length less than or equal to 50");
  }
  for (const auto& k : keys) {
    if (k.size() > kMaxTagKeyLength || !ValidTagKey(k)) {
      return TagValidation("tagKeys",
                           "Member must satisfy constraint: [Member must have length less than "
                           "or equal to 128, Member must have length greater than or equal to 1, "
                           "Member must satisfy regular expression pattern: " +
                               std::string(kTagKeyPattern) + ", Member must not be null]");
    }
  }
  return keys;
}

void RemoveTags(std::vector<Tag>& tags, const std::vector<std::string>& keys) {
  std::vector<std::string> lower;
  for (const auto& k : keys) lower.push_back(text::AsciiLower(k));
  std::erase_if(tags, [&](const Tag& t) {
    return std::find(lower.begin(), lower.end(), text::AsciiLower(t.key)) != lower.end();
  });
}

Result<std::string> ListTagsPage(const Ctx& ctx, const std::vector<Tag>& tags) {
  EMU_ASSIGN(page, PageIndex(ctx, tags.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("Tags");
  for (std::size_t i = page.begin; i < page.end; ++i) {
    w.Open("member");
    w.Element("Key", tags[i].key);
    w.Element("Value", tags[i].value);
    w.Close();
  }
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

namespace {

// Description: roleDescriptionType, at most 1000 of [\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*, i.e. no
// control characters (C0, DEL, C1).
Result<std::string> OptionalDescription(const Ctx& ctx, const std::string& fallback) {
  const std::string* d = ctx.Param("Description");
  if (d == nullptr) return fallback;
  if (d->size() > kMaxDescriptionLength) {
    return ValidationError(
        "1 validation error detected: Value at 'description' failed to satisfy constraint: "
        "Member must have length less than or equal to 1000");
  }
  for (std::size_t i = 0; i < d->size(); ++i) {
    unsigned char c = static_cast<unsigned char>((*d)[i]);
    unsigned char next = i + 1 < d->size() ? static_cast<unsigned char>((*d)[i + 1]) : 0;
    if (c < 0x20 || c == 0x7f || (c == 0xc2 && next >= 0x80 && next <= 0x9f)) {
      return ValidationError(
          "1 validation error detected: Value at 'description' failed to satisfy constraint: "
          "Member must satisfy regular expression pattern: "
          "[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]*");
    }
  }
  return *d;
}

Result<int> OptionalMaxSession(const Ctx& ctx, int fallback) {
  return OptionalInt(ctx, "MaxSessionDuration", fallback, kMinRoleSessionDuration,
                     kMaxRoleSessionDuration);
}

Result<std::string> CreateRole(Ctx& ctx) {
  EMU_ASSIGN(name, RequiredName(ctx, "RoleName", kMaxRoleNameLength));
  EMU_ASSIGN(path, OptionalPath(ctx, "Path"));
  EMU_ASSIGN(doc, Required(ctx, "AssumeRolePolicyDocument"));
  EMU_ASSIGN(description, OptionalDescription(ctx, ""));
  EMU_ASSIGN(max_session, OptionalMaxSession(ctx, kMinRoleSessionDuration));
  EMU_ASSIGN(tags, EntityTags(ctx));
  std::string boundary;
  if (const std::string* b = ctx.Param("PermissionsBoundary")) {
    AIC_RETURN_IF_ERROR(CheckBoundaryArn(ctx, *b));
    boundary = *b;
  }
  std::string key = text::AsciiLower(name);
  if (ctx.st.roles.count(key)) return AlreadyExists("Role with name " + name + " already exists.");
  AIC_RETURN_IF_ERROR(CheckTrustPolicyDocument(doc));
  Role r;
  r.id = NewId("AROA");
  r.name = name;
  r.path = path;
  r.created = ctx.now;
  r.trust_policy = doc;
  r.description = description;
  r.max_session_duration = max_session;
  r.tags = std::move(tags);
  Role& stored = ctx.st.roles.emplace(key, std::move(r)).first->second;
  ctx.st.roles_by_id[stored.id] = &stored;
  SetRoleBoundary(ctx, stored, boundary);
  ctx.dirty.roles.insert(stored.id);
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, stored, "Role", RoleView::kCreateNoDescription);
  return EndResult(ctx, std::move(w));
}

Result<std::string> GetRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, *r, "Role", RoleView::kGet);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(description, OptionalDescription(ctx, r->description));
  EMU_ASSIGN(max_session, OptionalMaxSession(ctx, r->max_session_duration));
  r->description = description;
  r->max_session_duration = max_session;
  ctx.dirty.roles.insert(r->id);
  return EndResult(ctx, BeginResult(ctx));  // the model's UpdateRoleResponse has no members
}

Result<std::string> UpdateRoleDescription(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(Required(ctx, "Description").status());
  EMU_ASSIGN(description, OptionalDescription(ctx, r->description));
  r->description = description;
  ctx.dirty.roles.insert(r->id);
  XmlWriter w = BeginResult(ctx);
  WriteRole(w, ctx, *r, "Role", RoleView::kCreate);
  return EndResult(ctx, std::move(w));
}

// Removes a role that has no instance profiles, inline or attached policies.
void EraseRole(Ctx& ctx, Role& r) {
  SetRoleBoundary(ctx, r, "");
  ctx.dirty.roles.insert(r.id);
  ctx.st.roles_by_id.erase(r.id);
  ctx.st.roles.erase(text::AsciiLower(r.name));
}

Result<std::string> DeleteRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  const char* what = nullptr;
  if (!r->instance_profiles.empty())
    what = "must remove roles from instance profile first";
  else if (!r->inline_policies.empty())
    what = "must delete policies first";
  else if (!r->attached.empty())
    what = "must detach all policies first";
  if (what != nullptr) return DeleteConflict(std::string("Cannot delete entity, ") + what + ".");
  EraseRole(ctx, *r);
  return EmptyResult(ctx);
}

Result<std::string> ListRoles(Ctx& ctx) {
  EMU_ASSIGN(max, MaxItems(ctx));
  EMU_ASSIGN(start, MarkerKey(ctx));
  const std::string* prefix = ctx.Param("PathPrefix");
  XmlWriter w = BeginResult(ctx);
  w.Open("Roles");
  PageEnd end = PageMap(
      ctx.st.roles, start, max,
      [&](const Role& r) { return prefix == nullptr || r.path.rfind(*prefix, 0) == 0; },
      [&](const Role& r) { WriteRole(w, ctx, r, "member", RoleView::kList); });
  w.Close();
  WritePaging(w, end);
  return EndResult(ctx, std::move(w));
}

Result<std::string> UpdateAssumeRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(doc, Required(ctx, "PolicyDocument"));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  AIC_RETURN_IF_ERROR(CheckTrustPolicyDocument(doc));
  r->trust_policy = doc;
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> TagRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(tags, RequiredEntityTags(ctx));
  AIC_RETURN_IF_ERROR(MergeTags(r->tags, tags));
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> UntagRole(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(keys, TagKeys(ctx));
  RemoveTags(r->tags, keys);
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> ListRoleTags(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  return ListTagsPage(ctx, r->tags);
}

}  // namespace

void RegisterRoleActions(ActionTable& t) {
  t["CreateRole"] = {CreateRole, true};
  t["GetRole"] = {GetRole, false};
  t["UpdateRole"] = {UpdateRole, true};
  t["UpdateRoleDescription"] = {UpdateRoleDescription, true};
  t["DeleteRole"] = {DeleteRole, true};
  t["ListRoles"] = {ListRoles, false};
  t["UpdateAssumeRolePolicy"] = {UpdateAssumeRolePolicy, true};
  t["TagRole"] = {TagRole, true};
  t["UntagRole"] = {UntagRole, true};
  t["ListRoleTags"] = {ListRoleTags, false};
  RegisterRolePolicyActions(t);
}

}  // namespace aic::emulator::state
