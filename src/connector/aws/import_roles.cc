// The full import's lines for what GetAccountAuthorizationDetails returns beside users and
// groups: roles (with their trust decoded), their instance profiles, role-policy and role-trust
// assignments, and managed policies with their default document.
#include "aws_iam_connector/json_text.h"
#include "connector/aws/aws_internal.h"
#include "connector/aws/import_internal.h"
#include "connector/aws/trust_principals.h"

namespace aic::aws_internal {

using json = nlohmann::json;

namespace {

json DateOrNull(const std::string& date) { return date.empty() ? json(nullptr) : json(date); }

// The decoded JSON of a policy document; its text when it is not JSON.
json DecodedDocument(const std::string& document) {
  auto parsed = ParseJson(document);
  return parsed.ok() ? std::move(*parsed) : json(document);
}

}  // namespace

json InstanceProfileToImportJson(const InstanceProfile& profile) {
  json roles = json::array();
  for (const auto& r : profile.role_names) roles.push_back(r);
  return {{"_id", profile.instance_profile_name},
          {"__NAME__", profile.instance_profile_name},
          {"Arn", profile.arn},
          {"Path", profile.path.empty() ? "/" : profile.path},
          {"InstanceProfileId", profile.instance_profile_id},
          {"CreatedDate", DateOrNull(profile.create_date)},
          {"roles", std::move(roles)}};
}

// The `__ROLE__` object of a search (RoleDetailToJson), with the import format's nulls for
// absent dates and boundary.
json RoleDetailToImportJson(const RoleDetail& role) {
  json o = RoleDetailToJson(role);
  for (const char* key : {"CreatedDate", "PermissionsBoundary"}) {
    if (!o.contains(key)) o[key] = nullptr;
  }
  return o;
}

Status EmitRole(const ImportSink& sink, const RoleDetail& role, ImportStats& stats) {
  json object = RoleDetailToImportJson(role);
  const json trusted = object["trustedPrincipals"];
  AIC_RETURN_IF_ERROR(EmitObject(sink, kRoleLineClass, std::move(object)));
  ++stats.roles;
  for (const auto& ip : role.instance_profile_list) {
    // A profile holds at most one role in AWS; should it name several, it is written once,
    // with the first of them.
    if (!ip.role_names.empty() && ip.role_names.front() != role.role_name) continue;
    AIC_RETURN_IF_ERROR(
        EmitObject(sink, kInstanceProfileLineClass, InstanceProfileToImportJson(ip)));
    ++stats.instance_profiles;
  }
  for (const auto& p : role.attached_managed_policies) {
    AIC_RETURN_IF_ERROR(
        EmitAssignment(sink, "role-policy", {{"role", role.role_name}, {"policy", p.policy_arn}}));
    ++stats.assignments;
  }
  for (const auto& t : trusted) {
    AIC_RETURN_IF_ERROR(EmitAssignment(sink, "role-trust",
                                       {{"role", role.role_name},
                                        {"principal", t["principal"]},
                                        {"principalType", t["type"]},
                                        {"external", t["external"]},
                                        {"wildcard", t["wildcard"]},
                                        {"conditions", t["conditions"]}}));
    ++stats.assignments;
  }
  return Status::Ok();
}

json PolicyDetailToImportJson(const ManagedPolicyDetail& detail) {
  json o = PolicyToJson(detail.policy);
  for (const auto& v : detail.policy_version_list) {
    const bool is_default =
        v.is_default_version || v.version_id == detail.policy.default_version_id;
    if (is_default && !v.document.empty()) {
      o["document"] = DecodedDocument(v.document);
      break;
    }
  }
  return o;
}

}  // namespace aic::aws_internal
