// RequestAuthorizer: the emulator's IAM enforcement (BackendOptions::enforce_iam, the
// `emulator --enforce-iam` flag, on in serve's embedded emulator). Before an IAM or STS action
// runs, the caller's policies are evaluated (policy/policy_engine.h) for every permission the
// request needs (action_authorization.h); the first one denied answers AccessDenied (403,
// Type Sender) in AWS's words, and the action does not run.
//
// Who is checked (the caller as ResolveCaller in sts_session.h sees it):
//  - the account root (the seed key test/test, any key of any-key mode, a root session) never;
//  - an IAM user: its inline and attached policies, its groups', its permissions boundary
//    (CollectUserPolicies);
//  - a GetSessionToken session: as the user (aws:MultiFactorAuthPresent true when it was made
//    with MFA);
//  - a role session (AssumeRole*): the role's policies and boundary (CollectRolePolicies), and
//    the session policies (Policy, PolicyArns) as PolicySet::session when it was given any;
//  - a GetFederationToken session: the user's policies, with the session policies as
//    PolicySet::session -- always set, empty when none were passed, so such a session has no
//    permissions (AWS: "If you do not pass a policy to this operation, the resulting temporary
//    credentials have no effective permissions", GetFederationToken API reference).
//  Actions that need no permission (RequiredPermissions is empty: sts:GetCallerIdentity,
//  sts:GetSessionToken, the unsigned AssumeRoleWithSAML / AssumeRoleWithWebIdentity; sources in
//  action_authorization.h) are not checked.
//
// Global condition keys (reference_policies_condition-keys.html), lower-cased names:
//  aws:username (IAM users and their GetSessionToken sessions only), aws:userid, aws:principalarn
//  (the role's ARN for a role session), aws:principalaccount, aws:principaltype (User,
//  AssumedRole, FederatedUser), aws:principaltag/KEY (user or role tags, overridden by session
//  tags), aws:currenttime (ISO 8601 UTC), aws:epochtime, aws:securetransport (false: the
//  emulator serves plain HTTP), aws:sourceip (the client's address from the front),
//  aws:requestedregion (the signing region), aws:viaawsservice and aws:principalisawsservice
//  (false); with temporary credentials only: aws:multifactorauthpresent, aws:tokenissuetime,
//  and aws:multifactorauthage when MFA was used. aws:CalledVia*, aws:SourceVpc*,
//  aws:PrincipalOrg*, aws:SourceIdentity, aws:FederatedProvider are absent.
//
// Messages (troubleshoot_access-denied.html; responses recorded against AWS):
//  "User: CALLER is not authorized to perform: ACTION on resource: RESOURCE" followed by
//  " because no identity-based policy allows the ACTION action",
//  " because no permissions boundary allows the ACTION action",
//  " because no session policy allows the ACTION action",
//  " with an explicit deny in an identity-based policy" (": POLICY-ARN" when a managed policy
//  denied), " ... in a permissions boundary", " ... in a session policy",
//  " ... in a resource-based policy". CALLER is the user ARN, the session ARN
//  (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, federated-user/NAME). RESOURCE is the ARN,
//  "*", or IAM's short form for an entity addressed by name ("user NAME", "group NAME",
//  "role NAME", "policy NAME" for CreatePolicy) -- see MessageResource in the .cc. The AssumeRole
//  calls keep AWS's shorter message "User: CALLER is not authorized to perform: sts:AssumeRole
//  on resource: ROLE-ARN".
//
// Order: the front authenticates; then the model's input validation (ValidationError) runs;
// then this check; then the action (NoSuchEntity and the rest): AWS answers AccessDenied for
// an unknown user named in a call the caller may not make (recorded: "iam:CreateAccessKey on
// resource: user scp-probe-does-not-exist with an explicit deny ...").
//
// Thread safety: Authorize reads the state and must run under IamBackend's lock (shared is
// enough); the policy cache has its own mutex.
#pragma once

#include <optional>
#include <string>

#include "aws_iam_connector/status.h"
#include "emulator/state/action_authorization.h"
#include "emulator/state/action_context.h"
#include "emulator/state/principal_policies.h"
#include "policy/policy_engine.h"

namespace aic::emulator::state {

class RequestAuthorizer {
 public:
  // OK when the caller may make the request in `ctx`, else an AccessDenied Status (403).
  Status Authorize(Ctx& ctx);

 private:
  PolicyCache cache_;
};

// The parts of the answer, for tests and for Simulate*: the AccessDenied message for a denied
// evaluation of `permission` by `caller_arn` (the caller as AWS names it).
std::string AccessDeniedMessage(const Ctx& ctx, std::string_view caller_arn,
                                const RequiredPermission& permission,
                                const policy::Evaluation& evaluation);

// The request's global condition keys for the caller (see above), without the action's own.
struct CallerContext {
  bool root = false;               // never checked
  std::string arn;                 // the caller as the message names it
  policy::RequestContext request;  // principal fields and global keys
  policy::PolicySet policies;
};
CallerContext ResolveCallerContext(Ctx& ctx, PolicyCache& cache);

}  // namespace aic::emulator::state
