#include "server/scim/scim_group_mapping.h"

#include <set>

#include "scim/scim_schema.h"
#include "server/scim/scim_user_mapping.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

std::string Str(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::vector<std::string> GroupFieldsFor(bool members) {
  std::vector<std::string> fields = {"__NAME__", "GroupId", "Arn", "Path", "CreatedDate"};
  if (members) {
    fields.push_back("members");
    fields.push_back("memberIds");
  }
  return fields;
}

json GroupToScimGroup(const json& group, std::string_view base_url) {
  const std::string id = Str(group, "GroupId");
  json out = {{"schemas", json::array({kGroupSchema, kAwsGroupSchema})},
              {"id", id},
              {"displayName", Str(group, "__NAME__")}};
  if (auto names = group.find("members"); names != group.end() && names->is_array()) {
    const json ids = group.value("memberIds", json::array());
    json members = json::array();
    for (std::size_t i = 0; i < names->size(); ++i) {
      std::string uid = ids.is_array() && i < ids.size() && ids[i].is_string()
                            ? ids[i].get<std::string>()
                            : std::string();
      json m = {{"value", uid}, {"display", (*names)[i]}, {"type", "User"}};
      if (!uid.empty()) m["$ref"] = std::string(base_url) + "/Users/" + uid;
      members.push_back(std::move(m));
    }
    out["members"] = std::move(members);
  }
  out[std::string(kAwsGroupSchema)] = {{"path", Str(group, "Path")}, {"arn", Str(group, "Arn")}};
  const std::string created = Str(group, "CreatedDate");
  out["meta"] = {{"resourceType", "Group"},
                 {"created", created},
                 {"lastModified", created},
                 {"location", std::string(base_url) + "/Groups/" + id}};
  out["meta"]["version"] = WeakEtagOf(out);
  return out;
}

std::vector<std::string> MemberIdsOf(const json& scim_group) {
  std::vector<std::string> ids;
  auto members = scim_group.find("members");
  if (members == scim_group.end() || !members->is_array()) return ids;
  std::set<std::string> seen;
  for (const json& m : *members) {
    const std::string type = Str(m, "type");
    const std::string value = Str(m, "value");
    if (value.empty() || (!type.empty() && type != "User")) continue;
    if (seen.insert(value).second) ids.push_back(value);
  }
  return ids;
}

json ScimGroupToGroupChange(const json& current, const json& wanted,
                            const std::vector<std::string>& member_names) {
  const bool creating = current.is_null();
  json change = json::object();
  const std::string name = Str(wanted, "displayName");
  if (creating || name != Str(current, "displayName")) change["__NAME__"] = name;
  const json aws = wanted.value(std::string(kAwsGroupSchema), json::object());
  const std::string path = Str(aws, "path");
  const json was = current.is_object() ? current.value(std::string(kAwsGroupSchema), json::object())
                                       : json::object();
  if (!path.empty() && path != Str(was, "path")) change["Path"] = path;
  auto id_set = [](const json& group) {
    std::vector<std::string> ids = MemberIdsOf(group);
    return std::set<std::string>(ids.begin(), ids.end());
  };
  const bool had_members = current.is_object() && current.contains("members");
  const bool members_changed =
      creating ? !member_names.empty()
               : (wanted.contains("members") || had_members) && id_set(wanted) != id_set(current);
  if (members_changed) change["members"] = member_names;
  return change;
}

}  // namespace aic::scim
