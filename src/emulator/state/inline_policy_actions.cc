// Inline policies of users and groups (Put/Get/Delete/List{User,Group}Policy).
#include "common/text_codec.h"
#include "emulator/state/action_context.h"

namespace aic::emulator::state {
namespace {

Status PutInline(Ctx& ctx, std::map<std::string, std::string>& policies, std::size_t max_len,
                 std::string_view kind, const std::string& owner) {
  EMU_ASSIGN(name, RequiredName(ctx, "PolicyName", kMaxPolicyNameLength));
  EMU_ASSIGN(doc, Required(ctx, "PolicyDocument"));
  AIC_RETURN_IF_ERROR(CheckInlinePolicyDocument(policies, name, doc, max_len, kind, owner));
  policies[name] = doc;
  return Status::Ok();
}

Result<std::string> GetInline(Ctx& ctx, const std::map<std::string, std::string>& policies,
                              std::string_view kind, std::string_view owner_element,
                              const std::string& owner) {
  EMU_ASSIGN(name, Required(ctx, "PolicyName"));
  auto it = policies.find(name);
  if (it == policies.end()) {
    return NoSuchEntity("The " + std::string(kind) + " policy with name " + name +
                        " cannot be found.");
  }
  XmlWriter w = BeginResult(ctx);
  w.Element(owner_element, owner);
  w.Element("PolicyName", it->first);
  w.Element("PolicyDocument", text::PercentEncode(it->second));
  return EndResult(ctx, std::move(w));
}

Status DeleteInline(Ctx& ctx, std::map<std::string, std::string>& policies, std::string_view kind) {
  EMU_ASSIGN(name, Required(ctx, "PolicyName"));
  if (policies.erase(name) == 0) {
    return NoSuchEntity("The " + std::string(kind) + " policy with name " + name +
                        " cannot be found.");
  }
  return Status::Ok();
}

Result<std::string> ListInline(Ctx& ctx, const std::map<std::string, std::string>& policies) {
  EMU_ASSIGN(page, PageIndex(ctx, policies.size()));
  XmlWriter w = BeginResult(ctx);
  w.Open("PolicyNames");
  auto it = policies.begin();
  std::advance(it, page.begin);
  for (std::size_t i = page.begin; i < page.end; ++i, ++it) w.Element("member", it->first);
  w.Close();
  WritePaging(w, page.page);
  return EndResult(ctx, std::move(w));
}

Result<std::string> PutUserPolicy(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  AIC_RETURN_IF_ERROR(
      PutInline(ctx, u->inline_policies, kMaxUserInlinePoliciesLength, "user", u->name));
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> GetUserPolicy(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  return GetInline(ctx, u->inline_policies, "user", "UserName", u->name);
}

Result<std::string> DeleteUserPolicy(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  AIC_RETURN_IF_ERROR(DeleteInline(ctx, u->inline_policies, "user"));
  ctx.dirty.users.insert(u->id);
  return EmptyResult(ctx);
}

Result<std::string> ListUserPolicies(Ctx& ctx) {
  EMU_ASSIGN(u, UserParam(ctx));
  return ListInline(ctx, u->inline_policies);
}

Result<std::string> PutGroupPolicy(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  AIC_RETURN_IF_ERROR(
      PutInline(ctx, g->inline_policies, kMaxGroupInlinePoliciesLength, "group", g->name));
  ctx.dirty.groups.insert(g->id);
  return EmptyResult(ctx);
}

Result<std::string> GetGroupPolicy(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  return GetInline(ctx, g->inline_policies, "group", "GroupName", g->name);
}

Result<std::string> DeleteGroupPolicy(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  AIC_RETURN_IF_ERROR(DeleteInline(ctx, g->inline_policies, "group"));
  ctx.dirty.groups.insert(g->id);
  return EmptyResult(ctx);
}

Result<std::string> ListGroupPolicies(Ctx& ctx) {
  EMU_ASSIGN(g, GroupParam(ctx));
  return ListInline(ctx, g->inline_policies);
}

}  // namespace

void RegisterInlinePolicyActions(ActionTable& t) {
  t["PutUserPolicy"] = {PutUserPolicy, true};
  t["GetUserPolicy"] = {GetUserPolicy, false};
  t["DeleteUserPolicy"] = {DeleteUserPolicy, true};
  t["ListUserPolicies"] = {ListUserPolicies, false};
  t["PutGroupPolicy"] = {PutGroupPolicy, true};
  t["GetGroupPolicy"] = {GetGroupPolicy, false};
  t["DeleteGroupPolicy"] = {DeleteGroupPolicy, true};
  t["ListGroupPolicies"] = {ListGroupPolicies, false};
}

}  // namespace aic::emulator::state
