// MatchTrustPolicy: does a role's trust policy (AssumeRolePolicyDocument) let this principal
// call this STS action? Pure logic, no state; a small stand-in until the full policy engine.
//
// Evaluation (AWS's rules for a resource-based policy, reduced to trust policies):
// - Statement is an object or an array of objects; each has Effect "Allow" or "Deny".
// - A statement applies when its Principal matches the caller (NotPrincipal: a Deny applies to
//   every principal not listed; an Allow with NotPrincipal never allows), its Action (or
//   NotAction) matches the action (case-insensitive, * and ? wildcards), and every Condition
//   holds.
// - Principal: "*" (anyone), or an object of "AWS" / "Service" / "Federated", each a string or
//   an array. AWS values: "*", a 12-digit account id or arn:PARTITION:iam::ACCOUNT:root (any
//   principal of that account), a user or role ARN (exact; a role ARN matches that role's
//   sessions), an assumed-role session ARN (exact). Service: the calling service principal.
//   Federated: the SAML / OIDC provider ARN or a well-known IdP name (accounts.google.com, ...).
// - Condition: {"Operator": {"key": value-or-array}}. Operators: StringEquals,
//   StringNotEquals, StringLike (* and ?), Bool. Keys are case-insensitive: sts:ExternalId,
//   sts:RoleSessionName, sts:SourceIdentity, aws:PrincipalArn, aws:PrincipalAccount,
//   aws:PrincipalType, aws:MultiFactorAuthPresent (Bool only), saml:aud, saml:sub,
//   saml:sub_type, saml:iss, and OIDC keys "HOST[/PATH]:aud|sub|amr" (a key whose prefix
//   holds a '.'). A key absent from the request fails StringEquals / StringLike / Bool and
//   satisfies StringNotEquals (AWS's rule for negated operators).
// - Unsupported (an operator such as ...IfExists, ForAnyValue:..., Date..., Numeric..., or a
//   key outside the list, or a value that is not a string/bool/array of them): the condition
//   is false in an Allow (nothing is granted) and true in a Deny (the Deny applies): whatever
//   the matcher cannot decide denies.
// - An applicable Deny wins over any Allow; without an applicable Allow the answer is deny.
//   Every action in `actions` must be allowed (AssumeRole + sts:TagSession when tags are
//   passed, + sts:SetSourceIdentity when a SourceIdentity is).
//
// A document that is not JSON, or whose Statement is missing or malformed, allows nothing.
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
  // Condition keys (lower-cased) -> value. Bool keys hold "true" / "false".
  std::map<std::string, std::string> context;
};

enum class TrustDecision { kAllow, kImplicitDeny, kExplicitDeny };

TrustDecision MatchTrustPolicy(const std::string& document, const TrustRequest& request);

// AWS's StringLike: '*' any run of characters, '?' exactly one; case-sensitive.
bool WildcardMatch(std::string_view pattern, std::string_view value);

}  // namespace aic::emulator::state
