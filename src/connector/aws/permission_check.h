// The IAM permissions the connector needs (SPEC section 12), in one table, and the `test`
// operation's check of them with iam:SimulatePrincipalPolicy.
//
// ConnectorPermissionUses() is the one home of "which IAM actions each connector operation and
// attribute needs", derived from the calls src/connector/aws/*.cc make (and held to the exact
// call counts of tests/connector_budget_test.cc). docs/permissions.md shows the same table;
// permission_check_test.cc fails when the two differ. ConnectorActions() lists each action once
// with the resource type AWS's service authorization reference authorises it on.
//
// CheckConnectorPermissions (the `test` operation, after the credentials check):
//   1. sts:GetCallerIdentity (AWS allows it to every identity) gives the caller ARN;
//   2. the ARN to simulate: an IAM user's ARN as it is; an assumed-role session
//      arn:aws:sts::A:assumed-role/R/S maps to the role arn:aws:iam::A:role/<path>R, the path
//      read with iam:GetRole (when GetRole is refused, the path "/" is assumed and a note says
//      so); the root user and federated users cannot be simulated (checked=false, with why);
//   3. iam:SimulatePrincipalPolicy(PolicySourceArn = that ARN, ActionNames = every simulated
//      action of the table), one call per resource type (ResourceArns = the one ARN of that type,
//      e.g. arn:aws:iam::A:user/*), following IsTruncated/Marker with MaxItems kIamMaxItems:
//      kSimulationCalls calls for a user or role principal (when no page is truncated);
//   4. every action whose decision is not "allowed" is missing, with its decision and the
//      operations that need it.
// When the simulation is refused or fails, checked=false and `reason` says why (the caller's
// `ok` stays what the credentials check said).
// Limits: the simulation evaluates the identity's policies (and boundary) with no condition
// context (AWS reports conditions it cannot decide in missingContextValues); SCPs and resource
// policies are AWS's business; the connector's Lua scripts make raw calls not listed here.
//
// Thread safety: the tables are immutable; CheckConnectorPermissions is reentrant.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/sts_client.h"
#include "aws_iam_connector/task.h"

namespace aic {

// The resource type an action is authorised on (service authorization reference), simulated as
// the ARN ResourceArnFor() gives.
enum class PermissionResource { kAll, kUser, kGroup, kPolicy, kMfa, kRole };

struct ActionPermission {
  std::string_view action;  // "iam:CreateUser"
  PermissionResource resource;
  // false: not simulated, because AWS allows it to everyone (sts:GetCallerIdentity) or the
  // check's own successful call proves it (iam:SimulatePrincipalPolicy).
  bool simulated = true;
};

struct PermissionUse {
  std::string_view id;           // "account.create", "group.delete.cascade", ...
  std::string_view description;  // what it is needed for, in the words of SPEC section 4
  std::vector<std::string_view> actions;
  // Only needed when the connector runs as an assumed role (iam:GetRole for the role's path).
  bool role_principal_only = false;
};

// Every use, in SPEC section 4's order. Each action of a use is in ConnectorActions().
const std::vector<PermissionUse>& ConnectorPermissionUses();
// Every action any use needs, once each, sorted by name.
const std::vector<ActionPermission>& ConnectorActions();
// The action's entry, or nullptr.
const ActionPermission* FindConnectorAction(std::string_view action);
// "*", "arn:aws:iam::ACCOUNT:user/*", ".../group/*", ".../policy/*", ".../mfa/*", ".../role/*".
std::string ResourceArnFor(PermissionResource resource, std::string_view account);

// SimulatePrincipalPolicy calls of one check (of a user or a role principal), when no page is
// truncated: one per resource type among the simulated actions (user, group, policy, role, mfa
// and "*").
inline constexpr int kSimulationCalls = 6;

// What a caller ARN is simulated as.
struct SimulationPrincipal {
  enum class Kind { kUser, kRole, kRoot, kFederated, kUnknown } kind = Kind::kUnknown;
  std::string account;    // "123456789012"
  std::string arn;        // the ARN to simulate (user: as given; role: arn:aws:iam::A:role/R)
  std::string role_name;  // kRole: R (its path is not in the session ARN)
};
SimulationPrincipal ClassifyCaller(std::string_view caller_arn);

struct MissingPermission {
  std::string action;                   // "iam:TagUser"
  std::string resource;                 // the simulated resource ARN
  std::string decision;                 // "implicitDeny" | "explicitDeny"
  std::vector<std::string> needed_for;  // descriptions of the uses that need it
};

struct PermissionCheckResult {
  bool checked = false;
  std::string principal;      // the caller ARN (GetCallerIdentity)
  std::string simulated_arn;  // PolicySourceArn
  std::string reason;         // why not checked (checked == false)
  int actions_checked = 0;
  std::vector<MissingPermission> missing;  // sorted by action
  std::vector<std::string> notes;          // e.g. the role path assumed
};

// {"checked": bool, "principal": ..., "simulatedArn": ..., "actionsChecked": N,
//  "missing": [{"action", "resource", "decision", "neededFor": [...]}], "reason"?, "notes"?}
nlohmann::json PermissionCheckJson(const PermissionCheckResult& result);
// "missing IAM permissions: iam:A (create __ACCOUNT__; ...), iam:B (...)"; empty when none.
std::string MissingPermissionsMessage(const PermissionCheckResult& result);

// Blocking: run on the BlockingPool by CheckConnectorPermissions.
using CallerIdentityFn = std::function<Result<CallerIdentity>()>;

// See the file comment. Never fails: problems end in checked=false with a reason.
Task<PermissionCheckResult> CheckConnectorPermissions(IamClient& iam,
                                                      CallerIdentityFn caller_identity);

}  // namespace aic
