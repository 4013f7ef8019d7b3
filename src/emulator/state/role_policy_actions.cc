// The policies of roles: inline (Put/Get/Delete/ListRolePolicies), managed (Attach/Detach/
// ListAttachedRolePolicies) and the permissions boundary (Put/DeleteRolePermissionsBoundary).
// Attachment and boundary counts of managed policies are derived (ManagedPolicy), so only the
// role is dirty.
#include <algorithm>

#include "common/text_codec.h"
#include "emulator/state/role_actions.h"

namespace aic::emulator::state {
namespace {

Result<std::string> PutRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(name, RequiredName(ctx, "PolicyName", kMaxPolicyNameLength));
  EMU_ASSIGN(doc, Required(ctx, "PolicyDocument"));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  // The quota is on the total of the role's inline policies.
  AIC_RETURN_IF_ERROR(CheckInlinePolicyDocument(r->inline_policies, name, doc,
                                                kMaxRoleInlinePolicySize, "role", r->name));
  r->inline_policies[name] = doc;
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Status NoSuchRolePolicy(std::string_view name) {
  return NoSuchEntity("The role policy with name " + std::string(name) + " cannot be found.");
}

Result<std::string> GetRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(name, Required(ctx, "PolicyName"));
  auto it = r->inline_policies.find(name);
  if (it == r->inline_policies.end()) return NoSuchRolePolicy(name);
  XmlWriter w = BeginResult(ctx);
  w.Element("RoleName", r->name);
  w.Element("PolicyName", it->first);
  w.Element("PolicyDocument", text::PercentEncode(it->second));
  return EndResult(ctx, std::move(w));
}

Result<std::string> DeleteRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(name, Required(ctx, "PolicyName"));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  if (r->inline_policies.erase(name) == 0) return NoSuchRolePolicy(name);
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> ListRolePolicies(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(page, PageIndex(ctx, r->inline_policies.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("PolicyNames");
  auto it = r->inline_policies.begin();
  std::advance(it, page.begin);
  for (std::size_t i = page.begin; i < page.end; ++i, ++it) w.Element("member", it->first);
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

// A PolicyArn for Attach/DetachRolePolicy: AWS answers a malformed one with ValidationError
// (LocalStack test_iam_roles.snapshot.json, test_role_managed_policy_errors).
Result<std::string> RolePolicyArn(const Ctx& ctx) {
  EMU_ASSIGN(arn, Required(ctx, "PolicyArn"));
  if (!CheckPolicyArn(arn).ok()) return ValidationError("ARN " + arn + " is not valid.");
  return arn;
}

Result<std::string> AttachRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(arn, RolePolicyArn(ctx));
  ManagedPolicy* p = ctx.st.FindPolicy(arn);
  if (p == nullptr) return NoSuchEntity("Policy " + arn + " does not exist or is not attachable.");
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  if (std::find(r->attached.begin(), r->attached.end(), arn) != r->attached.end()) {
    return EmptyResult(ctx);  // AWS: attaching again is a no-op
  }
  if (r->attached.size() >= kMaxManagedPoliciesPerEntity) {
    return LimitExceeded("Cannot exceed quota for PoliciesPerRole: " +
                         std::to_string(kMaxManagedPoliciesPerEntity));
  }
  r->attached.push_back(arn);
  ++p->attachment_count;
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> DetachRolePolicy(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(arn, RolePolicyArn(ctx));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  auto it = std::find(r->attached.begin(), r->attached.end(), arn);
  if (it == r->attached.end()) return NoSuchEntity("Policy " + arn + " was not found.");
  r->attached.erase(it);
  if (auto* p = ctx.st.FindPolicy(arn)) --p->attachment_count;
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> ListAttachedRolePolicies(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  return ListAttachedPolicies(ctx, r->attached);
}

Result<std::string> PutRolePermissionsBoundary(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  EMU_ASSIGN(arn, Required(ctx, "PermissionsBoundary"));
  AIC_RETURN_IF_ERROR(CheckBoundaryArn(ctx, arn));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  SetRoleBoundary(ctx, *r, arn);
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

Result<std::string> DeleteRolePermissionsBoundary(Ctx& ctx) {
  EMU_ASSIGN(r, RoleParam(ctx));
  AIC_RETURN_IF_ERROR(CheckModifiable(*r));
  SetRoleBoundary(ctx, *r, "");
  ctx.dirty.roles.insert(r->id);
  return EmptyResult(ctx);
}

}  // namespace

void RegisterRolePolicyActions(ActionTable& t) {
  t["PutRolePolicy"] = {PutRolePolicy, true};
  t["GetRolePolicy"] = {GetRolePolicy, false};
  t["DeleteRolePolicy"] = {DeleteRolePolicy, true};
  t["ListRolePolicies"] = {ListRolePolicies, false};
  t["AttachRolePolicy"] = {AttachRolePolicy, true};
  t["DetachRolePolicy"] = {DetachRolePolicy, true};
  t["ListAttachedRolePolicies"] = {ListAttachedRolePolicies, false};
  t["PutRolePermissionsBoundary"] = {PutRolePermissionsBoundary, true};
  t["DeleteRolePermissionsBoundary"] = {DeleteRolePermissionsBoundary, true};
}

}  // namespace aic::emulator::state
