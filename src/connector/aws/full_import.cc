// Full import (SPEC 4.8, docs/full-import.md): the __ACCOUNT_SUMMARY__ line first, the identity
// providers and server certificates, then one GetAccountAuthorizationDetails walk with every
// filter streaming users (joined with the credential report's usage), groups, managed policies
// (with their default document), roles and their instance profiles, with every assignment.
// Memory: one page plus the report's usage rows.
#include "aws_iam_connector/aws_connector.h"
#include "connector/aws/aws_internal.h"
#include "connector/aws/import_internal.h"

namespace aic {

using json = nlohmann::json;

namespace aws_internal {

Status EmitObject(const ImportSink& sink, std::string_view object_class, json object) {
  json line = {{"objectClass", object_class}, {"object", std::move(object)}};
  return sink(line.dump());
}

Status EmitAssignment(const ImportSink& sink, std::string_view type, json fields) {
  json line = {{"objectClass", "assignment"}, {"type", type}};
  for (auto& [key, value] : fields.items()) line[key] = std::move(value);
  return sink(line.dump());
}

}  // namespace aws_internal

namespace {

using aws_internal::EmitAssignment;
using aws_internal::EmitObject;

Status EmitUser(const ImportSink& sink, const UserDetail& user,
                const aws_internal::ImportUsage& usage, ImportStats& stats) {
  json object = aws_internal::UserDetailToJson(user);
  aws_internal::AddUsage(usage, user.user_name, object);
  AIC_RETURN_IF_ERROR(EmitObject(sink, connector::kAccountClassName, std::move(object)));
  ++stats.users;
  for (const auto& g : user.group_list) {
    AIC_RETURN_IF_ERROR(
        EmitAssignment(sink, "account-group", {{"account", user.user_name}, {"group", g}}));
    ++stats.assignments;
  }
  for (const auto& p : user.attached_managed_policies) {
    AIC_RETURN_IF_ERROR(EmitAssignment(sink, "account-policy",
                                       {{"account", user.user_name}, {"policy", p.policy_arn}}));
    ++stats.assignments;
  }
  return Status::Ok();
}

Status EmitGroup(const ImportSink& sink, const GroupDetail& group, ImportStats& stats) {
  AIC_RETURN_IF_ERROR(
      EmitObject(sink, connector::kGroupClassName, aws_internal::GroupDetailToJson(group)));
  ++stats.groups;
  for (const auto& p : group.attached_managed_policies) {
    AIC_RETURN_IF_ERROR(EmitAssignment(sink, "group-policy",
                                       {{"group", group.group_name}, {"policy", p.policy_arn}}));
    ++stats.assignments;
  }
  return Status::Ok();
}

Status EmitPolicy(const ImportSink& sink, const ManagedPolicyDetail& detail, ImportStats& stats) {
  const ManagedPolicy& p = detail.policy;
  // AWS-managed policies are kept only when in use (attached, or a boundary).
  const bool aws_managed = p.arn.find(":iam::aws:policy/") != std::string::npos;
  if (aws_managed && p.attachment_count == 0 && p.permissions_boundary_usage_count == 0) {
    return Status::Ok();
  }
  AIC_RETURN_IF_ERROR(EmitObject(sink, connector::kPolicyClassName,
                                 aws_internal::PolicyDetailToImportJson(detail)));
  ++stats.policies;
  return Status::Ok();
}

// The filters outlive the calls (a Task keeps references to its arguments).
const std::vector<std::string>& EveryGaadFilter() {
  static const std::vector<std::string> filters{"User", "Group", "LocalManagedPolicy",
                                                "AWSManagedPolicy", "Role"};
  return filters;
}

}  // namespace

Task<Result<ImportStats>> AwsConnector::FullImport(const ImportSink& sink) {
  IamClient& iam = *iam_;
  ImportStats stats;

  // The credential report first: the users' usage is joined as their pages stream.
  aws_internal::ImportUsage usage = co_await aws_internal::FetchImportUsage(iam);
  stats.usage_available = usage.available;
  auto account = co_await aws_internal::ReadAccountPart(iam, usage);
  if (!account.ok()) co_return account.status();
  AIC_CO_RETURN_IF_ERROR(
      EmitObject(sink, aws_internal::kAccountSummaryLineClass, std::move(account->summary)));
  for (const auto& line : account->lines) AIC_CO_RETURN_IF_ERROR(sink(line.dump()));
  account->lines.clear();
  stats.saml_providers = account->saml;
  stats.oidc_providers = account->oidc;
  stats.server_certificates = account->server_certificates;
  if (!account->certificates_next_marker.empty()) {
    Status more = co_await aws_internal::ImportMoreCertificates(
        iam, account->certificates_next_marker, sink, stats.server_certificates);
    if (!more.ok()) co_return more;
  }

  const PageRequest first_page{"", aws_internal::kImportPageSize};
  Status s = co_await ForEachPage(
      [&iam](const PageRequest& r) {
        return iam.GetAccountAuthorizationDetails(EveryGaadFilter(), r);
      },
      [&](AccountAuthorizationDetails& page) -> Status {
        for (const auto& u : page.users) AIC_RETURN_IF_ERROR(EmitUser(sink, u, usage, stats));
        for (const auto& g : page.groups) AIC_RETURN_IF_ERROR(EmitGroup(sink, g, stats));
        for (const auto& p : page.policies) AIC_RETURN_IF_ERROR(EmitPolicy(sink, p, stats));
        for (const auto& r : page.roles) {
          AIC_RETURN_IF_ERROR(aws_internal::EmitRole(sink, r, stats));
        }
        return Status::Ok();
      },
      first_page);
  if (!s.ok()) co_return s.WithContext("GetAccountAuthorizationDetails");

  co_return stats;
}

}  // namespace aic
