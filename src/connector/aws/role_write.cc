// Changing a role (SPEC 11): only its attached managed policies, by difference (SPEC 4.3).
#include "connector/aws/aws_internal.h"

namespace aic::aws_internal {

Task<Result<json>> UpdateRole(Ctx& ctx, const std::string& role_name,
                              const connector::ValidatedAttributes& va,
                              const std::vector<std::string>& attributes_to_get) {
  const json& a = va.attributes;
  AttrSet needed = NeededAttributes(attributes_to_get, std::nullopt, {});
  if (a.contains("policies")) needed.insert("policies");
  auto current = co_await ReadRole(ctx, role_name, needed);
  if (!current.ok()) co_return current.status();
  json result = std::move(*current);
  if (!a.contains("policies")) co_return result;
  // The canonical name (IAM names compare without case), referred to by the edit's calls.
  const std::string name = StringOr(result, "__NAME__", role_name);
  IamClient& iam = ctx.iam;
  const ListEdit edit{"AttachRolePolicy", "DetachRolePolicy",
                      [&iam, &name](const std::string& p) { return iam.AttachRolePolicy(name, p); },
                      [&iam, &name](const std::string& p) { return iam.DetachRolePolicy(name, p); },
                      /*ignore_case=*/false};
  const auto wanted = StringList(a["policies"]);
  const auto had = StringList(result.value("policies", json::array()));
  AIC_CO_RETURN_IF_ERROR(co_await MakeListEqual(edit, had, wanted));
  result["policies"] = wanted;
  co_return result;
}

}  // namespace aic::aws_internal
