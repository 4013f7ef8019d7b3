// Matching a resource-based policy's Principal / NotPrincipal against the caller
// (reference_policies_elements_principal.html, reference_policies_elements_notprincipal.html).
//
// Principal values and how strongly they name the caller:
//  - kDirect: the caller is named exactly -- an IAM user's ARN (no session), the role session's
//    ARN (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), the federated user session's ARN, the
//    calling service ({"Service": ...}), the calling identity provider ({"Federated": ...}).
//    A resource-based Allow of this kind is not limited by a permissions boundary or session
//    policy (evaluator.h);
//  - kLimited: the caller is named through its role (the role ARN of a role session), through
//    the user ARN behind a federated user session, by "*" / {"AWS": "*"}, or by NotPrincipal;
//    such an Allow still needs the boundary and session policy to allow;
//  - kAccount: the caller's account (the 12-digit id or arn:PARTITION:iam::ACCOUNT:root). In the
//    same account this does not grant by itself: it delegates to identity-based policies.
//    ("When you specify an AWS account in the Principal element ... the account's
//    administrators must also grant permissions to identities in that account", and the same
//    holds within the account: the statement names every principal of the account.)
// NotPrincipal: the statement applies to every caller that is not excluded; a caller is excluded
// only when every identity it has is listed -- its account, its user or role ARN and its session
// ARN ("When you use NotPrincipal with Deny, you must also specify the account ARN of the
// not-denied principal" and "you must also specify the ARN of the role ... and the assumed-role
// session"); a service or identity provider is excluded when it is listed.
// Wildcards inside principal ARNs are not matched (AWS allows only "*" on its own).
#pragma once

#include "policy/policy_document.h"
#include "policy/policy_engine.h"

namespace aic::policy::internal {

enum class PrincipalMatch { kNone, kAccount, kLimited, kDirect };

PrincipalMatch MatchPrincipal(const PrincipalElement& principal, const RequestContext& request);

}  // namespace aic::policy::internal
