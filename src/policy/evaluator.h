// AWS's policy evaluation logic for one request in one account (policy_engine.h's Evaluate).
//
// Sources:
//  - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//  - .../reference_policies_evaluation-logic_policy-eval-denyallow.html (the flow chart)
//  - .../reference_policies_evaluation-logic_policy-eval-basics.html ("Policy evaluation for
//    requests within a single account": the table of resource-based policies vs permissions
//    boundaries and session policies)
//  - .../reference_policies_evaluation-logic-cross-account.html
//
// A statement applies when its Action/NotAction matches the action (case-insensitive), its
// Resource/NotResource matches the resource (case-sensitive; none given: any resource), for a
// resource-based policy its Principal/NotPrincipal names the caller (principal_match.h), and
// every condition clause holds (condition_operators.h).
//
// Decision:
//  1. Any applicable Deny in any policy (identity, resource, boundary, session) -> explicit
//     deny. The reason names the first kind in that order.
//  2. A resource-based Allow that names the caller directly (an IAM user's ARN, a role or
//     federated session's ARN, a service, an identity provider) -> allowed, whatever the
//     boundary and session policies say. The basics page: "Within an account, an implicit deny
//     in a permissions boundary does not limit the permissions granted to an IAM user by a
//     resource-based policy" / "...does not limit the permissions granted to the ARN of the
//     role session"; and for session policies "A resource-based policy can specify the ARN of
//     the session as a principal ... the session policy does not limit them".
//  3. Otherwise an identity-based Allow, or a resource-based Allow that names the caller only
//     through its role ARN (or "*", or through the user behind a federated session), is
//     limited: the boundary (when set) must allow ("...does limit the permissions granted to
//     the ARN of the underlying IAM role"), then a session policy (when set) must allow.
//     A resource-based Allow naming only the caller's account delegates to identity policies and
//     grants nothing by itself.
//  4. Cross-account (resource_account set and different from principal_account): the
//     resource-based policy must allow (any principal form, the account included) AND the
//     identity-based side must allow (with its boundary and session policy).
//  5. Otherwise implicit deny: kNoIdentityAllow, kNoBoundaryAllow or kNoSessionAllow.
// Matched statements: every applicable Deny for an explicit deny; otherwise every applicable
// identity-based Allow and every resource-based Allow that counted (boundary and session
// statements are not listed). Missing context keys: condition keys and variables of statements
// whose action, resource and principal matched, that the request did not carry.
#pragma once

#include "policy/policy_engine.h"

namespace aic::policy::internal {}  // namespace aic::policy::internal
