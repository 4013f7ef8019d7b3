// Trust policies decoded into who may assume a role (SPEC 11: `trustedPrincipals` of
// `__ROLE__`, the `role-trust` edges of the full import, the trust checks of `review`).
//
// DecodeTrustPolicy reads a role's AssumeRolePolicyDocument (already URL-decoded JSON) and
// returns one TrustedPrincipal per principal value of every statement that lets someone assume
// the role (statements and values in document order, the types of one Principal by name):
//   - only statements with "Effect": "Allow" whose Action (string or list) matches
//     sts:AssumeRole, sts:AssumeRoleWithSAML or sts:AssumeRoleWithWebIdentity (IAM wildcards
//     `*` and `?`, without case: "sts:*", "sts:AssumeRole*", "*"), or whose NotAction leaves
//     one of them out, count;
//   - "Principal": "*" is one entry {type "AWS", principal "*"}; "Principal": {TYPE: value or
//     [values]} gives one entry per value; TYPE is "AWS", "Service", "Federated",
//     "CanonicalUser" (another key is kept as written);
//   - "NotPrincipal" (Allow everyone but the named ones) gives one entry per named principal,
//     each with `wildcard` and `external` set: the entry names the one left out, the grant
//     covers anyone else.
// Fields of an entry:
//   type       the Principal key;
//   principal  the value as written (ARN, 12-digit account id, "*", service name, provider ARN
//              or a public identity provider such as "accounts.google.com");
//   external   the principal is outside `own_account_id`: an AWS principal whose account (a
//              12-digit id, or the account field of an ARN) differs, "*" or an account of "*",
//              a Federated provider ARN of another account, a Federated name without an ARN
//              (a public identity provider: anyone it vouches for), a CanonicalUser (the IAM
//              API cannot map it to an account), every NotPrincipal entry. Services are never
//              external. An AWS principal without account (a unique id such as "AROA...", left
//              by a deleted principal) is not external. With an empty `own_account_id` every
//              principal that names an account is external;
//   wildcard   the principal contains `*`, or the statement is a NotPrincipal one;
//   conditions the statement's condition keys ("sts:ExternalId", "SAML:aud",
//              "aws:PrincipalOrgID", ...), sorted, each once, as written.
// A document that is not JSON, or not shaped as a policy, gives what could be read (malformed
// JSON: an empty list). Never throws.
//
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace aic::aws_internal {

struct TrustedPrincipal {
  std::string type;
  std::string principal;
  bool external = false;
  bool wildcard = false;
  std::vector<std::string> conditions;

  friend bool operator==(const TrustedPrincipal&, const TrustedPrincipal&) = default;
};

std::vector<TrustedPrincipal> DecodeTrustPolicy(std::string_view document_json,
                                                std::string_view own_account_id);

// [{"type": ..., "principal": ..., "external": ..., "wildcard": ..., "conditions": [...]}, ...]
nlohmann::json TrustedPrincipalsToJson(const std::vector<TrustedPrincipal>& principals);

// The account id field of an ARN ("arn:aws:iam::123456789012:role/x" -> "123456789012"); empty
// when `arn` is not an ARN or has no account.
std::string AccountIdOfArn(std::string_view arn);

}  // namespace aic::aws_internal
