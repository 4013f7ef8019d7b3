// Schema: the attributes of every object class with their type and flags (SPEC section 2), and
// their rendering in OpenIDM's provisioner `objectTypes` JSON form (SPEC 4.9).
//
// Schema::Aws() is the AWS IAM connector's schema: `__ACCOUNT__` and `__GROUP__` (creatable and
// updatable attributes), `__POLICY__` (a read-only class), `__ROLE__` (not creatable; only
// `policies` is updatable) and `__ALL__` (no attributes).
// `_id`/`__UID__` is not an attribute: it is the object's identifier (see uid.h); on input it
// is handled by the validator.
//
// Aliases accepted on input (CanonicalAttributeName): `__USER__` -> `__NAME__`,
// `PermissionBoundary` -> `PermissionsBoundary`, `__UID__` -> `_id`.
//
// objectTypes rendering, per class:
//   {"$schema": "http://json-schema.org/draft-03/schema", "id": "__ACCOUNT__", "type": "object",
//    "nativeType": "__ACCOUNT__", "properties": {NAME: PROPERTY, ...}}
// and per property: "type" (string, boolean, integer, object, or array with "items"),
// "nativeName", "nativeType" (string, boolean, integer, object, JAVA_TYPE_GUARDEDSTRING; dates
// are ISO 8601 strings with "format": "date-time"), "required", and "flags" (a subset of
// NOT_CREATABLE, NOT_UPDATEABLE, NOT_READABLE, NOT_RETURNED_BY_DEFAULT, always present).
//
// Thread safety: immutable after construction; Schema::Aws() is a thread-safe static.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/connector/object_class.h"

namespace aic::connector {

inline constexpr std::string_view kNameAttribute = "__NAME__";
inline constexpr std::string_view kPasswordAttribute = "__PASSWORD__";
inline constexpr std::string_view kEnableAttribute = "__ENABLE__";
inline constexpr std::string_view kNameAlias = "__USER__";
inline constexpr std::string_view kPermissionsBoundaryAttribute = "PermissionsBoundary";
inline constexpr std::string_view kPermissionsBoundaryAlias = "PermissionBoundary";
inline constexpr std::string_view kTagsAttribute = "Tags";
inline constexpr std::string_view kObjectTypesSchemaUri = "http://json-schema.org/draft-03/schema";

// IAM limits the schema enforces on input.
inline constexpr std::size_t kMaxTags = 50;
inline constexpr std::size_t kMaxTagKeyLength = 128;
inline constexpr std::size_t kMaxTagValueLength = 256;
inline constexpr std::size_t kMaxUserNameLength = 64;
inline constexpr std::size_t kMaxGroupNameLength = 128;
inline constexpr std::size_t kMaxPathLength = 512;
inline constexpr std::size_t kMaxArnLength = 2048;
inline constexpr std::size_t kMaxPasswordLength = 128;
inline constexpr std::size_t kMaxListAttributeValues = 1000;

enum class AttributeType { kString, kBoolean, kInteger, kDate, kGuardedString, kObject };

// An extra rule on a string value, checked by the validator.
enum class ValueRule {
  kNone,
  kIamName,       // a user name: 1-64 of [A-Za-z0-9+=,.@_-]
  kIamGroupName,  // a group name: 1-128 of [A-Za-z0-9+=,.@_-]
  kIamPath,       // "/" or "/.../", at most 512, characters 0x21-0x7E
  kArn,           // "arn:" followed by partition, service, ...
  kTag,           // an object {"Key": 1-128 chars, "Value": 0-256 chars}
};

std::string_view AttributeTypeName(AttributeType type);

struct AttributeInfo {
  std::string name;
  AttributeType type = AttributeType::kString;
  bool required = false;  // on create
  bool creatable = true;
  bool updateable = true;
  bool readable = true;
  bool multi_valued = false;
  bool returned_by_default = true;
  bool case_insensitive = false;  // string values compare without case (IAM names)
  ValueRule rule = ValueRule::kNone;
  std::size_t max_values = 0;  // for multi-valued attributes; 0 means kMaxListAttributeValues

  bool read_only() const { return !creatable && !updateable; }
};

// The attributes of one object class.
class ObjectClassInfo {
 public:
  ObjectClassInfo(ObjectClass object_class, std::vector<AttributeInfo> attributes);

  ObjectClass object_class() const { return object_class_; }
  std::string_view name() const { return ObjectClassName(object_class_); }
  const std::vector<AttributeInfo>& attributes() const { return attributes_; }

  // The attribute with this canonical name, or nullptr.
  const AttributeInfo* Find(std::string_view name) const;
  // True when no attribute can be created or updated (`__POLICY__`, `__ALL__`).
  bool read_only() const;
  // True when some attribute can be set on create (false for `__ROLE__`: objects of the class
  // cannot be created).
  bool creatable() const;
  // True when `_id` is the object's `__NAME__` (accounts and groups; a policy's `_id` is its Arn).
  bool uid_is_name() const { return object_class_ != ObjectClass::kPolicy; }
  // Names of the readable attributes returned by default, in schema order.
  std::vector<std::string> DefaultAttributesToGet() const;
  // True when string values of this field compare case-insensitively (`_id` follows `__NAME__`
  // for classes where uid_is_name()).
  bool IsCaseInsensitive(std::string_view field) const;
  // The objectTypes entry of this class.
  nlohmann::json ToObjectType() const;

 private:
  ObjectClass object_class_;
  std::vector<AttributeInfo> attributes_;
};

class Schema {
 public:
  explicit Schema(std::vector<ObjectClassInfo> classes);

  // The AWS IAM connector's schema (SPEC section 2).
  static const Schema& Aws();

  // The class, or nullptr if this schema does not have it.
  const ObjectClassInfo* Find(ObjectClass object_class) const;
  const std::vector<ObjectClassInfo>& classes() const { return classes_; }
  // {"__ACCOUNT__": {...}, "__GROUP__": {...}, ...}
  nlohmann::json ToObjectTypes() const;
  // ["__ACCOUNT__", "__GROUP__", "__POLICY__", "__ROLE__", "__ALL__"]
  std::vector<std::string> ObjectTypeNames() const;

 private:
  std::vector<ObjectClassInfo> classes_;
};

// Folds the input aliases into canonical names: `__USER__` -> `__NAME__`,
// `PermissionBoundary` -> `PermissionsBoundary`, `__UID__` -> `_id`; others unchanged.
std::string_view CanonicalAttributeName(std::string_view name);

}  // namespace aic::connector
