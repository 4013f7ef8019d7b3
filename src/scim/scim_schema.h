// scim_schema: the RFC 7643 schema model (attribute characteristics, schemas, resource types),
// the schemas this service provider offers (User with the enterprise and AWS extensions, Group
// with the AWS extension), their discovery JSON (RFC 7643 sections 6 and 7), and attribute
// paths: parsing ("name.givenName", "urn:...:enterprise:2.0:User:manager.value") and
// resolving them against a resource type, case-insensitively (RFC 7643 2.1).
//
// Resource JSON layout (RFC 7643 section 3): core attributes at the top level, an extension's
// attributes inside an object under the extension's URN, and the common attributes "schemas",
// "id", "externalId" and "meta". Only the attributes defined here are supported.
//
// Errors: ParseAttrPath returns 400 invalidPath naming the character at fault; Resolve returns
// nullopt for a path that names no attribute of the type.
// Thread safety: the definitions are immutable statics, built on first use (thread-safe);
// every function is safe to call from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scim/scim_error.h"

namespace aic::scim {

inline constexpr std::string_view kUserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
inline constexpr std::string_view kGroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
inline constexpr std::string_view kEnterpriseUserSchema =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
inline constexpr std::string_view kAwsUserSchema =
    "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:User";
inline constexpr std::string_view kAwsGroupSchema =
    "urn:ietf:params:scim:schemas:extension:aws-iam-connector:2.0:Group";
inline constexpr std::string_view kPatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
inline constexpr std::string_view kListResponseSchema =
    "urn:ietf:params:scim:api:messages:2.0:ListResponse";
inline constexpr std::string_view kErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
inline constexpr std::string_view kServiceProviderConfigSchema =
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
inline constexpr std::string_view kResourceTypeSchema =
    "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
inline constexpr std::string_view kSchemaSchema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

enum class AttrType {
  kString,
  kBoolean,
  kDecimal,
  kInteger,
  kDateTime,
  kReference,
  kComplex,
  kBinary
};
enum class Mutability { kReadOnly, kReadWrite, kImmutable, kWriteOnly };
enum class Returned { kAlways, kNever, kDefault, kRequest };
enum class Uniqueness { kNone, kServer, kGlobal };

struct AttributeDef {
  std::string name;
  AttrType type = AttrType::kString;
  bool multi_valued = false;
  std::string description;
  bool required = false;
  bool case_exact = false;
  Mutability mutability = Mutability::kReadWrite;
  Returned returned = Returned::kDefault;
  Uniqueness uniqueness = Uniqueness::kNone;
  std::vector<std::string> canonical_values;
  std::vector<std::string> reference_types;
  std::vector<AttributeDef> sub_attributes;
};

struct SchemaDef {
  std::string id;
  std::string name;
  std::string description;
  std::vector<AttributeDef> attributes;
};

struct ResourceTypeDef {
  std::string id;
  std::string name;
  std::string endpoint;
  std::string description;
  const SchemaDef* schema = nullptr;
  std::vector<std::pair<const SchemaDef*, bool /*required*/>> extensions;
};

// id "User", endpoint "/Users", schema kUserSchema, extensions: enterprise and AWS user.
const ResourceTypeDef& UserResourceType();
// id "Group", endpoint "/Groups", schema kGroupSchema, extension: AWS group.
const ResourceTypeDef& GroupResourceType();
// User, enterprise user, AWS user, Group, AWS group (the /Schemas answer).
std::vector<const SchemaDef*> AllSchemas();
// The common attributes every resource has (RFC 7643 3.1): "schemas" (read-only, returned
// always), "id" (read-only, returned always, caseExact), "externalId" (caseExact) and "meta"
// (read-only; resourceType, created, lastModified, location, version). Not part of any schema's
// discovery JSON.
const std::vector<AttributeDef>& CommonAttributes();

// The schema of `type` that `urn` names (case-insensitively): its core schema or one of its
// extensions; nullptr otherwise.
const SchemaDef* SchemaOf(const ResourceTypeDef& type, std::string_view urn);
// The named sub-attribute of a complex attribute (case-insensitive); nullptr if none.
const AttributeDef* SubAttribute(const AttributeDef& attr, std::string_view name);

// RFC 7643 section 7 form, with "schemas", meta.resourceType "Schema" and
// meta.location = base_url + "/Schemas/" + id.
nlohmann::json SchemaToJson(const SchemaDef& schema, std::string_view base_url);
// RFC 7643 section 6 form, with meta.location = base_url + "/ResourceTypes/" + id.
nlohmann::json ResourceTypeToJson(const ResourceTypeDef& type, std::string_view base_url);

// An attribute path (RFC 7644 3.10): [URN ":"] attr ["." sub_attr]. `schema` is the URN as
// written, or empty (the core schema, or a common attribute). `attr` is empty only when the
// text is exactly a known schema URN (the whole extension, as in "attributes=urn:...:User").
struct AttrPath {
  std::string schema;
  std::string attr;
  std::string sub_attr;
  bool operator==(const AttrPath&) const = default;
};
// "userName", "name.givenName", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:
// manager.value". Attribute names are ALPHA *(ALPHA / DIGIT / "-" / "_"), or "$ref"; one
// sub-attribute at most. A URN prefix that is a known schema is split there; another "urn:"
// prefix is split at its last ':'. 400 invalidPath otherwise.
ScimResult<AttrPath> ParseAttrPath(std::string_view text);
// The canonical text of a path ("urn:...:User:manager.value").
std::string AttrPathToString(const AttrPath& path);

struct ResolvedAttr {
  const SchemaDef* schema;   // the core schema for core and common attributes
  const AttributeDef* attr;  // the top-level attribute
  const AttributeDef* sub;   // null without a sub-attribute
};
// Names are case-insensitive. Without a URN, or with the core schema's URN: the core schema's
// attributes and the common attributes; with an extension URN of `type`: that extension's
// attributes. A sub-attribute must be one of the attribute's sub-attributes. nullopt for an
// unknown schema, attribute or sub-attribute, or for a whole-schema path (attr empty).
std::optional<ResolvedAttr> Resolve(const ResourceTypeDef& type, const AttrPath& path);

// The names RFC 7643 uses ("string", "readOnly", "always", "server", ...).
std::string_view AttrTypeName(AttrType type);
std::string_view MutabilityName(Mutability mutability);
std::string_view ReturnedName(Returned returned);
std::string_view UniquenessName(Uniqueness uniqueness);

}  // namespace aic::scim
