#include "emulator/state/request_authorizer.h"

#include <string_view>

#include "common/text_codec.h"
#include "emulator/state/role_actions.h"
#include "emulator/state/sts_session.h"

namespace aic::emulator::state {
namespace {

using policy::DenyReason;
using policy::PolicyHandle;
using policy::PolicySource;
using policy::PolicyType;

void Set(policy::RequestContext& r, std::string key, std::string value) {
  r.keys[std::move(key)] = {std::move(value)};
}

void AddTags(policy::RequestContext& r, const std::vector<Tag>& tags) {
  for (const auto& t : tags) Set(r, "aws:principaltag/" + text::AsciiLower(t.key), t.value);
}

// The session policies of a temporary key: the Policy document and the PolicyArns' documents.
std::vector<PolicyHandle> SessionPolicies(const IamState& st, const TempKey& k,
                                          PolicyCache& cache) {
  std::vector<PolicyHandle> out;
  if (!k.session_policy.empty()) {
    auto p = cache.Get(k.session_policy, PolicySource{"session_policy", PolicyType::kNone});
    if (p.ok()) out.push_back(std::move(p).value());
  }
  for (const auto& arn : k.session_policy_arns) {
    const std::string* doc = ManagedPolicyDocument(st, arn);
    if (doc == nullptr) continue;  // a deleted policy grants nothing
    auto p = cache.Get(*doc, PolicySource{arn, PolicyType::kNone});
    if (p.ok()) out.push_back(std::move(p).value());
  }
  return out;
}

// The user a GetFederationToken session was made by (through the long-term key that made it).
const User* FederatingUser(const IamState& st, const TempKey& k) {
  auto owner = st.key_owner.find(k.source_key);
  if (owner == st.key_owner.end()) return nullptr;
  auto u = st.users_by_id.find(owner->second);
  return u == st.users_by_id.end() ? nullptr : u->second;
}

// "arn:P:iam::ACCOUNT:KIND/PATH/NAME" -> {KIND, NAME} for users, groups and roles.
bool SplitEntityArn(std::string_view arn, std::string_view& kind, std::string_view& name) {
  if (arn.rfind("arn:", 0) != 0) return false;
  std::size_t colons = 0;
  std::size_t i = 0;
  for (; i < arn.size() && colons < 5; ++i) colons += arn[i] == ':';
  if (colons < 5 || arn.find(":iam:") == std::string_view::npos) return false;
  std::string_view rest = arn.substr(i);  // KIND/PATH/NAME
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return false;
  kind = rest.substr(0, slash);
  name = rest.substr(rest.rfind('/') + 1);
  return !name.empty() && (kind == "user" || kind == "group" || kind == "role");
}

// The resource as IAM's AccessDenied names it. Recorded against AWS: an entity created by the
// call is its ARN ("iam:CreateUser on resource: arn:aws:iam::ACCT:user/bob", CreateGroup,
// CreateRole likewise); one addressed by name is "KIND NAME" ("iam:GetUser on resource: user
// alice", "iam:CreateAccessKey on resource: user x", "iam:AddUserToGroup on resource: group
// Admin", "iam:AttachRolePolicy on resource: role r"); CreatePolicy is "policy NAME"; a path
// prefix is an ARN ("iam:ListUsers on resource: arn:aws:iam::ACCT:user/", ListGroups and
// ListRoles likewise; ListPolicies "policy path /"); any other "*" stays "*".
std::string MessageResource(const Ctx& ctx, const RequiredPermission& p) {
  const std::string& action = ctx.req.action;
  if (ctx.req.service != "iam") return p.resource;
  if (action == "CreateUser" || action == "CreateGroup" || action == "CreateRole") {
    return p.resource;
  }
  if (action == "CreatePolicy" && p.action == "iam:CreatePolicy") {
    if (const std::string* name = ctx.Param("PolicyName")) return "policy " + *name;
  }
  if (p.resource == "*" && p.action == "iam:" + action) {
    // Lists name their path prefix: "iam:ListRoles on resource: arn:aws:iam::ACCT:role/",
    // "... role/aws-service-role/opensearchservice.amazonaws.com/", "iam:ListPolicies on
    // resource: policy path /".
    const std::string* param = ctx.Param("PathPrefix");
    const std::string prefix = param != nullptr && !param->empty() ? *param : "/";
    if (action == "ListUsers") return ctx.Arn("iam", "user" + prefix);
    if (action == "ListGroups") return ctx.Arn("iam", "group" + prefix);
    if (action == "ListRoles") return ctx.Arn("iam", "role" + prefix);
    if (action == "ListPolicies") return "policy path " + prefix;
  }
  std::string_view kind;
  std::string_view name;
  if (SplitEntityArn(p.resource, kind, name)) return std::string(kind) + " " + std::string(name);
  return p.resource;
}

// ": ARN" of the managed identity-based policy whose Deny decided, when one did (AWS names it
// since 2026: "... with an explicit deny in an identity-based policy: arn:aws:iam::ACCT:policy/X").
std::string DenyingManagedPolicy(const policy::Evaluation& e) {
  for (const auto& m : e.matched) {
    if (!m.deny) continue;
    if (m.source_policy_type == PolicyType::kUserManaged ||
        m.source_policy_type == PolicyType::kAwsManaged) {
      return ": " + m.source_policy_id;
    }
  }
  return {};
}

}  // namespace

std::string AccessDeniedMessage(const Ctx& ctx, std::string_view caller_arn,
                                const RequiredPermission& permission,
                                const policy::Evaluation& evaluation) {
  std::string m = "User: " + std::string(caller_arn) +
                  " is not authorized to perform: " + permission.action + " on resource: ";
  if (ctx.req.service == "sts" && ctx.req.action == "AssumeRole") {
    // AWS's message for AssumeRole names the role ARN and gives no reason.
    return m + permission.resource;
  }
  m += MessageResource(ctx, permission);
  const std::string because = " because no ";
  const std::string allows = " allows the " + permission.action + " action";
  switch (evaluation.reason) {
    case DenyReason::kExplicitDenyIdentity:
      return m + " with an explicit deny in an identity-based policy" +
             DenyingManagedPolicy(evaluation);
    case DenyReason::kExplicitDenyResource:
      return m + " with an explicit deny in a resource-based policy";
    case DenyReason::kExplicitDenyBoundary:
      return m + " with an explicit deny in a permissions boundary";
    case DenyReason::kExplicitDenySession:
      return m + " with an explicit deny in a session policy";
    case DenyReason::kNoBoundaryAllow:
      return m + because + "permissions boundary" + allows;
    case DenyReason::kNoSessionAllow:
      return m + because + "session policy" + allows;
    case DenyReason::kNoIdentityAllow:
    case DenyReason::kNone:
      break;
  }
  return m + because + "identity-based policy" + allows;
}

CallerContext ResolveCallerContext(Ctx& ctx, PolicyCache& cache) {
  CallerContext out;
  const CallerPrincipal c = ResolveCaller(ctx);
  out.arn = c.arn;
  policy::RequestContext& r = out.request;
  r.principal_account = c.account;
  r.principal_arn = c.principal_arn;
  Set(r, "aws:principalaccount", c.account);
  Set(r, "aws:principalarn", c.principal_arn);
  Set(r, "aws:currenttime", text::FormatIso8601(ctx.now));
  Set(r, "aws:epochtime", std::to_string(ctx.now));
  Set(r, "aws:securetransport", ctx.req.secure_transport ? "true" : "false");
  if (!ctx.req.source_ip.empty()) Set(r, "aws:sourceip", ctx.req.source_ip);
  Set(r, "aws:requestedregion", ctx.req.region.empty() ? "us-east-1" : ctx.req.region);
  Set(r, "aws:viaawsservice", "false");
  Set(r, "aws:principalisawsservice", "false");
  if (const TempKey* k = c.temp) {
    Set(r, "aws:multifactorauthpresent", k->mfa ? "true" : "false");
    if (k->issued > 0) {
      Set(r, "aws:tokenissuetime", text::FormatIso8601(k->issued));
      if (k->mfa) Set(r, "aws:multifactorauthage", std::to_string(ctx.now - k->issued));
    }
  }

  const User* user = c.user;
  if (c.federated_user && c.temp != nullptr) user = FederatingUser(ctx.st, *c.temp);
  if (c.root || (c.federated_user && user == nullptr)) {
    // The account root (or a federation token the root made): never checked.
    out.root = true;
    Set(r, "aws:principaltype", "Account");
    Set(r, "aws:userid", ctx.account);
    return out;
  }
  if (c.role != nullptr) {
    // A role session: the role's policies, its tags, the session's tags and policies.
    out.policies = CollectRolePolicies(ctx.st, *c.role, cache);
    r.session_arn = c.arn;
    Set(r, "aws:principaltype", "AssumedRole");
    Set(r, "aws:userid", c.temp != nullptr ? c.temp->user_id : c.role->id);
    AddTags(r, c.role->tags);
    if (c.temp != nullptr) {
      AddTags(r, c.temp->session_tags);
      if (c.temp->HasSessionPolicy()) {
        out.policies.session = SessionPolicies(ctx.st, *c.temp, cache);
      }
    }
    return out;
  }
  if (user == nullptr) {
    // A session whose role or user is gone: nothing grants it anything.
    Set(r, "aws:principaltype", c.federated_user ? "FederatedUser" : "AssumedRole");
    out.policies.session.emplace();
    return out;
  }
  out.policies = CollectUserPolicies(ctx.st, *user, cache);
  AddTags(r, user->tags);
  if (c.federated_user) {
    r.session_arn = c.arn;
    Set(r, "aws:principaltype", "FederatedUser");
    Set(r, "aws:userid", c.temp->user_id);
    AddTags(r, c.temp->session_tags);
    // Always a session policy set: without one the token has no permissions.
    out.policies.session = SessionPolicies(ctx.st, *c.temp, cache);
    return out;
  }
  Set(r, "aws:principaltype", "User");
  Set(r, "aws:username", user->name);
  Set(r, "aws:userid", user->id);
  return out;
}

Status RequestAuthorizer::Authorize(Ctx& ctx) {
  CallerContext caller = ResolveCallerContext(ctx, cache_);
  if (caller.root) return Status::Ok();
  // AssumeRole: the role's trust policy is the resource-based policy of the request (a trust
  // policy naming the caller's ARN grants without an identity-based allow, same account).
  const Role* role = nullptr;
  if (ctx.req.service == "sts" && ctx.req.action == "AssumeRole") {
    if (const std::string* arn = ctx.Param("RoleArn")) role = StsRoleByArn(ctx, *arn);
  }
  for (const RequiredPermission& p : RequiredPermissions(ctx)) {
    policy::RequestContext request = caller.request;
    request.action = p.action;
    request.resource = p.resource;
    for (const auto& [key, values] : p.keys) request.keys[key] = values;
    policy::PolicySet policies = caller.policies;
    if (role != nullptr && p.action.rfind("sts:", 0) == 0) {
      auto trust =
          cache_.Get(role->trust_policy, PolicySource{RoleArn(ctx, *role), PolicyType::kResource});
      if (trust.ok()) policies.resource.push_back(std::move(trust).value());
    }
    policy::Evaluation e = policy::Evaluate(policies, request);
    if (e.decision != policy::Decision::kAllowed) {
      return AwsError("AccessDenied", 403, AccessDeniedMessage(ctx, caller.arn, p, e));
    }
  }
  return Status::Ok();
}

}  // namespace aic::emulator::state
