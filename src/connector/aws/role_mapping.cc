// Mapping IAM roles (GetRole, ListRoles, GetAccountAuthorizationDetails) to `__ROLE__` objects
// (SPEC 11).
#include "aws_iam_connector/json_text.h"
#include "connector/aws/aws_internal.h"
#include "connector/aws/trust_principals.h"

namespace aic::aws_internal {
namespace {

// Service-linked roles live under this path (AWS's convention, enforced by IAM).
constexpr std::string_view kServiceRolePath = "/aws-service-role/";

json TagsJson(const std::vector<Tag>& tags) {
  json out = json::array();
  for (const auto& t : tags) out.push_back({{"Key", t.key}, {"Value", t.value}});
  return out;
}

json LastUsedJson(const RoleLastUsed& used) {
  return {{"LastUsedDate", used.last_used_date.empty() ? json(nullptr) : json(used.last_used_date)},
          {"Region", used.region.empty() ? json(nullptr) : json(used.region)}};
}

// PermissionsBoundary (when set), Tags and RoleLastUsed: what GetRole and GAAD give.
template <class R>
void SetDetailScalars(json& o, const R& role) {
  if (!role.permissions_boundary.arn.empty()) {
    o["PermissionsBoundary"] = role.permissions_boundary.arn;
  }
  o["Tags"] = TagsJson(role.tags);
  o["RoleLastUsed"] = LastUsedJson(role.role_last_used);
}

}  // namespace

json RoleBaseToJson(const std::string& name, const std::string& role_id, const std::string& arn,
                    const std::string& path, const std::string& create_date,
                    const std::string& trust_document) {
  json o = json::object();
  o["_id"] = name;
  o["__NAME__"] = name;
  o["RoleId"] = role_id;
  o["Arn"] = arn;
  const std::string p = path.empty() ? "/" : path;
  o["Path"] = p;
  if (!create_date.empty()) o["CreatedDate"] = create_date;
  o["serviceLinked"] = p.starts_with(kServiceRolePath);
  if (!trust_document.empty()) {
    auto doc = ParseJson(trust_document);
    o["assumeRolePolicy"] = doc.ok() ? std::move(*doc) : json(trust_document);
  }
  o["trustedPrincipals"] =
      TrustedPrincipalsToJson(DecodeTrustPolicy(trust_document, AccountIdOfArn(arn)));
  return o;
}

json RoleNameToJson(const Role& role) {
  return {{"_id", role.role_name}, {"__NAME__", role.role_name}};
}

json RoleToJson(const Role& role, bool full) {
  json o = RoleBaseToJson(role.role_name, role.role_id, role.arn, role.path, role.create_date,
                          role.assume_role_policy_document);
  if (!role.description.empty()) o["Description"] = role.description;
  if (role.max_session_duration > 0) o["MaxSessionDuration"] = role.max_session_duration;
  if (full) SetDetailScalars(o, role);
  return o;
}

json RoleDetailToJson(const RoleDetail& role) {
  json o = RoleBaseToJson(role.role_name, role.role_id, role.arn, role.path, role.create_date,
                          role.assume_role_policy_document);
  SetDetailScalars(o, role);
  json policies = json::array(), inlines = json::array(), profiles = json::array();
  for (const auto& p : role.attached_managed_policies) policies.push_back(p.policy_arn);
  for (const auto& p : role.role_policy_list) inlines.push_back(p.policy_name);
  for (const auto& p : role.instance_profile_list) profiles.push_back(p.instance_profile_name);
  o["policies"] = std::move(policies);
  o["inlinePolicies"] = std::move(inlines);
  o["instanceProfiles"] = std::move(profiles);
  return o;
}

bool NeedsRoleListing(const AttrSet& needed) {
  return needed.count("Description") != 0 || needed.count("MaxSessionDuration") != 0;
}

bool NeedsRoleDetails(const AttrSet& needed) {
  for (const char* a : {"PermissionsBoundary", "Tags", "RoleLastUsed", "policies", "inlinePolicies",
                        "instanceProfiles"}) {
    if (needed.count(a) != 0) return true;
  }
  return false;
}

}  // namespace aic::aws_internal
