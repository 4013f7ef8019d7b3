// Full import (SPEC 4.8): users, groups, managed policies and every assignment as JSON Lines,
// streamed page by page: users from GetAccountAuthorizationDetails(Filter=User) joined with
// ListUsers, groups from GAAD(Filter=Group), policies from GAAD(Filter=LocalManagedPolicy,
// AWSManagedPolicy), keeping AWS-managed policies only when attached (or used as a boundary).
#include "aws_iam_connector/aws_connector.h"
#include "connector/aws/aws_internal.h"

namespace aic {

using json = nlohmann::json;

namespace {

Status Emit(const ImportSink& sink, std::string_view object_class, json object) {
  json line = {{"objectClass", object_class}, {"object", std::move(object)}};
  return sink(line.dump());
}

Status EmitAssignment(const ImportSink& sink, std::string_view type, const char* holder_kind,
                      const std::string& holder, const char* target_kind,
                      const std::string& target) {
  json line = {
      {"objectClass", "assignment"}, {"type", type}, {holder_kind, holder}, {target_kind, target}};
  return sink(line.dump());
}

}  // namespace

Task<Result<ImportStats>> AwsConnector::FullImport(const ImportSink& sink) {
  aws_internal::Ctx ctx{*iam_, config_, impl_->password_policy, impl_->cookies,
                        impl_->credential_report};
  ImportStats stats;

  // Users and their assignments.
  aws_internal::UsersJoinState state;
  std::string marker;
  for (;;) {
    auto page =
        co_await aws_internal::FetchUsersFullPage(ctx, marker, /*password_last_used=*/true, state);
    if (!page.ok()) co_return page.status();
    for (auto& user : page->items) {
      const std::string name = user["__NAME__"].get<std::string>();
      const json groups = user["groups"];
      const json policies = user["policies"];
      AIC_CO_RETURN_IF_ERROR(Emit(sink, connector::kAccountClassName, std::move(user)));
      ++stats.users;
      for (const auto& g : groups) {
        AIC_CO_RETURN_IF_ERROR(
            EmitAssignment(sink, "account-group", "account", name, "group", g.get<std::string>()));
        ++stats.assignments;
      }
      for (const auto& p : policies) {
        AIC_CO_RETURN_IF_ERROR(EmitAssignment(sink, "account-policy", "account", name, "policy",
                                              p.get<std::string>()));
        ++stats.assignments;
      }
    }
    if (!page->more) break;
    marker = page->next_marker;
  }

  // Groups and group-policy assignments.
  // The filters outlive the calls (a Task keeps references to its arguments).
  static const std::vector<std::string> kGroupFilter{"Group"};
  static const std::vector<std::string> kPolicyFilter{"LocalManagedPolicy", "AWSManagedPolicy"};
  IamClient& iam = *iam_;
  const PageRequest full_page{"", kFullReadPageSize};
  Status s = co_await ForEachPage(
      [&iam](const PageRequest& r) { return iam.GetAccountAuthorizationDetails(kGroupFilter, r); },
      [&](AccountAuthorizationDetails& page) -> Status {
        for (const auto& g : page.groups) {
          json object = aws_internal::GroupDetailToJson(g);
          AIC_RETURN_IF_ERROR(Emit(sink, connector::kGroupClassName, std::move(object)));
          ++stats.groups;
          for (const auto& p : g.attached_managed_policies) {
            AIC_RETURN_IF_ERROR(EmitAssignment(sink, "group-policy", "group", g.group_name,
                                               "policy", p.policy_arn));
            ++stats.assignments;
          }
        }
        return Status::Ok();
      },
      full_page);
  if (!s.ok()) co_return s.WithContext("GetAccountAuthorizationDetails(Group)");

  // Managed policies: local ones, and AWS-managed ones in use.
  s = co_await ForEachPage(
      [&iam](const PageRequest& r) { return iam.GetAccountAuthorizationDetails(kPolicyFilter, r); },
      [&](AccountAuthorizationDetails& page) -> Status {
        for (const auto& d : page.policies) {
          json object = aws_internal::PolicyToJson(d.policy);
          if (object["Scope"] == "AWS" && d.policy.attachment_count == 0 &&
              d.policy.permissions_boundary_usage_count == 0) {
            continue;
          }
          AIC_RETURN_IF_ERROR(Emit(sink, connector::kPolicyClassName, std::move(object)));
          ++stats.policies;
        }
        return Status::Ok();
      },
      full_page);
  if (!s.ok()) co_return s.WithContext("GetAccountAuthorizationDetails(Policy)");
  co_return stats;
}

}  // namespace aic
