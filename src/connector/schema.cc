#include "aws_iam_connector/connector/schema.h"

#include <algorithm>
#include <utility>

#include "aws_iam_connector/connector/uid.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

// Builders for the attribute table, so the table below reads like SPEC section 2.
AttributeInfo Attr(std::string name, AttributeType type) {
  AttributeInfo a;
  a.name = std::move(name);
  a.type = type;
  return a;
}
AttributeInfo ReadOnly(AttributeInfo a) {
  a.creatable = false;
  a.updateable = false;
  return a;
}
AttributeInfo Multi(AttributeInfo a, std::size_t max_values = 0) {
  a.multi_valued = true;
  a.max_values = max_values;
  return a;
}
AttributeInfo NotByDefault(AttributeInfo a) {
  a.returned_by_default = false;
  return a;
}
AttributeInfo WithRule(AttributeInfo a, ValueRule rule) {
  a.rule = rule;
  return a;
}
AttributeInfo NoCase(AttributeInfo a) {
  a.case_insensitive = true;
  return a;
}
AttributeInfo Required(AttributeInfo a) {
  a.required = true;
  return a;
}

constexpr AttributeType kStr = AttributeType::kString;
constexpr AttributeType kBool = AttributeType::kBoolean;
constexpr AttributeType kInt = AttributeType::kInteger;
constexpr AttributeType kDate = AttributeType::kDate;
constexpr AttributeType kObj = AttributeType::kObject;

// A group may hold every user of the account: IAM's default quota is 5000 users.
constexpr std::size_t kMaxGroupMembers = 5000;

std::vector<AttributeInfo> AccountAttributes() {
  AttributeInfo password = Attr(std::string(kPasswordAttribute), AttributeType::kGuardedString);
  password.readable = false;
  password.returned_by_default = false;
  return {
      Required(NoCase(WithRule(Attr(std::string(kNameAttribute), kStr), ValueRule::kIamName))),
      ReadOnly(Attr("UserId", kStr)),
      ReadOnly(Attr("Arn", kStr)),
      WithRule(Attr("Path", kStr), ValueRule::kIamPath),
      ReadOnly(Attr("CreatedDate", kDate)),
      ReadOnly(Attr("PasswordLastUsed", kDate)),
      WithRule(Attr(std::string(kPermissionsBoundaryAttribute), kStr), ValueRule::kArn),
      Multi(WithRule(Attr(std::string(kTagsAttribute), kObj), ValueRule::kTag), kMaxTags),
      password,
      NotByDefault(Attr("PasswordResetRequired", kBool)),
      NotByDefault(Attr(std::string(kEnableAttribute), kBool)),
      Multi(NoCase(WithRule(Attr("groups", kStr), ValueRule::kIamGroupName))),
      ReadOnly(NotByDefault(Multi(Attr("groupIds", kStr)))),  // the GroupIds of `groups`
      Multi(WithRule(Attr("policies", kStr), ValueRule::kArn)),
      ReadOnly(Multi(Attr("inlinePolicies", kStr))),
      ReadOnly(NotByDefault(Multi(Attr("accessKeys", kObj)))),
      ReadOnly(NotByDefault(Multi(Attr("mfaDevices", kStr)))),
      // Usage from the IAM credential report (docs/usage.md): read only when asked.
      ReadOnly(NotByDefault(Attr("mfaActive", kBool))),
      ReadOnly(NotByDefault(Attr("passwordEnabled", kBool))),
      ReadOnly(NotByDefault(Attr("passwordLastChanged", kDate))),
      ReadOnly(NotByDefault(Attr("passwordNextRotation", kDate))),
      ReadOnly(NotByDefault(Attr("lastActivity", kDate))),
      ReadOnly(NotByDefault(Multi(Attr("accessKeyUsage", kObj)))),
  };
}

std::vector<AttributeInfo> GroupAttributes() {
  return {
      Required(NoCase(WithRule(Attr(std::string(kNameAttribute), kStr), ValueRule::kIamGroupName))),
      ReadOnly(Attr("GroupId", kStr)),
      ReadOnly(Attr("Arn", kStr)),
      WithRule(Attr("Path", kStr), ValueRule::kIamPath),
      ReadOnly(Attr("CreatedDate", kDate)),
      Multi(WithRule(Attr("policies", kStr), ValueRule::kArn)),
      ReadOnly(Multi(Attr("inlinePolicies", kStr))),
      NotByDefault(
          Multi(NoCase(WithRule(Attr("members", kStr), ValueRule::kIamName)), kMaxGroupMembers)),
      ReadOnly(NotByDefault(Multi(Attr("memberIds", kStr)))),  // the UserIds of `members`
  };
}

std::vector<AttributeInfo> PolicyAttributes() {
  return {
      ReadOnly(NoCase(Attr(std::string(kNameAttribute), kStr))),
      ReadOnly(Attr("PolicyId", kStr)),
      ReadOnly(Attr("Arn", kStr)),
      ReadOnly(Attr("Path", kStr)),
      ReadOnly(Attr("Description", kStr)),
      ReadOnly(Attr("DefaultVersionId", kStr)),
      ReadOnly(Attr("AttachmentCount", kInt)),
      ReadOnly(Attr("PermissionsBoundaryUsageCount", kInt)),
      ReadOnly(Attr("IsAttachable", kBool)),
      ReadOnly(Attr("CreatedDate", kDate)),
      ReadOnly(Attr("UpdatedDate", kDate)),
      ReadOnly(Attr("Scope", kStr)),
      ReadOnly(NotByDefault(Attr("document", kObj))),
  };
}

// The JSON-schema type and the OpenICF native type of a single value.
std::pair<std::string_view, std::string_view> JsonTypes(AttributeType type) {
  switch (type) {
    case AttributeType::kString:
      return {"string", "string"};
    case AttributeType::kBoolean:
      return {"boolean", "boolean"};
    case AttributeType::kInteger:
      return {"integer", "integer"};
    case AttributeType::kDate:
      return {"string", "string"};
    case AttributeType::kGuardedString:
      return {"string", "JAVA_TYPE_GUARDEDSTRING"};
    case AttributeType::kObject:
      return {"object", "object"};
  }
  return {"string", "string"};
}

json RenderProperty(const AttributeInfo& a) {
  auto [type, native_type] = JsonTypes(a.type);
  json p = json::object();
  if (a.multi_valued) {
    p["type"] = "array";
    json items = {{"type", type}, {"nativeType", native_type}};
    if (a.type == AttributeType::kDate) items["format"] = "date-time";
    p["items"] = std::move(items);
  } else {
    p["type"] = type;
    if (a.type == AttributeType::kDate) p["format"] = "date-time";
  }
  p["nativeName"] = a.name;
  p["nativeType"] = native_type;
  p["required"] = a.required;
  json flags = json::array();
  if (!a.creatable) flags.push_back("NOT_CREATABLE");
  if (!a.updateable) flags.push_back("NOT_UPDATEABLE");
  if (!a.readable) flags.push_back("NOT_READABLE");
  if (!a.returned_by_default) flags.push_back("NOT_RETURNED_BY_DEFAULT");
  p["flags"] = std::move(flags);
  return p;
}

}  // namespace

std::string_view AttributeTypeName(AttributeType type) {
  switch (type) {
    case AttributeType::kString:
      return "string";
    case AttributeType::kBoolean:
      return "boolean";
    case AttributeType::kInteger:
      return "integer";
    case AttributeType::kDate:
      return "date";
    case AttributeType::kGuardedString:
      return "guarded string";
    case AttributeType::kObject:
      return "object";
  }
  return "string";
}

ObjectClassInfo::ObjectClassInfo(ObjectClass object_class, std::vector<AttributeInfo> attributes)
    : object_class_(object_class), attributes_(std::move(attributes)) {}

const AttributeInfo* ObjectClassInfo::Find(std::string_view name) const {
  for (const AttributeInfo& a : attributes_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool ObjectClassInfo::read_only() const {
  return std::none_of(attributes_.begin(), attributes_.end(),
                      [](const AttributeInfo& a) { return a.creatable || a.updateable; });
}

std::vector<std::string> ObjectClassInfo::DefaultAttributesToGet() const {
  std::vector<std::string> out;
  for (const AttributeInfo& a : attributes_) {
    if (a.readable && a.returned_by_default) out.push_back(a.name);
  }
  return out;
}

bool ObjectClassInfo::IsCaseInsensitive(std::string_view field) const {
  field = CanonicalAttributeName(field);
  if (field == kIdField) {
    if (!uid_is_name()) return false;
    field = kNameAttribute;
  }
  const AttributeInfo* a = Find(field);
  return a != nullptr && a->case_insensitive;
}

nlohmann::json ObjectClassInfo::ToObjectType() const {
  json properties = json::object();
  for (const AttributeInfo& a : attributes_) properties[a.name] = RenderProperty(a);
  return json{{"$schema", kObjectTypesSchemaUri},
              {"id", name()},
              {"type", "object"},
              {"nativeType", name()},
              {"properties", std::move(properties)}};
}

Schema::Schema(std::vector<ObjectClassInfo> classes) : classes_(std::move(classes)) {}

const Schema& Schema::Aws() {
  static const Schema* const kSchema = new Schema({
      ObjectClassInfo(ObjectClass::kAccount, AccountAttributes()),
      ObjectClassInfo(ObjectClass::kGroup, GroupAttributes()),
      ObjectClassInfo(ObjectClass::kPolicy, PolicyAttributes()),
      ObjectClassInfo(ObjectClass::kAll, {}),
  });
  return *kSchema;
}

const ObjectClassInfo* Schema::Find(ObjectClass object_class) const {
  for (const ObjectClassInfo& c : classes_) {
    if (c.object_class() == object_class) return &c;
  }
  return nullptr;
}

nlohmann::json Schema::ToObjectTypes() const {
  json out = json::object();
  for (const ObjectClassInfo& c : classes_) out[std::string(c.name())] = c.ToObjectType();
  return out;
}

std::vector<std::string> Schema::ObjectTypeNames() const {
  std::vector<std::string> out;
  for (const ObjectClassInfo& c : classes_) out.emplace_back(c.name());
  return out;
}

std::string_view CanonicalAttributeName(std::string_view name) {
  if (name == kNameAlias) return kNameAttribute;
  if (name == kPermissionsBoundaryAlias) return kPermissionsBoundaryAttribute;
  if (name == kUidAttribute) return kIdField;
  return name;
}

}  // namespace aic::connector
