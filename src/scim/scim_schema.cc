#include "scim/scim_schema.h"

#include <algorithm>
#include <string>

#include "common/text_codec.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

const AttributeDef* FindAttr(const std::vector<AttributeDef>& attrs, std::string_view name) {
  for (const AttributeDef& a : attrs) {
    if (text::EqualsIgnoreCase(a.name, name)) return &a;
  }
  return nullptr;
}

json AttributeToJson(const AttributeDef& a) {
  json j = {{"name", a.name},
            {"type", AttrTypeName(a.type)},
            {"multiValued", a.multi_valued},
            {"description", a.description},
            {"required", a.required},
            {"caseExact", a.case_exact},
            {"mutability", MutabilityName(a.mutability)},
            {"returned", ReturnedName(a.returned)},
            {"uniqueness", UniquenessName(a.uniqueness)}};
  if (!a.canonical_values.empty()) j["canonicalValues"] = a.canonical_values;
  if (a.type == AttrType::kReference) j["referenceTypes"] = a.reference_types;
  if (a.type == AttrType::kComplex) {
    json subs = json::array();
    for (const AttributeDef& s : a.sub_attributes) subs.push_back(AttributeToJson(s));
    j["subAttributes"] = std::move(subs);
  }
  return j;
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsNameChar(char c) { return IsAlpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

// The character (0-based, within `name`) that breaks ATTRNAME = ALPHA *nameChar (or "$ref"),
// or npos when `name` is a valid attribute name.
size_t BadNameChar(std::string_view name) {
  if (text::EqualsIgnoreCase(name, "$ref")) return std::string_view::npos;
  if (name.empty() || !IsAlpha(name[0])) return 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (!IsNameChar(name[i])) return i;
  }
  return std::string_view::npos;
}

ScimError PathError(std::string_view text, size_t pos, std::string_view what) {
  std::string detail = "invalid attribute path \"" + std::string(text) + "\": " + std::string(what);
  if (pos < text.size()) {
    detail += " at character " + std::to_string(pos + 1) + " ('" + text[pos] + "')";
  } else {
    detail += " at the end";
  }
  return BadRequest(ScimType::kInvalidPath, std::move(detail));
}

// Splits "urn:...:attr.sub" into the URN and the rest; `rest_at` is where the rest starts.
void SplitUrn(std::string_view text, std::string_view& urn, size_t& rest_at) {
  for (const SchemaDef* s : AllSchemas()) {
    if (text::StartsWithIgnoreCase(text, s->id) &&
        (text.size() == s->id.size() || text[s->id.size()] == ':')) {
      urn = text.substr(0, s->id.size());
      rest_at = std::min(text.size(), s->id.size() + 1);
      return;
    }
  }
  size_t colon = text.rfind(':');
  urn = text.substr(0, colon);
  rest_at = colon + 1;
}

}  // namespace

const SchemaDef* SchemaOf(const ResourceTypeDef& type, std::string_view urn) {
  if (text::EqualsIgnoreCase(type.schema->id, urn)) return type.schema;
  for (const auto& [ext, required] : type.extensions) {
    if (text::EqualsIgnoreCase(ext->id, urn)) return ext;
  }
  return nullptr;
}

const AttributeDef* SubAttribute(const AttributeDef& attr, std::string_view name) {
  return FindAttr(attr.sub_attributes, name);
}

json SchemaToJson(const SchemaDef& schema, std::string_view base_url) {
  json attrs = json::array();
  for (const AttributeDef& a : schema.attributes) attrs.push_back(AttributeToJson(a));
  return {{"schemas", {kSchemaSchema}},
          {"id", schema.id},
          {"name", schema.name},
          {"description", schema.description},
          {"attributes", std::move(attrs)},
          {"meta",
           {{"resourceType", "Schema"},
            {"location", std::string(base_url) + "/Schemas/" + schema.id}}}};
}

json ResourceTypeToJson(const ResourceTypeDef& type, std::string_view base_url) {
  json extensions = json::array();
  for (const auto& [ext, required] : type.extensions) {
    extensions.push_back({{"schema", ext->id}, {"required", required}});
  }
  return {{"schemas", {kResourceTypeSchema}},
          {"id", type.id},
          {"name", type.name},
          {"endpoint", type.endpoint},
          {"description", type.description},
          {"schema", type.schema->id},
          {"schemaExtensions", std::move(extensions)},
          {"meta",
           {{"resourceType", "ResourceType"},
            {"location", std::string(base_url) + "/ResourceTypes/" + type.id}}}};
}

ScimResult<AttrPath> ParseAttrPath(std::string_view text) {
  AttrPath path;
  size_t start = 0;
  if (text::StartsWithIgnoreCase(text, "urn:")) {
    std::string_view urn;
    SplitUrn(text, urn, start);
    path.schema = std::string(urn);
    if (start >= text.size()) {
      // Exactly a known schema URN: the whole extension. An unknown URN needs an attribute.
      for (const SchemaDef* s : AllSchemas()) {
        if (text::EqualsIgnoreCase(s->id, text)) return path;
      }
      return PathError(text, text.size(), "expected an attribute name after the URN");
    }
  }
  std::string_view rest = text.substr(start);
  size_t dot = rest.find('.');
  std::string_view attr = rest.substr(0, dot);
  if (size_t bad = BadNameChar(attr); bad != std::string_view::npos) {
    return PathError(text, start + bad, "expected an attribute name");
  }
  path.attr = std::string(attr);
  if (dot == std::string_view::npos) return path;
  std::string_view sub = rest.substr(dot + 1);
  if (size_t bad = BadNameChar(sub); bad != std::string_view::npos) {
    return PathError(text, start + dot + 1 + bad, "expected a sub-attribute name");
  }
  path.sub_attr = std::string(sub);
  return path;
}

std::string AttrPathToString(const AttrPath& path) {
  std::string out = path.schema;
  if (!out.empty() && !path.attr.empty()) out += ':';
  out += path.attr;
  if (!path.sub_attr.empty()) out += "." + path.sub_attr;
  return out;
}

std::optional<ResolvedAttr> Resolve(const ResourceTypeDef& type, const AttrPath& path) {
  if (path.attr.empty()) return std::nullopt;
  const SchemaDef* schema = type.schema;
  if (!path.schema.empty()) {
    schema = SchemaOf(type, path.schema);
    if (schema == nullptr) return std::nullopt;
  }
  const AttributeDef* attr = FindAttr(schema->attributes, path.attr);
  if (attr == nullptr && schema == type.schema) attr = FindAttr(CommonAttributes(), path.attr);
  if (attr == nullptr) return std::nullopt;
  const AttributeDef* sub = nullptr;
  if (!path.sub_attr.empty()) {
    sub = SubAttribute(*attr, path.sub_attr);
    if (sub == nullptr) return std::nullopt;
  }
  return ResolvedAttr{schema, attr, sub};
}

std::string_view AttrTypeName(AttrType type) {
  switch (type) {
    case AttrType::kString:
      return "string";
    case AttrType::kBoolean:
      return "boolean";
    case AttrType::kDecimal:
      return "decimal";
    case AttrType::kInteger:
      return "integer";
    case AttrType::kDateTime:
      return "dateTime";
    case AttrType::kReference:
      return "reference";
    case AttrType::kComplex:
      return "complex";
    case AttrType::kBinary:
      return "binary";
  }
  return "string";
}

std::string_view MutabilityName(Mutability mutability) {
  switch (mutability) {
    case Mutability::kReadOnly:
      return "readOnly";
    case Mutability::kReadWrite:
      return "readWrite";
    case Mutability::kImmutable:
      return "immutable";
    case Mutability::kWriteOnly:
      return "writeOnly";
  }
  return "readWrite";
}

std::string_view ReturnedName(Returned returned) {
  switch (returned) {
    case Returned::kAlways:
      return "always";
    case Returned::kNever:
      return "never";
    case Returned::kDefault:
      return "default";
    case Returned::kRequest:
      return "request";
  }
  return "default";
}

std::string_view UniquenessName(Uniqueness uniqueness) {
  switch (uniqueness) {
    case Uniqueness::kNone:
      return "none";
    case Uniqueness::kServer:
      return "server";
    case Uniqueness::kGlobal:
      return "global";
  }
  return "none";
}

}  // namespace aic::scim
