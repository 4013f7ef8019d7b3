// /Groups of the SCIM service (scim_api.h): IAM groups through the connector's __GROUP__.
#include <map>

#include "common/text_codec.h"
#include "scim/scim_patch.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_call.h"
#include "server/scim/scim_group_mapping.h"
#include "server/scim/scim_listing.h"

namespace aic::scim_internal {
namespace {

using scim::BadRequest;
using scim::ScimType;

// The fields of a group write's answer: the members' ids are known to the request (the names
// came from them), so asking the connector for memberIds would cost a GetGroup more.
constexpr std::string_view kWriteFields = "__NAME__,GroupId,Arn,Path,CreatedDate,members";

json ToScim(const json& group, std::string_view base_url) {
  return scim::GroupToScimGroup(group, base_url);
}

const ResourceKind kGroups{
    "__GROUP__",          "Group", "GroupId", "displayName", &scim::GroupResourceType,
    &SystemState::groups, &ToScim};

// Members are returned by default (the same GetGroup): read unless excluded or not asked.
std::string FieldsFor(const scim::ListRequest& request) {
  bool members = true;
  if (!request.attributes.empty()) {
    members = scim::Mentions(request, "members");
  } else {
    for (const auto& p : request.excluded) {
      if (text::EqualsIgnoreCase(p.attr, "members")) members = false;
    }
    if (text::AsciiLower(request.filter_text).find("members") != std::string::npos) {
      members = true;
    }
  }
  return JoinFields(scim::GroupFieldsFor(members));
}

// memberIds of a connector group object from the (id, name) pairs the request resolved.
std::function<void(json&)> WithMemberIds(std::vector<std::string> ids,
                                         std::vector<std::string> names) {
  return [ids = std::move(ids), names = std::move(names)](json& group) {
    std::map<std::string, std::string> id_of;
    for (std::size_t i = 0; i < ids.size() && i < names.size(); ++i) {
      id_of[text::AsciiLower(names[i])] = ids[i];
    }
    json member_ids = json::array();
    for (const json& n : group.value("members", json::array())) {
      auto it = n.is_string() ? id_of.find(text::AsciiLower(n.get<std::string>())) : id_of.end();
      member_ids.push_back(it == id_of.end() ? std::string() : it->second);
    }
    group["memberIds"] = std::move(member_ids);
  };
}

// The user names of `wanted`'s members: from `current` (fresh from GetGroup) where it has the
// member, else through the user directory. 400 invalidValue for an id no user has, or a group.
Task<ScimResult<std::vector<std::string>>> MemberNames(Call& call, const json& current,
                                                       const json& wanted) {
  if (wanted.contains("members") && wanted["members"].is_array()) {
    for (const json& m : wanted["members"]) {
      if (m.is_object() && m.value("type", "") == "Group") {
        co_return BadRequest(ScimType::kInvalidValue,
                             "members: IAM groups cannot contain groups (nested groups)");
      }
    }
  }
  std::map<std::string, std::string> known;
  if (current.is_object() && current.contains("members")) {
    for (const json& m : current["members"]) known[m.value("value", "")] = m.value("display", "");
  }
  std::vector<std::string> names;
  for (const std::string& id : scim::MemberIdsOf(wanted)) {
    if (auto it = known.find(id); it != known.end() && !it->second.empty()) {
      names.push_back(it->second);
      continue;
    }
    auto name = co_await UserNameOfId(call, id);
    if (!name.ok())
      co_return BadRequest(ScimType::kInvalidValue, "members: " + name.status().message());
    names.push_back(std::move(*name));
  }
  co_return names;
}

// A PUT or PATCH: `wanted` (the whole new group) against the current one.
Task<ServerResponse> Change(Call& call, const json& current, const json& wanted) {
  auto names = co_await MemberNames(call, current, wanted);
  if (!names.ok()) co_return ScimErrorOf(names.error());
  json change = scim::ScimGroupToGroupChange(current, wanted, *names);
  const std::string fields(kWriteFields);
  co_return co_await UpdateResource(call, kGroups, current, change, fields,
                                    WithMemberIds(scim::MemberIdsOf(wanted), *names));
}

Task<ServerResponse> Create(Call& call) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto group = scim::CheckResource(*body, scim::GroupResourceType());
  if (!group.ok()) co_return ScimErrorOf(group.error());
  auto names = co_await MemberNames(call, json(), *group);
  if (!names.ok()) co_return ScimErrorOf(names.error());
  json change = scim::ScimGroupToGroupChange(json(), *group, *names);
  const std::string fields(kWriteFields);
  co_return co_await CreateResource(call, kGroups, change, fields,
                                    WithMemberIds(scim::MemberIdsOf(*group), *names));
}

Task<ServerResponse> Replace(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto wanted = scim::CheckResource(*body, scim::GroupResourceType());
  if (!wanted.ok()) co_return ScimErrorOf(wanted.error());
  const std::string fields = JoinFields(scim::GroupFieldsFor(true));
  auto current = co_await ReadById(call, kGroups, id, fields);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  const std::string aws(scim::kAwsGroupSchema);
  json& ext = (*wanted)[aws];
  if (!ext.is_object()) ext = json::object();
  for (const auto& [key, value] : (*current)[aws].items()) {
    if (!ext.contains(key)) ext[key] = value;
  }
  if (!wanted->contains("members")) (*wanted)["members"] = json::array();
  co_return co_await Change(call, *current, *wanted);
}

Task<ServerResponse> Patch(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  const std::string fields = JoinFields(scim::GroupFieldsFor(true));
  auto current = co_await ReadById(call, kGroups, id, fields);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  auto patched = scim::ApplyPatch(*current, *body, scim::GroupResourceType());
  if (!patched.ok()) co_return ScimErrorOf(patched.error());
  co_return co_await Change(call, *current, *patched);
}

const ResourceHandlers kGroupHandlers{&FieldsFor, &Create, &Replace, &Patch};

}  // namespace

Task<ServerResponse> HandleGroups(Call& call) {
  co_return co_await RouteResource(call, kGroups, kGroupHandlers);
}

}  // namespace aic::scim_internal
