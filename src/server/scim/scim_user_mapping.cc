#include "server/scim/scim_user_mapping.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <set>

#include "aws_iam_connector/connector/schema.h"
#include "common/text_codec.h"
#include "scim/scim_schema.h"
#include "server/scim/scim_tag_codec.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

constexpr std::string_view kLastModifiedTag = "scim:lastModified";

// The core and enterprise attributes kept in tags, in the order they are written.
constexpr std::array<std::string_view, 12> kCoreTagAttributes = {
    "externalId",        "displayName", "name",     "nickName", "title",        "userType",
    "preferredLanguage", "locale",      "timezone", "emails",   "phoneNumbers", "addresses"};
constexpr std::array<std::string_view, 6> kEnterpriseTagAttributes = {
    "employeeNumber", "costCenter", "organization", "division", "department", "manager"};

std::string Str(const json& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const json& Member(const json& object, std::string_view key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

bool IsEmptyValue(const json& v) {
  return v.is_null() || (v.is_string() && v.get_ref<const std::string&>().empty()) ||
         (v.is_array() && v.empty()) || (v.is_object() && v.empty());
}

// The user's own tags ({Key, Value}) as the aws extension shows them ({key, value}).
json OwnTagsToScim(const json& tags) {
  json out = json::array();
  if (!tags.is_array()) return out;
  for (const json& t : tags) {
    const std::string key = Str(t, "Key");
    if (IsScimTagKey(key)) continue;
    out.push_back({{"key", key}, {"value", Str(t, "Value")}});
  }
  return out;
}

// The IAM tags a SCIM User keeps: its own tags and one "scim:" tag per stored attribute.
ScimResult<json> TagsOf(const json& user) {
  json tags = json::array();
  const json& own = Member(Member(user, kAwsUserSchema), "tags");
  if (own.is_array()) {
    for (const json& t : own) {
      tags.push_back({{"Key", Str(t, "key")}, {"Value", Str(t, "value")}});
    }
  }
  auto add = [&](std::string key, const json& value) -> std::optional<ScimError> {
    if (IsEmptyValue(value)) return std::nullopt;
    auto encoded = EncodeTagValue(key.substr(kScimTagPrefix.size()), value);
    if (!encoded.ok()) return encoded.error();
    tags.push_back({{"Key", std::move(key)}, {"Value", std::move(*encoded)}});
    return std::nullopt;
  };
  for (std::string_view a : kCoreTagAttributes) {
    if (auto e = add(std::string(kScimTagPrefix) + std::string(a), Member(user, a))) return *e;
  }
  const json& enterprise = Member(user, kEnterpriseUserSchema);
  for (std::string_view a : kEnterpriseTagAttributes) {
    if (auto e = add(std::string(kEnterpriseTagPrefix) + std::string(a), Member(enterprise, a))) {
      return *e;
    }
  }
  return tags;
}

std::set<std::string> EntitlementValues(const json& user) {
  std::set<std::string> out;
  const json& list = Member(user, "entitlements");
  if (!list.is_array()) return out;
  for (const json& e : list) {
    if (e.is_object() && Member(e, "value").is_string()) out.insert(Str(e, "value"));
  }
  return out;
}

void PutTaggedAttribute(json& user, json& enterprise, std::string_view key, const json& value) {
  if (key.substr(0, kEnterpriseTagPrefix.size()) == kEnterpriseTagPrefix) {
    std::string_view name = key.substr(kEnterpriseTagPrefix.size());
    if (std::find(kEnterpriseTagAttributes.begin(), kEnterpriseTagAttributes.end(), name) !=
        kEnterpriseTagAttributes.end()) {
      enterprise[std::string(name)] = value;
    }
    return;
  }
  std::string_view name = key.substr(kScimTagPrefix.size());
  if (std::find(kCoreTagAttributes.begin(), kCoreTagAttributes.end(), name) !=
      kCoreTagAttributes.end()) {
    user[std::string(name)] = value;
  }
}

}  // namespace

std::vector<std::string> AccountFieldsFor(const UserReadNeeds& needs) {
  std::vector<std::string> fields = {"__NAME__",
                                     "UserId",
                                     "Arn",
                                     "Path",
                                     "CreatedDate",
                                     "PasswordLastUsed",
                                     "PermissionsBoundary",
                                     "Tags",
                                     "__ENABLE__"};
  if (needs.groups) {
    fields.push_back("groups");
    fields.push_back("groupIds");
  }
  if (needs.entitlements) fields.push_back("policies");
  if (needs.password_reset_required) fields.push_back("PasswordResetRequired");
  return fields;
}

json AccountToScimUser(const json& account, std::string_view base_url) {
  const std::string id = Str(account, "UserId");
  json user = {
      {"schemas", json::array({kUserSchema})}, {"id", id}, {"userName", Str(account, "__NAME__")}};
  json enterprise = json::object();
  std::string last_modified;
  const json& tags = Member(account, "Tags");
  if (tags.is_array()) {
    for (const json& t : tags) {
      const std::string key = Str(t, "Key");
      if (!IsScimTagKey(key)) continue;
      if (key == kLastModifiedTag) {
        last_modified = Str(t, "Value");
        continue;
      }
      PutTaggedAttribute(user, enterprise, key, DecodeTagValue(Str(t, "Value")));
    }
  }
  const json& enabled = Member(account, "__ENABLE__");
  user["active"] = enabled.is_boolean() ? enabled.get<bool>() : true;
  if (const json& names = Member(account, "groups"); names.is_array()) {
    const json& ids = Member(account, "groupIds");
    json groups = json::array();
    for (std::size_t i = 0; i < names.size(); ++i) {
      std::string gid = ids.is_array() && i < ids.size() && ids[i].is_string()
                            ? ids[i].get<std::string>()
                            : std::string();
      json g = {{"value", gid}, {"display", names[i]}, {"type", "direct"}};
      if (!gid.empty()) g["$ref"] = std::string(base_url) + "/Groups/" + gid;
      groups.push_back(std::move(g));
    }
    user["groups"] = std::move(groups);
  }
  if (const json& policies = Member(account, "policies"); policies.is_array()) {
    json entitlements = json::array();
    for (const json& arn : policies) entitlements.push_back({{"value", arn}, {"type", "policy"}});
    user["entitlements"] = std::move(entitlements);
  }
  if (!enterprise.empty()) {
    user["schemas"].push_back(kEnterpriseUserSchema);
    user[std::string(kEnterpriseUserSchema)] = std::move(enterprise);
  }
  json aws = {
      {"path", Str(account, "Path")}, {"arn", Str(account, "Arn")}, {"tags", OwnTagsToScim(tags)}};
  if (const json& b = Member(account, "PermissionsBoundary"); b.is_string()) {
    aws["permissionsBoundary"] = b;
  }
  if (const json& r = Member(account, "PasswordResetRequired"); r.is_boolean()) {
    aws["passwordResetRequired"] = r;
  }
  if (const json& u = Member(account, "PasswordLastUsed"); u.is_string()) {
    aws["passwordLastUsed"] = u;
  }
  user["schemas"].push_back(kAwsUserSchema);
  user[std::string(kAwsUserSchema)] = std::move(aws);
  const std::string created = Str(account, "CreatedDate");
  user["meta"] = {{"resourceType", "User"},
                  {"created", created},
                  {"lastModified", last_modified.empty() ? created : last_modified},
                  {"location", std::string(base_url) + "/Users/" + id}};
  user["meta"]["version"] = WeakEtagOf(user);
  return user;
}

ScimResult<json> ScimUserToAccountChange(const json& current, const json& wanted,
                                         std::string_view now) {
  const bool creating = current.is_null();
  json change = json::object();
  const std::string name = Str(wanted, "userName");
  if (creating || name != Str(current, "userName")) {
    change["__NAME__"] = name;
  }
  if (const json& p = Member(wanted, "password"); p.is_string()) change["__PASSWORD__"] = p;
  if (const json& a = Member(wanted, "active"); a.is_boolean()) {
    if (creating ? !a.get<bool>() : a != Member(current, "active")) change["__ENABLE__"] = a;
  }
  if (Member(wanted, "entitlements").is_array() || Member(current, "entitlements").is_array()) {
    std::set<std::string> want = EntitlementValues(wanted);
    if (creating ? !want.empty() : want != EntitlementValues(current)) {
      change["policies"] = json(std::vector<std::string>(want.begin(), want.end()));
    }
  }
  const json& aws = Member(wanted, kAwsUserSchema);
  const json& was = Member(current, kAwsUserSchema);
  std::string path = Str(aws, "path");
  if (!path.empty() && path != Str(was, "path")) change["Path"] = path;
  const json& boundary = Member(aws, "permissionsBoundary");
  if (boundary != Member(was, "permissionsBoundary")) {
    change["PermissionsBoundary"] = boundary.is_string() ? boundary : json("");
    if (creating && !boundary.is_string()) change.erase("PermissionsBoundary");
  }
  const json& reset = Member(aws, "passwordResetRequired");
  if (reset.is_boolean() && (creating || change.contains("__PASSWORD__") ||
                             reset != Member(was, "passwordResetRequired"))) {
    change["PasswordResetRequired"] = reset;
  }
  auto tags = TagsOf(wanted);
  if (!tags.ok()) return tags.error();
  bool tags_changed = creating ? !tags->empty() : true;
  if (!creating) {
    auto before = TagsOf(current);
    tags_changed = !before.ok() || *before != *tags;
  }
  if (!creating && (tags_changed || !change.empty())) {
    tags->push_back({{"Key", kLastModifiedTag}, {"Value", std::string(now)}});
    tags_changed = true;
  }
  const std::size_t limit = connector::kMaxTags - kReservedConnectorTags;
  if (tags->size() > limit) {
    return BadRequest(ScimType::kInvalidValue,
                      "the user would need " + std::to_string(tags->size()) +
                          " IAM tags (its own tags and one per stored SCIM attribute); at most " +
                          std::to_string(limit) + " are available");
  }
  if (tags_changed) change["Tags"] = std::move(*tags);
  return change;
}

std::string WeakEtagOf(const json& resource) {
  json copy = resource;
  if (copy.contains("meta")) copy["meta"].erase("version");
  const std::string text = copy.dump(-1, ' ', false, json::error_handler_t::replace);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return "W/\"" + text::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), 12)) +
         "\"";
}

}  // namespace aic::scim
