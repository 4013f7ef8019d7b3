// Reading one role with only the calls the asked attributes need (SPEC 11, as 4.2 for users).
#include "common/task_group.h"
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {

Task<Result<json>> ReadRole(Ctx& ctx, std::string_view role_name, const AttrSet& needed) {
  IamClient& iam = ctx.iam;
  const std::string name(role_name);
  // Every call starts at once; GetRole is always made (existence, canonical name, scalars).
  std::optional<Result<Role>> role;
  std::optional<Result<std::vector<AttachedPolicy>>> policies;
  std::optional<Result<std::vector<std::string>>> inlines;
  std::optional<Result<std::vector<InstanceProfile>>> profiles;
  std::vector<Task<void>> calls;
  calls.push_back(Into(role, iam.GetRole(name)));
  if (needed.count("policies") != 0) {
    calls.push_back(Into(policies, All([&](const PageRequest& p) {
                           return iam.ListAttachedRolePolicies(name, p);
                         })));
  }
  if (needed.count("inlinePolicies") != 0) {
    calls.push_back(
        Into(inlines, All([&](const PageRequest& p) { return iam.ListRolePolicies(name, p); })));
  }
  if (needed.count("instanceProfiles") != 0) {
    calls.push_back(Into(profiles, All([&](const PageRequest& p) {
                           return iam.ListInstanceProfilesForRole(name, p);
                         })));
  }
  co_await WhenAll(std::move(calls));

  if (!role->ok()) co_return role->status().WithContext("GetRole");
  json object = RoleToJson(role->value(), /*full=*/true);
  if (policies) {
    if (!policies->ok()) co_return policies->status().WithContext("ListAttachedRolePolicies");
    json list = json::array();
    for (const auto& p : policies->value()) list.push_back(p.policy_arn);
    object["policies"] = std::move(list);
  }
  if (inlines) {
    if (!inlines->ok()) co_return inlines->status().WithContext("ListRolePolicies");
    object["inlinePolicies"] = inlines->value();
  }
  if (profiles) {
    if (!profiles->ok()) co_return profiles->status().WithContext("ListInstanceProfilesForRole");
    json list = json::array();
    for (const auto& p : profiles->value()) list.push_back(p.instance_profile_name);
    object["instanceProfiles"] = std::move(list);
  }
  co_return object;
}

}  // namespace aic::aws_internal
