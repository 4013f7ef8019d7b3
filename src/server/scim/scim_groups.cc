// /Groups of the SCIM service (scim_api.h): IAM groups through the connector's __GROUP__.
#include <map>
#include <memory>

#include "common/text_codec.h"
#include "scim/scim_filter.h"
#include "scim/scim_patch.h"
#include "scim/scim_resource.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_call.h"
#include "server/scim/scim_group_mapping.h"
#include "server/scim/scim_listing.h"

namespace aic::scim_internal {
namespace {

using scim::BadRequest;
using scim::ListRequest;
using scim::ScimType;

constexpr std::string_view kGroup = "__GROUP__";
constexpr std::string_view kGroupResource = "Group";

const scim::ResourceTypeDef& Type() { return scim::GroupResourceType(); }

connector::RawOperationOptions FieldsFor(bool members) {
  connector::RawOperationOptions raw;
  raw.fields = JoinFields(scim::GroupFieldsFor(members));
  return raw;
}

json Remember(Call& call, const json& group) {
  json out = scim::GroupToScimGroup(group, call.base_url);
  call.state.groups.Remember(out.value("id", ""), out.value("displayName", ""));
  return out;
}

Task<ScimResult<json>> ReadByName(Call& call, const std::string& name, bool members) {
  const connector::RawOperationOptions raw = FieldsFor(members);
  auto got = co_await call.facade().Get(kGroup, name, raw);
  if (!got.ok()) co_return scim::ToScimError(got.status());
  co_return Remember(call, *got);
}

Task<Status> ScanGroups(Call& call) {
  connector::QuerySpec spec;
  spec.query_filter = "true";
  connector::RawOperationOptions raw;
  raw.fields = "GroupId";
  auto all = co_await call.facade().Query(kGroup, spec, raw);
  if (!all.ok()) co_return all.status();
  for (const json& o : all->result) {
    call.state.groups.Remember(o.value("GroupId", ""), o.value("_id", ""));
  }
  co_return Status::Ok();
}

Task<ScimResult<json>> ReadById(Call& call, const std::string& id, bool members) {
  if (auto name = call.state.groups.NameOf(id)) {
    auto group = co_await ReadByName(call, *name, members);
    if (group.ok() && group->value("id", "") == id) co_return group;
    if (!group.ok() && group.error().status != 404) co_return group;
    call.state.groups.Forget(id);
  }
  Status scanned = co_await ScanGroups(call);
  if (!scanned.ok()) co_return scim::ToScimError(scanned);
  auto name = call.state.groups.NameOf(id);
  if (!name) co_return ScimError{404, ScimType::kNone, "no group has the id '" + id + "'", 0};
  auto group = co_await ReadByName(call, *name, members);
  if (group.ok() && group->value("id", "") != id) {
    co_return ScimError{404, ScimType::kNone, "no group has the id '" + id + "'", 0};
  }
  co_return group;
}

Task<ScimResult<std::shared_ptr<const scim::Snapshot>>> AllGroups(Call& call, bool members) {
  const connector::RawOperationOptions raw = FieldsFor(members);
  const std::string key = std::string(kGroupResource) + "|" + *raw.fields;
  if (auto hit = call.state.lists.Find(key)) co_return hit;
  connector::QuerySpec spec;
  spec.query_filter = "true";
  auto all = co_await call.facade().Query(kGroup, spec, raw);
  if (!all.ok()) co_return scim::ToScimError(all.status());
  if (all->result.size() > call.state.lists.max_resources()) {
    co_return BadRequest(ScimType::kTooMany,
                         "the account has more groups than scimMaxListResources (" +
                             std::to_string(call.state.lists.max_resources()) + ")");
  }
  auto snapshot = std::make_shared<scim::Snapshot>();
  for (const json& group : all->result) snapshot->push_back(Remember(call, group));
  call.state.lists.Store(key, snapshot);
  co_return std::shared_ptr<const scim::Snapshot>(snapshot);
}

// Whether the members must be read: they are returned by default (one GetGroup per group).
bool NeedsMembers(const ListRequest& request) {
  bool excluded = false;
  for (const auto& p : request.excluded) {
    if (text::EqualsIgnoreCase(p.attr, "members")) excluded = true;
  }
  if (!request.attributes.empty()) return scim::Mentions(request, "members");
  return !excluded || text::AsciiLower(request.filter_text).find("members") != std::string::npos;
}

Task<ServerResponse> List(Call& call, const ListRequest& request) {
  const bool members = NeedsMembers(request);
  std::vector<json> matches;
  std::optional<std::string> by_name, by_id;
  if (request.filter) {
    by_name = scim::EqualityOn(*request.filter, Type(), "displayName");
    if (!by_name) by_id = scim::EqualityOn(*request.filter, Type(), "id");
  }
  if (by_name || by_id) {
    std::optional<ScimResult<json>> found;
    if (by_name) {
      found = co_await ReadByName(call, *by_name, members);
    } else {
      found = co_await ReadById(call, *by_id, members);
    }
    ScimResult<json>& group = *found;
    if (!group.ok() && group.error().status != 404) co_return ScimErrorOf(group.error());
    if (group.ok() && scim::Matches(*request.filter, *group, Type())) {
      matches.push_back(std::move(*group));
    }
  } else {
    auto all = co_await AllGroups(call, members);
    if (!all.ok()) co_return ScimErrorOf(all.error());
    for (const json& group : **all) {
      if (!request.filter || scim::Matches(*request.filter, group, Type())) {
        matches.push_back(group);
      }
    }
  }
  co_return ScimJson(200, scim::ListResponseOf(request, std::move(matches), Type()));
}

ServerResponse Answer(const Call& call, int status, const json& group, bool location = false) {
  auto projection = scim::ListRequestFromQuery(call.params, call.options.max_results);
  json body = projection.ok()
                  ? scim::Project(group, Type(), projection->attributes, projection->excluded)
                  : group;
  const std::string etag = group["meta"].value("version", "");
  return ScimJson(status, body, etag,
                  location ? group["meta"].value("location", "") : std::string());
}

// The user names of `wanted`'s members: from `current` (fresh from GetGroup) where it has the
// member, else through the user directory. 400 invalidValue for an id no user has.
Task<ScimResult<std::vector<std::string>>> MemberNames(Call& call, const json& current,
                                                       const json& wanted) {
  std::map<std::string, std::string> known;
  if (current.is_object() && current.contains("members")) {
    for (const json& m : current["members"]) {
      known[m.value("value", "")] = m.value("display", "");
    }
  }
  if (wanted.contains("members") && wanted["members"].is_array()) {
    for (const json& m : wanted["members"]) {
      if (m.is_object() && m.value("type", "") == "Group") {
        co_return BadRequest(ScimType::kInvalidValue,
                             "members: IAM groups cannot contain groups (nested groups)");
      }
    }
  }
  std::vector<std::string> names;
  for (const std::string& id : scim::MemberIdsOf(wanted)) {
    if (auto it = known.find(id); it != known.end() && !it->second.empty()) {
      names.push_back(it->second);
      continue;
    }
    auto name = co_await UserNameOfId(call, id);
    if (!name.ok()) {
      co_return BadRequest(ScimType::kInvalidValue, "members: " + name.status().message());
    }
    names.push_back(std::move(*name));
  }
  co_return names;
}

// memberIds of a connector group object from the (id, name) pairs the request resolved.
void WithMemberIds(json& group, const std::vector<std::string>& ids,
                   const std::vector<std::string>& names) {
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
}

Task<ServerResponse> Apply(Call& call, const json& current, const json& wanted) {
  auto names = co_await MemberNames(call, current, wanted);
  if (!names.ok()) co_return ScimErrorOf(names.error());
  json change = scim::ScimGroupToGroupChange(current, wanted, *names);
  if (change.empty()) co_return Answer(call, 200, current);
  // The members' ids are known here (the names came from them): asking the connector for
  // memberIds would cost a GetGroup more.
  connector::RawOperationOptions raw;
  raw.fields = "__NAME__,GroupId,Arn,Path,CreatedDate,members";
  const std::string name = current.value("displayName", "");
  auto updated = co_await call.facade().Update(kGroup, name, change, raw);
  call.state.lists.Invalidate(std::string(kGroupResource));
  call.state.lists.Invalidate("User");  // users' groups changed
  if (!updated.ok()) co_return ScimErrorOf(updated.status());
  WithMemberIds(*updated, scim::MemberIdsOf(wanted), *names);
  co_return Answer(call, 200, Remember(call, *updated));
}

Task<ServerResponse> Create(Call& call) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto group = scim::CheckResource(*body, Type());
  if (!group.ok()) co_return ScimErrorOf(group.error());
  auto names = co_await MemberNames(call, json(), *group);
  if (!names.ok()) co_return ScimErrorOf(names.error());
  json change = scim::ScimGroupToGroupChange(json(), *group, *names);
  connector::RawOperationOptions raw;
  raw.fields = "__NAME__,GroupId,Arn,Path,CreatedDate,members";
  auto created = co_await call.facade().Create(kGroup, change, raw);
  call.state.lists.Invalidate(std::string(kGroupResource));
  if (!created.ok()) co_return ScimErrorOf(created.status());
  WithMemberIds(*created, scim::MemberIdsOf(*group), *names);
  co_return Answer(call, 201, Remember(call, *created), /*location=*/true);
}

Task<ServerResponse> Replace(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto wanted = scim::CheckResource(*body, Type());
  if (!wanted.ok()) co_return ScimErrorOf(wanted.error());
  auto current = co_await ReadById(call, id, true);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  const std::string aws(scim::kAwsGroupSchema);
  json& ext = (*wanted)[aws];
  if (!ext.is_object()) ext = json::object();
  for (const auto& [key, value] : (*current)[aws].items()) {
    if (!ext.contains(key)) ext[key] = value;
  }
  if (!wanted->contains("members")) (*wanted)["members"] = json::array();
  co_return co_await Apply(call, *current, *wanted);
}

Task<ServerResponse> Patch(Call& call, const std::string& id) {
  auto body = BodyOf(call);
  if (!body.ok()) co_return ScimErrorOf(body.error());
  auto current = co_await ReadById(call, id, true);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  auto patched = scim::ApplyPatch(*current, *body, Type());
  if (!patched.ok()) co_return ScimErrorOf(patched.error());
  co_return co_await Apply(call, *current, *patched);
}

Task<ServerResponse> Delete(Call& call, const std::string& id) {
  auto current = co_await ReadById(call, id, false);
  if (!current.ok()) co_return ScimErrorOf(current.error());
  if (auto refused = CheckIfMatch(call, *current)) co_return std::move(*refused);
  connector::RawOperationOptions raw;
  raw.fields = "__NAME__";
  const std::string name = current->value("displayName", "");
  auto deleted = co_await call.facade().Delete(kGroup, name, raw);
  call.state.lists.Invalidate(std::string(kGroupResource));
  call.state.lists.Invalidate("User");
  if (!deleted.ok()) co_return ScimErrorOf(deleted.status());
  call.state.groups.Forget(id);
  ServerResponse r;
  r.status = 204;
  co_return r;
}

Task<ServerResponse> Read(Call& call, const std::string& id) {
  auto request = scim::ListRequestFromQuery(call.params, call.options.max_results);
  if (!request.ok()) co_return ScimErrorOf(request.error());
  auto group = co_await ReadById(call, id, NeedsMembers(*request));
  if (!group.ok()) co_return ScimErrorOf(group.error());
  co_return Answer(call, 200, *group);
}

}  // namespace

Task<ServerResponse> HandleGroups(Call& call) {
  const std::string& method = call.request.method;
  if (call.rest.empty()) {
    if (method == "GET") {
      auto request = scim::ListRequestFromQuery(call.params, call.options.max_results);
      if (!request.ok()) co_return ScimErrorOf(request.error());
      co_return co_await List(call, *request);
    }
    if (method == "POST") co_return co_await Create(call);
  } else if (call.rest.size() == 1 && call.rest[0] == ".search") {
    if (method == "POST") {
      auto body = BodyOf(call);
      if (!body.ok()) co_return ScimErrorOf(body.error());
      auto request = scim::ListRequestFromSearchBody(*body, call.options.max_results);
      if (!request.ok()) co_return ScimErrorOf(request.error());
      co_return co_await List(call, *request);
    }
  } else if (call.rest.size() == 1) {
    const std::string id = call.rest[0];
    if (method == "GET") co_return co_await Read(call, id);
    if (method == "PUT") co_return co_await Replace(call, id);
    if (method == "PATCH") co_return co_await Patch(call, id);
    if (method == "DELETE") co_return co_await Delete(call, id);
  } else {
    co_return ScimErrorOf(ScimError{404, ScimType::kNone, "not found", 0});
  }
  co_return ScimErrorOf(ScimError{405, ScimType::kNone, "method not allowed", 0});
}

}  // namespace aic::scim_internal
