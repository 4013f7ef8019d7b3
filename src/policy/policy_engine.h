// The IAM policy evaluation engine: AWS's published policy evaluation logic for one request,
// as a library without I/O (no clock, no network, no files: the caller passes everything in).
//
// Sources (cited per rule in docs/policy-evaluation.md):
//  - Policy evaluation logic:
//    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
//  - Policy grammar, elements, condition operators, variables, global condition keys:
//    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html,
//    reference_policies_elements_condition_operators.html, reference_policies_variables.html,
//    reference_policies_condition-keys.html,
//    reference_policies_condition-single-vs-multi-valued-context-keys.html
//
// Use: ParsePolicy once per document (the result is immutable and may be shared between
// threads), then Evaluate a PolicySet against a RequestContext as often as needed.
//
// Thread safety: every function is pure; Policy and PolicySet are read-only during Evaluate.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic::policy {

// Where a statement sits in its document, 1-based line and column, as SimulatePrincipalPolicy's
// MatchedStatements report it (AWS's convention, with its sources: statement_positions.h).
struct Position {
  int line = 0;
  int column = 0;
};

// The kinds of policy, named as SimulatePrincipalPolicy's SourcePolicyType names them.
enum class PolicyType {
  kUser,         // an inline policy of a user        ("user")
  kGroup,        // an inline policy of a group       ("group")
  kRole,         // an inline policy of a role        ("role")
  kAwsManaged,   // an AWS managed policy             ("aws-managed")
  kUserManaged,  // a customer managed policy         ("user-managed")
  kResource,     // a resource-based policy (a role's trust policy, SimulateCustomPolicy's
                 // ResourcePolicy)                   ("resource")
  kNone,         // a policy given in the request (PolicyInputList, session policies,
                 // PermissionsBoundaryPolicyInputList) ("none")
};
std::string_view PolicyTypeName(PolicyType type);

// One parsed policy document. Opaque: build it with ParsePolicy.
struct ParsedPolicy;
using PolicyHandle = std::shared_ptr<const ParsedPolicy>;

struct PolicySource {
  std::string
      id;  // echoed in MatchedStatement::source_policy_id (an ARN, "user_alice_inline", ...)
  PolicyType type = PolicyType::kNone;
};

// Parses a policy document (JSON). Errors (kInvalidInput) for text that is not JSON or not a
// policy (Statement missing or not an object/array of objects, Effect not Allow/Deny, an element
// of the wrong type). The grammar AWS checks at CreatePolicy is the emulator's policy_grammar;
// this parser only has to understand documents that passed it (and request-supplied ones).
Result<PolicyHandle> ParsePolicy(std::string_view document, PolicySource source);

// The request being authorised. Condition key names are case-insensitive: store them
// lower-cased ("aws:username", "aws:principaltag/dept" -- the tag key part lower-cased too).
// Every key maps to its values: one value for a single-valued key, any number (possibly zero)
// for a multi-valued key such as aws:TagKeys. Values are strings as AWS compares them: dates
// ISO 8601 or epoch seconds, booleans "true"/"false", numbers in decimal, IPs as text, binary
// base64.
struct RequestContext {
  std::string action;    // "iam:CreateUser" (service prefix lower-case, action as AWS spells it)
  std::string resource;  // the resource ARN, or "*" for an action without a resource type
  // For resource-based policies: who is calling (matched against Principal / NotPrincipal).
  std::string principal_arn;      // user ARN, role ARN of a role session, or account root ARN
  std::string session_arn;        // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION, if a session
  std::string principal_account;  // the caller's account id
  std::string resource_account;   // the resource's account id (empty: same as principal's)
  std::string service_principal;  // "ec2.amazonaws.com" when a service calls (trust policies)
  std::string federated;          // SAML/OIDC provider ARN or IdP name (web identity, SAML)
  std::map<std::string, std::vector<std::string>> keys;
};

// The policies that apply to one request (AWS's evaluation logic, same account):
//  - explicit Deny in any of them denies;
//  - otherwise the request is allowed when (an identity-based policy allows OR the resource-based
//    policy allows the principal) AND (no boundary set, or the boundary allows) AND (no session
//    policies, or a session policy allows) -- with AWS's exceptions for resource-based policies
//    that name the user or session ARN directly (documented in policy-evaluation.md);
//  - otherwise implicit deny.
struct PolicySet {
  std::vector<PolicyHandle> identity;  // the principal's inline and managed policies (user:
                                       // its own and its groups'; role session: the role's)
  std::vector<PolicyHandle> resource;  // resource-based policy (trust policy for sts:AssumeRole*)
  std::optional<std::vector<PolicyHandle>> boundary;  // nullopt: no permissions boundary
  std::optional<std::vector<PolicyHandle>> session;   // nullopt: not a session with policies
};

enum class Decision { kAllowed, kExplicitDeny, kImplicitDeny };
std::string_view DecisionName(Decision d);  // "allowed", "explicitDeny", "implicitDeny"

// Why a request was denied: which kind of policy decided it. AWS's AccessDenied message names
// it ("... with an explicit deny in an identity-based policy", "... because no
// permissions boundary allows the iam:X action", ...).
enum class DenyReason {
  kNone,                  // allowed
  kExplicitDenyIdentity,  // an identity-based policy's Deny matched
  kExplicitDenyResource,  // the resource-based policy's Deny matched
  kExplicitDenyBoundary,  // the permissions boundary's Deny matched
  kExplicitDenySession,   // a session policy's Deny matched
  kNoIdentityAllow,       // nothing allowed (no identity-based or resource-based allow)
  kNoBoundaryAllow,       // identity allowed, boundary did not
  kNoSessionAllow,        // identity (and boundary) allowed, no session policy did
};

struct MatchedStatement {
  std::string source_policy_id;
  PolicyType source_policy_type = PolicyType::kNone;
  int statement_index = 0;  // 0-based in the document's Statement list
  Position start;
  Position end;
  bool deny = false;
};

struct Evaluation {
  Decision decision = Decision::kImplicitDeny;
  DenyReason reason = DenyReason::kNoIdentityAllow;
  // The statements that decided it: every matching Deny for an explicit deny, else every
  // matching Allow (SimulatePrincipalPolicy's MatchedStatements).
  std::vector<MatchedStatement> matched;
  // Condition keys the policies' conditions referenced that the request did not carry, sorted,
  // original spelling lower-cased (SimulatePrincipalPolicy's MissingContextValues).
  std::vector<std::string> missing_context_keys;
  // Whether the permissions boundary alone allows the request (true when there is none).
  bool allowed_by_boundary = true;
};

Evaluation Evaluate(const PolicySet& policies, const RequestContext& request);

// The condition keys a document's conditions use (GetContextKeysForPolicy), in the spelling of
// the document, without duplicates (case-insensitive), in order of first appearance.
std::vector<std::string> ConditionKeys(const ParsedPolicy& policy);

// AWS's matching of Action and Resource values and of StringLike/ArnLike: '*' any run of
// characters, '?' exactly one. `case_insensitive` for actions.
bool WildcardMatch(std::string_view pattern, std::string_view value, bool case_insensitive = false);

}  // namespace aic::policy
