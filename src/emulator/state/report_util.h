// Shared by the report actions (credential_report.cc, service_last_accessed.cc,
// report_actions.cc): the entity an ARN names, the permission policies an entity has, which
// service namespaces a policy document allows, and the principals (users and roles) whose
// recorded usage a report about an entity shows.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/state/action_context.h"

namespace aic::emulator::state {

// The services the emulator serves; "*" (or a wildcard namespace) in an Action covers these.
inline constexpr std::string_view kKnownServices[] = {"iam", "sts"};

// The entity an IAM ARN names (exactly one pointer set).
struct EntityRef {
  User* user = nullptr;
  Group* group = nullptr;
  Role* role = nullptr;
  ManagedPolicy* policy = nullptr;
};
// `param` names the parameter in messages. InvalidInput for an ARN that names no user, group,
// role or policy of this account ("ARN X is not valid."), NoSuchEntity for one that does not
// exist. `allow_policy` false refuses policy ARNs (InvalidInput).
Result<EntityRef> EntityFromArn(Ctx& ctx, const std::string& arn, bool allow_policy);

// One permission policy of an entity: inline (its owner in entity_type/entity_name) or managed
// (policy_arn; entity_* set when inherited from a group).
struct PolicyRef {
  std::string name;
  std::string type;  // "INLINE" or "MANAGED"
  std::string policy_arn;
  std::string entity_type;  // "USER", "GROUP", "ROLE" or ""
  std::string entity_name;
  std::string document;  // JSON
};
// A user's own inline and managed policies, then those of its groups (join order); a group's
// or a role's own; a managed policy's default version (permissions boundaries excluded).
std::vector<PolicyRef> PoliciesOf(const Ctx& ctx, const EntityRef& e);

// The service namespaces an Allow statement of `doc` covers: explicit namespaces of Action
// patterns, and every kKnownServices namespace that a wildcard (or NotAction) lets through.
// Lower case. An unparsable document covers nothing.
std::set<std::string> AllowedNamespaces(std::string_view doc);
// AWS's display name of a service namespace ("iam" -> "AWS Identity and Access Management");
// the namespace itself when the emulator has no name for it.
std::string ServiceDisplayName(std::string_view ns);

// A principal whose usage a report shows.
struct PrincipalRef {
  std::string key_arn;  // "arn:aws:iam::ACCOUNT:user/..." (the service_access key)
  std::string arn;      // in the request's partition
  std::string name;
  std::string type;  // "USER" or "ROLE"
  std::string id;
  std::string path;
};
// The user or role itself; a group's members; the users and roles a policy is attached to
// and the members of the groups it is attached to (no duplicates, ARN order).
std::vector<PrincipalRef> PrincipalsOf(const Ctx& ctx, const EntityRef& e);

// "2024-01-02T03:04:05Z".
std::string IsoTime(Time t);
// A new random UUID (version 4), as AWS's JobIds.
std::string NewUuid();

// Registered by RegisterReportActions (report_actions.cc).
void RegisterCredentialReportActions(ActionTable& t);     // credential_report.cc
void RegisterServiceLastAccessedActions(ActionTable& t);  // service_last_accessed.cc

}  // namespace aic::emulator::state
