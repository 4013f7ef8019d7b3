// /Users of the SCIM service (scim_api.h): IAM users through the connector's __ACCOUNT__.
#include "common/text_codec.h"
#include "scim/scim_patch.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_call.h"
#include "server/scim/scim_listing.h"
#include "server/scim/scim_user_mapping.h"

namespace aic::scim_internal {
namespace {

using scim::UserReadNeeds;

json ToScim(const json& account, std::string_view base_url) {
  return scim::AccountToScimUser(account, base_url);
}

const ResourceKind kUsers{
    "__ACCOUNT__",       "User", "UserId", "userName", &scim::UserResourceType,
    &SystemState::users, &ToScim};

std::string FieldsOf(const UserReadNeeds& needs) {
  return JoinFields(scim::AccountFieldsFor(needs));
}

// groups, entitlements and passwordResetRequired cost a call per user: read when asked.
std::string FieldsFor(const scim::ListRequest& request) {
  return FieldsOf(UserReadNeeds{scim::Mentions(request, "groups"),
                                scim::Mentions(request, "entitlements"),
                                scim::Mentions(request, "passwordResetRequired")});
}

Task<ServerResponse> Create(Call& call) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto user = scim::CheckResource(*body, scim::UserResourceType());
  if (!user.ok()) co_return ScimErrorOf(user.error());
  auto change = scim::ScimUserToAccountChange(json(), *user, NowIso8601());
  if (!change.ok()) co_return ScimErrorOf(change.error());
  const std::string fields = FieldsOf(UserReadNeeds{false, user->contains("entitlements"), false});
  co_return co_await CreateResource(call, kUsers, *change, fields, nullptr);
}

// A PUT or PATCH: `wanted` (the whole new resource) against the current one.
Task<ServerResponse> Change(Call& call, const json& current, const json& wanted,
                            const std::string& fields) {
  auto change = scim::ScimUserToAccountChange(current, wanted, NowIso8601());
  if (!change.ok()) co_return ScimErrorOf(change.error());
  co_return co_await UpdateResource(call, kUsers, current, *change, fields, nullptr);
}

Task<ServerResponse> Replace(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto wanted = scim::CheckResource(*body, scim::UserResourceType());
  if (!wanted.ok()) co_return ScimErrorOf(wanted.error());
  const std::string fields =
      FieldsOf(UserReadNeeds{false, wanted->contains("entitlements"), false});
  auto current = co_await ReadById(call, kUsers, id, fields);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  // Not asserted by a PUT that leaves them out (RFC 7644 3.5.1): the aws extension's values and
  // `active` keep their current values.
  const std::string aws(scim::kAwsUserSchema);
  json& ext = (*wanted)[aws];
  if (!ext.is_object()) ext = json::object();
  for (const auto& [key, value] : (*current)[aws].items()) {
    if (!ext.contains(key)) ext[key] = value;
  }
  if (!wanted->contains("active")) (*wanted)["active"] = (*current)["active"];
  co_return co_await Change(call, *current, *wanted, fields);
}

Task<ServerResponse> Patch(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  const bool entitlements =
      text::AsciiLower(body->dump()).find("entitlements") != std::string::npos;
  const std::string fields = FieldsOf(UserReadNeeds{false, entitlements, false});
  auto current = co_await ReadById(call, kUsers, id, fields);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  auto patched = scim::ApplyPatch(*current, *body, scim::UserResourceType());
  if (!patched.ok()) co_return ScimErrorOf(patched.error());
  co_return co_await Change(call, *current, *patched, fields);
}

const ResourceHandlers kUserHandlers{&FieldsFor, &Create, &Replace, &Patch};

}  // namespace

Task<Result<std::string>> UserNameOfId(Call& call, const std::string& id) {
  if (auto name = call.state.users.NameOf(id)) co_return *name;
  Status scanned = co_await ScanIds(call, kUsers);
  if (!scanned.ok()) co_return scanned;
  if (auto name = call.state.users.NameOf(id)) co_return *name;
  co_return Status(ErrorCode::kInvalidAttributeValue, "no user has the id '" + id + "'");
}

Task<ServerResponse> HandleUsers(Call& call) {
  co_return co_await RouteResource(call, kUsers, kUserHandlers);
}

}  // namespace aic::scim_internal
