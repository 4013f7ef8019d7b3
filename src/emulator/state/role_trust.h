// MatchTrustPolicy: does a role's trust policy (AssumeRolePolicyDocument) let this principal
// call this STS action? The policy engine (policy/policy_engine.h) evaluates the trust policy
// as the resource-based policy of the request, with its Principal / NotPrincipal matching,
// Action / NotAction, every condition operator and the request's condition keys.
//
// The trust policy must allow the caller by itself, whatever the caller's identity-based
// policies say ("the role trust policy ... must allow" for AssumeRole in the same account and
// across accounts, id_roles_manage-assume.html / reference_policies_evaluation-logic-cross-
// account.html): an Allow naming the caller in any form -- its ARN, its role, its account
// (12-digit id or arn:aws:iam::ACCOUNT:root), "*", a service or an identity provider -- counts,
// and any matching Deny refuses. Whether the caller's identity-based policies must allow
// sts:AssumeRole too (they must unless the trust policy names the caller's ARN directly) is
// RequestAuthorizer's part, with IAM enforcement on (request_authorizer.h).
//
// Every action in `actions` must be allowed (AssumeRole + sts:TagSession when tags are passed,
// + sts:SetSourceIdentity when a SourceIdentity is). A document that does not parse allows
// nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace aic::emulator::state {

struct TrustRequest {
  std::vector<std::string> actions;  // e.g. {"sts:AssumeRole", "sts:TagSession"}
  // The AWS principal (empty when the caller is not an AWS principal).
  std::string principal_arn;  // user ARN, role ARN (for a role session), or ...:root
  std::string session_arn;    // the assumed-role / federated-user ARN of a session caller
  std::string account;        // the caller's account id
  std::string service;        // a service principal, e.g. "ec2.amazonaws.com"
  std::string federated;      // a SAML/OIDC provider ARN or a well-known IdP name
  std::string resource;       // the role's ARN ("*" when empty)
  // Condition keys (lower-cased) -> value. Bool keys hold "true" / "false".
  std::map<std::string, std::string> context;
};

enum class TrustDecision { kAllow, kImplicitDeny, kExplicitDeny };

TrustDecision MatchTrustPolicy(const std::string& document, const TrustRequest& request);

}  // namespace aic::emulator::state
