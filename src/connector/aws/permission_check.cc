// The connector's IAM permission table and the `test` operation's check of it.
#include "connector/aws/permission_check.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "common/blocking_pool.h"

namespace aic {
namespace {

using R = PermissionResource;

// Every action, with the resource type of AWS's service authorization reference for IAM
// (list_awsidentityandaccessmanagementiam.html) and STS (list_awssecuritytokenservice.html).
const std::vector<ActionPermission>& ActionTable() {
  static const std::vector<ActionPermission> kActions = [] {
    std::vector<ActionPermission> a = {
        {"iam:AddUserToGroup", R::kGroup},
        {"iam:AttachGroupPolicy", R::kGroup},
        {"iam:AttachRolePolicy", R::kRole},
        {"iam:AttachUserPolicy", R::kUser},
        {"iam:CreateGroup", R::kGroup},
        {"iam:CreateLoginProfile", R::kUser},
        {"iam:CreateUser", R::kUser},
        {"iam:DeactivateMFADevice", R::kUser},
        {"iam:DeleteAccessKey", R::kUser},
        {"iam:DeleteGroup", R::kGroup},
        {"iam:DeleteGroupPolicy", R::kGroup},
        {"iam:DeleteLoginProfile", R::kUser},
        {"iam:DeleteServiceSpecificCredential", R::kUser},
        {"iam:DeleteSigningCertificate", R::kUser},
        {"iam:DeleteSSHPublicKey", R::kUser},
        {"iam:DeleteUser", R::kUser},
        {"iam:DeleteUserPermissionsBoundary", R::kUser},
        {"iam:DeleteUserPolicy", R::kUser},
        {"iam:DeleteVirtualMFADevice", R::kMfa},
        {"iam:DetachGroupPolicy", R::kGroup},
        {"iam:DetachRolePolicy", R::kRole},
        {"iam:DetachUserPolicy", R::kUser},
        {"iam:GetAccountAuthorizationDetails", R::kAll},
        {"iam:GenerateCredentialReport", R::kAll},
        {"iam:GetAccountPasswordPolicy", R::kAll},
        {"iam:GetAccountSummary", R::kAll},
        {"iam:GetCredentialReport", R::kAll},
        {"iam:GetGroup", R::kGroup},
        {"iam:GetLoginProfile", R::kUser},
        {"iam:GetPolicy", R::kPolicy},
        {"iam:GetPolicyVersion", R::kPolicy},
        {"iam:GetRole", R::kRole},
        {"iam:GetUser", R::kUser},
        {"iam:ListAccessKeys", R::kUser},
        {"iam:ListAttachedGroupPolicies", R::kGroup},
        {"iam:ListAttachedRolePolicies", R::kRole},
        {"iam:ListAttachedUserPolicies", R::kUser},
        {"iam:ListGroupPolicies", R::kGroup},
        {"iam:ListGroups", R::kAll},
        {"iam:ListGroupsForUser", R::kUser},
        {"iam:ListInstanceProfilesForRole", R::kRole},
        {"iam:ListMFADevices", R::kUser},
        {"iam:ListOpenIDConnectProviders", R::kAll},
        {"iam:ListPolicies", R::kAll},
        {"iam:ListRolePolicies", R::kRole},
        {"iam:ListRoles", R::kAll},
        {"iam:ListSAMLProviders", R::kAll},
        {"iam:ListServerCertificates", R::kAll},
        {"iam:ListServiceSpecificCredentials", R::kUser},
        {"iam:ListSigningCertificates", R::kUser},
        {"iam:ListSSHPublicKeys", R::kUser},
        {"iam:ListUserPolicies", R::kUser},
        {"iam:ListUsers", R::kAll},
        {"iam:PutUserPermissionsBoundary", R::kUser},
        {"iam:RemoveUserFromGroup", R::kGroup},
        // Authorised on the simulated principal (user, group or role); its own successful
        // call proves it.
        {"iam:SimulatePrincipalPolicy", R::kUser, false},
        {"iam:TagUser", R::kUser},
        {"iam:UntagUser", R::kUser},
        {"iam:UpdateAccessKey", R::kUser},
        {"iam:UpdateGroup", R::kGroup},
        {"iam:UpdateLoginProfile", R::kUser},
        {"iam:UpdateUser", R::kUser},
        // "No permissions are required to perform this operation" (GetCallerIdentity's API
        // reference): even an explicit deny does not stop it.
        {"sts:GetCallerIdentity", R::kAll, false},
    };
    std::sort(a.begin(), a.end(), [](const ActionPermission& x, const ActionPermission& y) {
      return x.action < y.action;
    });
    return a;
  }();
  return kActions;
}

// The uses, in SPEC section 4's order. Derived from the calls in src/connector/aws/*.cc.
const std::vector<PermissionUse>& UseTable() {
  static const std::vector<PermissionUse> kUses = {
      // ---- __ACCOUNT__ (SPEC 4.1-4.6) ----
      {"account.create",
       "create __ACCOUNT__ (CreateUser with Path, Tags, PermissionsBoundary; the connector's "
       "create-marker tag is always sent, so AWS also checks iam:TagUser; GetUser settles a "
       "lost answer)",
       {"iam:CreateUser", "iam:TagUser", "iam:GetUser"}},
      {"account.create.password",
       "create __ACCOUNT__ with __PASSWORD__ (password policy check, login profile)",
       {"iam:GetAccountPasswordPolicy", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"}},
      {"account.create.groups", "create __ACCOUNT__ with groups", {"iam:AddUserToGroup"}},
      {"account.create.policies", "create __ACCOUNT__ with policies", {"iam:AttachUserPolicy"}},
      {"account.create.rollback",
       "create __ACCOUNT__: undo what a failed create made",
       {"iam:RemoveUserFromGroup", "iam:DetachUserPolicy", "iam:DeleteLoginProfile",
        "iam:DeleteUser"}},
      {"account.read",
       "read __ACCOUNT__ (UserId, Arn, Path, CreatedDate, PasswordLastUsed, "
       "PermissionsBoundary, Tags, __ENABLE__) and query by __NAME__ or _id",
       {"iam:GetUser"}},
      {"account.read.groups", "read __ACCOUNT__ groups, groupIds", {"iam:ListGroupsForUser"}},
      {"account.read.policies", "read __ACCOUNT__ policies", {"iam:ListAttachedUserPolicies"}},
      {"account.read.inlinePolicies", "read __ACCOUNT__ inlinePolicies", {"iam:ListUserPolicies"}},
      {"account.read.PasswordResetRequired",
       "read __ACCOUNT__ PasswordResetRequired",
       {"iam:GetLoginProfile"}},
      {"account.read.accessKeys", "read __ACCOUNT__ accessKeys", {"iam:ListAccessKeys"}},
      {"account.read.mfaDevices", "read __ACCOUNT__ mfaDevices", {"iam:ListMFADevices"}},
      {"account.query", "query __ACCOUNT__ (query-all-ids, filters, Path sw)", {"iam:ListUsers"}},
      {"account.query.full",
       "query __ACCOUNT__ with groups, policies or inlinePolicies (full read)",
       {"iam:GetAccountAuthorizationDetails", "iam:ListUsers"}},
      {"account.query.groupIds", "query __ACCOUNT__ with groupIds", {"iam:ListGroups"}},
      {"account.update.name", "update __ACCOUNT__ __NAME__ or Path", {"iam:UpdateUser"}},
      {"account.update.PermissionsBoundary",
       "update __ACCOUNT__ PermissionsBoundary",
       {"iam:PutUserPermissionsBoundary", "iam:DeleteUserPermissionsBoundary"}},
      {"account.update.Tags", "update __ACCOUNT__ Tags", {"iam:TagUser", "iam:UntagUser"}},
      {"account.update.groups",
       "update __ACCOUNT__ groups",
       {"iam:ListGroupsForUser", "iam:AddUserToGroup", "iam:RemoveUserFromGroup"}},
      {"account.update.policies",
       "update __ACCOUNT__ policies",
       {"iam:ListAttachedUserPolicies", "iam:AttachUserPolicy", "iam:DetachUserPolicy"}},
      {"account.password",
       "password reset (__PASSWORD__ by PUT or PATCH; CreateLoginProfile when the user has none)",
       {"iam:GetAccountPasswordPolicy", "iam:UpdateLoginProfile", "iam:CreateLoginProfile"}},
      {"account.update.PasswordResetRequired",
       "update __ACCOUNT__ PasswordResetRequired",
       {"iam:UpdateLoginProfile"}},
      {"account.disable",
       "disable __ACCOUNT__ (__ENABLE__=false: the reserved tag records the keys deactivated and "
       "the console access removed)",
       {"iam:GetUser", "iam:ListAccessKeys", "iam:GetLoginProfile", "iam:TagUser",
        "iam:UpdateAccessKey", "iam:DeleteLoginProfile"}},
      {"account.enable",
       "enable __ACCOUNT__ (__ENABLE__=true: reactivates the recorded keys, removes the tag)",
       {"iam:GetUser", "iam:UpdateAccessKey", "iam:UntagUser"}},
      {"account.delete", "delete __ACCOUNT__ with nothing attached", {"iam:DeleteUser"}},
      {"account.delete.cascade",
       "delete __ACCOUNT__ with attachments (cascadeDelete, SPEC 4.4: list, then remove each)",
       {"iam:GetLoginProfile",
        "iam:ListAccessKeys",
        "iam:ListSigningCertificates",
        "iam:ListSSHPublicKeys",
        "iam:ListServiceSpecificCredentials",
        "iam:ListMFADevices",
        "iam:ListUserPolicies",
        "iam:ListAttachedUserPolicies",
        "iam:ListGroupsForUser",
        "iam:DeleteLoginProfile",
        "iam:DeleteAccessKey",
        "iam:DeleteSigningCertificate",
        "iam:DeleteSSHPublicKey",
        "iam:DeleteServiceSpecificCredential",
        "iam:DeactivateMFADevice",
        "iam:DeleteVirtualMFADevice",
        "iam:DeleteUserPolicy",
        "iam:DetachUserPolicy",
        "iam:RemoveUserFromGroup",
        "iam:DeleteUser"}},
      // ---- __GROUP__ ----
      {"group.create",
       "create __GROUP__ (GetGroup and the policy listings settle a lost answer)",
       {"iam:CreateGroup", "iam:GetGroup", "iam:ListAttachedGroupPolicies",
        "iam:ListGroupPolicies"}},
      {"group.create.policies", "create __GROUP__ with policies", {"iam:AttachGroupPolicy"}},
      {"group.create.members", "create __GROUP__ with members", {"iam:AddUserToGroup"}},
      {"group.create.rollback",
       "create __GROUP__: undo what a failed create made",
       {"iam:RemoveUserFromGroup", "iam:DetachGroupPolicy", "iam:DeleteGroup"}},
      {"group.read", "read __GROUP__ (and members, memberIds)", {"iam:GetGroup"}},
      {"group.read.policies", "read __GROUP__ policies", {"iam:ListAttachedGroupPolicies"}},
      {"group.read.inlinePolicies", "read __GROUP__ inlinePolicies", {"iam:ListGroupPolicies"}},
      {"group.query", "query __GROUP__", {"iam:ListGroups"}},
      {"group.query.full",
       "query __GROUP__ with policies or inlinePolicies",
       {"iam:GetAccountAuthorizationDetails"}},
      {"group.update.name", "update __GROUP__ __NAME__ or Path", {"iam:UpdateGroup"}},
      {"group.update.policies",
       "update __GROUP__ policies",
       {"iam:ListAttachedGroupPolicies", "iam:AttachGroupPolicy", "iam:DetachGroupPolicy"}},
      {"group.update.members",
       "update __GROUP__ members",
       {"iam:GetGroup", "iam:AddUserToGroup", "iam:RemoveUserFromGroup"}},
      {"group.delete", "delete __GROUP__ that is empty", {"iam:DeleteGroup"}},
      {"group.delete.cascade",
       "delete __GROUP__ with members or policies (cascadeDelete)",
       {"iam:GetGroup", "iam:ListAttachedGroupPolicies", "iam:ListGroupPolicies",
        "iam:RemoveUserFromGroup", "iam:DetachGroupPolicy", "iam:DeleteGroupPolicy",
        "iam:DeleteGroup"}},
      // ---- __POLICY__ ----
      {"policy.read", "read __POLICY__", {"iam:GetPolicy"}},
      {"policy.read.document", "read or query __POLICY__ document", {"iam:GetPolicyVersion"}},
      {"policy.query", "query __POLICY__", {"iam:ListPolicies"}},
      // ---- __ROLE__ (SPEC 11) ----
      {"role.read",
       "read __ROLE__ (RoleId, Arn, Path, Description, MaxSessionDuration, CreatedDate, "
       "RoleLastUsed, PermissionsBoundary, Tags, assumeRolePolicy, trustedPrincipals, "
       "serviceLinked) and query by __NAME__ or _id",
       {"iam:GetRole"}},
      {"role.read.policies", "read __ROLE__ policies", {"iam:ListAttachedRolePolicies"}},
      {"role.read.inlinePolicies", "read __ROLE__ inlinePolicies", {"iam:ListRolePolicies"}},
      {"role.read.instanceProfiles",
       "read __ROLE__ instanceProfiles",
       {"iam:ListInstanceProfilesForRole"}},
      {"role.query", "query __ROLE__ (query-all-ids, filters, Path sw)", {"iam:ListRoles"}},
      {"role.query.full",
       "query __ROLE__ with list-valued or trust attributes (full read)",
       {"iam:GetAccountAuthorizationDetails"}},
      {"role.update.policies",
       "update __ROLE__ policies (attach and detach by difference)",
       {"iam:ListAttachedRolePolicies", "iam:AttachRolePolicy", "iam:DetachRolePolicy"}},
      // ---- Usage (SPEC 11) ----
      {"account.read.usage",
       "read __ACCOUNT__ mfaActive, passwordEnabled, passwordLastChanged, passwordNextRotation, "
       "lastActivity, accessKeyUsage (the credential report)",
       {"iam:GenerateCredentialReport", "iam:GetCredentialReport"}},
      // ---- Full import, review, test ----
      {"import",
       "full import and review (users, groups, roles, policies, instance profiles, identity "
       "providers, server certificates, assignments, trust and usage)",
       {"iam:GetAccountAuthorizationDetails", "iam:GetAccountSummary",
        "iam:GetAccountPasswordPolicy", "iam:GenerateCredentialReport", "iam:GetCredentialReport",
        "iam:ListSAMLProviders", "iam:ListOpenIDConnectProviders", "iam:ListServerCertificates"}},
      {"test",
       "test (credentials check, caller identity, this permission check)",
       {"iam:ListUsers", "sts:GetCallerIdentity", "iam:SimulatePrincipalPolicy"}},
      {"test.role",
       "test when the connector runs as an assumed role (the role's path)",
       {"iam:GetRole"},
       true},
  };
  return kUses;
}

std::string_view AfterPrefix(std::string_view s, std::string_view prefix) {
  return s.starts_with(prefix) ? s.substr(prefix.size()) : std::string_view();
}

// SimulatePrincipalPolicy for `actions` on one resource, every page.
Task<Result<std::vector<EvaluationResult>>> Simulate(IamClient& iam, const std::string& source,
                                                     const std::vector<std::string>& actions,
                                                     const std::string& resource) {
  SimulationRequest request;
  request.policy_source_arn = source;
  request.action_names = actions;
  request.resource_arns = {resource};
  co_return co_await ListAll(
      [&](const PageRequest& p) { return iam.SimulatePrincipalPolicy(request, p); }, kIamMaxItems);
}

// The role's ARN with its path (iam:GetRole), or GetRole's error.
Task<Result<std::string>> RoleArn(IamClient& iam, const std::string& role_name) {
  auto role = co_await iam.GetRole(role_name);
  if (!role.ok()) co_return role.status();
  if (role->arn.empty())
    co_return Status(ErrorCode::kInternal, "GetRole: response has no Role.Arn");
  co_return role->arn;
}

std::string Why(const Status& s) {
  return s.message() + (s.aws() ? " (" + s.aws()->action + ": " + s.aws()->code + ")" : "");
}

}  // namespace

const std::vector<PermissionUse>& ConnectorPermissionUses() { return UseTable(); }

const std::vector<ActionPermission>& ConnectorActions() { return ActionTable(); }

const ActionPermission* FindConnectorAction(std::string_view action) {
  const auto& a = ActionTable();
  auto it = std::lower_bound(a.begin(), a.end(), action,
                             [](const ActionPermission& p, auto v) { return p.action < v; });
  return it != a.end() && it->action == action ? &*it : nullptr;
}

std::string ResourceArnFor(PermissionResource resource, std::string_view account) {
  const std::string base = "arn:aws:iam::" + std::string(account) + ":";
  switch (resource) {
    case R::kAll:
      return "*";
    case R::kUser:
      return base + "user/*";
    case R::kGroup:
      return base + "group/*";
    case R::kPolicy:
      return base + "policy/*";
    case R::kMfa:
      return base + "mfa/*";
    case R::kRole:
      return base + "role/*";
  }
  return "*";
}

SimulationPrincipal ClassifyCaller(std::string_view arn) {
  SimulationPrincipal out;
  // arn:PARTITION:SERVICE::ACCOUNT:RESOURCE
  std::vector<std::string_view> parts;
  std::string_view rest = arn;
  for (int i = 0; i < 5; ++i) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) return out;
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  if (parts[0] != "arn") return out;
  const std::string partition(parts[1]);
  out.account = std::string(parts[4]);
  if (parts[2] == "iam") {
    if (rest == "root") {
      out.kind = SimulationPrincipal::Kind::kRoot;
    } else if (rest.starts_with("user/")) {
      out.kind = SimulationPrincipal::Kind::kUser;
      out.arn = std::string(arn);
    }
    return out;
  }
  if (parts[2] != "sts") return out;
  if (std::string_view session = AfterPrefix(rest, "assumed-role/"); !session.empty()) {
    auto slash = session.find('/');
    if (slash == 0 || slash == std::string_view::npos) return out;
    out.kind = SimulationPrincipal::Kind::kRole;
    out.role_name = std::string(session.substr(0, slash));
    out.arn = "arn:" + partition + ":iam::" + out.account + ":role/" + out.role_name;
  } else if (rest.starts_with("federated-user/")) {
    out.kind = SimulationPrincipal::Kind::kFederated;
  }
  return out;
}

nlohmann::json PermissionCheckJson(const PermissionCheckResult& r) {
  nlohmann::json out = {{"checked", r.checked}, {"principal", r.principal}};
  if (!r.simulated_arn.empty()) out["simulatedArn"] = r.simulated_arn;
  if (!r.checked) out["reason"] = r.reason;
  if (r.checked) {
    out["actionsChecked"] = r.actions_checked;
    nlohmann::json missing = nlohmann::json::array();
    for (const MissingPermission& m : r.missing) {
      missing.push_back({{"action", m.action},
                         {"resource", m.resource},
                         {"decision", m.decision},
                         {"neededFor", m.needed_for}});
    }
    out["missing"] = std::move(missing);
  }
  if (!r.notes.empty()) out["notes"] = r.notes;
  return out;
}

std::string MissingPermissionsMessage(const PermissionCheckResult& r) {
  if (r.missing.empty()) return "";
  std::string out = "missing IAM permissions: ";
  for (std::size_t i = 0; i < r.missing.size(); ++i) {
    if (i > 0) out += ", ";
    out += r.missing[i].action;
  }
  out += " (see permissions.missing and docs/permissions.md)";
  return out;
}

Task<PermissionCheckResult> CheckConnectorPermissions(IamClient& iam,
                                                      CallerIdentityFn caller_identity) {
  PermissionCheckResult out;
  if (!caller_identity) {
    out.reason = "permissions not checked: no STS client to ask for the caller identity";
    co_return out;
  }
  Result<CallerIdentity> who = co_await BlockingPool::Shared().Run(caller_identity);
  if (!who.ok()) {
    out.reason = "permissions not checked: sts:GetCallerIdentity failed: " + Why(who.status());
    co_return out;
  }
  out.principal = who->arn;
  SimulationPrincipal principal = ClassifyCaller(who->arn);
  using Kind = SimulationPrincipal::Kind;
  switch (principal.kind) {
    case Kind::kRoot:
      out.reason =
          "permissions not checked: the account's root user cannot be simulated "
          "(iam:SimulatePrincipalPolicy takes a user, group or role); root may call every IAM "
          "action";
      co_return out;
    case Kind::kFederated:
      out.reason =
          "permissions not checked: a federated user's session policy cannot be simulated with "
          "iam:SimulatePrincipalPolicy";
      co_return out;
    case Kind::kUnknown:
      out.reason = "permissions not checked: the caller ARN " + who->arn +
                   " is not an IAM user or an assumed role";
      co_return out;
    case Kind::kUser:
    case Kind::kRole:
      break;
  }
  const bool is_role = principal.kind == Kind::kRole;
  out.simulated_arn = principal.arn;
  if (is_role) {
    auto arn = co_await RoleArn(iam, principal.role_name);
    if (arn.ok()) {
      out.simulated_arn = *arn;
    } else {
      out.notes.push_back("iam:GetRole failed (" + Why(arn.status()) +
                          "): the role is simulated as " + principal.arn +
                          " (path \"/\"); a role with another path cannot be simulated so");
    }
  }

  // The actions to simulate, grouped by resource ARN, and what each is needed for.
  std::map<std::string, std::vector<std::string>> uses_of;
  for (const PermissionUse& use : UseTable()) {
    if (use.role_principal_only && !is_role) continue;
    for (std::string_view a : use.actions) uses_of[std::string(a)].emplace_back(use.description);
  }
  std::map<std::string, std::vector<std::string>> by_resource;
  for (const auto& [action, uses] : uses_of) {
    const ActionPermission* p = FindConnectorAction(action);
    if (p == nullptr || !p->simulated) continue;
    by_resource[ResourceArnFor(p->resource, principal.account)].push_back(action);
    ++out.actions_checked;
  }
  // AWS matches action names without case; the verdicts are keyed so too.
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::map<std::string, std::string> canonical;  // lower-case -> the table's spelling
  for (const auto& [action, uses] : uses_of) canonical[lower(action)] = action;
  std::set<std::string> decided;  // lower-case
  for (const auto& [resource, actions] : by_resource) {
    auto results = co_await Simulate(iam, out.simulated_arn, actions, resource);
    if (!results.ok()) {
      out.reason =
          "permissions not checked: iam:SimulatePrincipalPolicy failed: " + Why(results.status());
      out.missing.clear();
      out.actions_checked = 0;
      co_return out;
    }
    for (const EvaluationResult& e : *results) {
      auto known = canonical.find(lower(e.action_name));
      if (known == canonical.end()) continue;              // not asked for
      if (!decided.insert(known->first).second) continue;  // one verdict per action
      if (e.decision == "allowed") continue;
      out.missing.push_back(
          MissingPermission{known->second, resource, e.decision, uses_of[known->second]});
    }
  }
  // An action the simulation did not answer is not known to be allowed.
  for (const auto& [resource, actions] : by_resource) {
    for (const std::string& a : actions) {
      if (decided.count(lower(a)) == 0) {
        out.missing.push_back(MissingPermission{a, resource, "notEvaluated", uses_of[a]});
      }
    }
  }
  std::sort(
      out.missing.begin(), out.missing.end(),
      [](const MissingPermission& x, const MissingPermission& y) { return x.action < y.action; });
  out.checked = true;
  co_return out;
}

}  // namespace aic
