#include "scim/scim_resource.h"

#include <string>
#include <utility>

#include "common/text_codec.h"
#include "scim/scim_value.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;
using Outcome = std::optional<ScimError>;

// ---- CheckResource ----

// Puts one member of the body (`name` as written, `value`) into `out`; unknown names are
// collected in `unknown`.
Outcome CheckMember(const ResourceTypeDef& type, const std::string& name, const json& value,
                    json& out, std::vector<std::string>& unknown);

Outcome CheckExtension(const ResourceTypeDef& type, const SchemaDef& ext, const json& value,
                       json& out, std::vector<std::string>& unknown) {
  if (value.is_null()) return std::nullopt;
  if (!value.is_object()) {
    return BadRequest(ScimType::kInvalidValue,
                      "\"" + ext.id + "\" must be an object of the extension's attributes");
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (auto e = CheckMember(type, ext.id + ":" + it.key(), it.value(), out, unknown)) return e;
  }
  return std::nullopt;
}

bool HasTwoPrimaries(const json& values) {
  int n = 0;
  for (const json& v : values) {
    const json* p = FindMember(v, "primary");
    if (p != nullptr && *p == true) ++n;
  }
  return n > 1;
}

Outcome CheckMember(const ResourceTypeDef& type, const std::string& name, const json& value,
                    json& out, std::vector<std::string>& unknown) {
  if (text::EqualsIgnoreCase(name, "schemas")) return std::nullopt;
  if (const SchemaDef* ext = SchemaOf(type, name); ext != nullptr && ext != type.schema) {
    return CheckExtension(type, *ext, value, out, unknown);
  }
  auto path = ParseAttrPath(name);
  std::optional<ResolvedAttr> r;
  if (path.ok()) r = Resolve(type, *path);
  if (!r) {
    if (!IsUnassigned(value)) unknown.push_back(name);
    return std::nullopt;
  }
  const AttributeDef& def = r->sub != nullptr ? *r->sub : *r->attr;
  if (r->attr->mutability == Mutability::kReadOnly || def.mutability == Mutability::kReadOnly) {
    return std::nullopt;  // RFC 7644 3.3: ignored
  }
  std::string where = AttrPathToString(*path);
  auto v = CoerceValue(def, value, where);
  if (!v.ok()) return v.error();
  if (IsUnassigned(*v)) return std::nullopt;
  if (def.multi_valued && HasTwoPrimaries(*v)) {
    return BadRequest(ScimType::kInvalidValue,
                      "more than one value of \"" + where + "\" is primary");
  }
  json* container = &out;
  if (r->schema != type.schema) {
    if (FindMember(out, r->schema->id) == nullptr) out[r->schema->id] = json::object();
    container = FindMember(out, r->schema->id);
  }
  if (r->sub == nullptr) {
    json* existing = FindMember(*container, r->attr->name);
    if (existing != nullptr && existing->is_object() && v->is_object()) {
      existing->update(*v);  // "name" and "name.givenName" both given: merged
    } else {
      SetMember(*container, r->attr->name, std::move(*v));
    }
    return std::nullopt;
  }
  if (r->attr->multi_valued) {
    unknown.push_back(name);  // "emails.value" is no attribute a body can carry
    return std::nullopt;
  }
  json* parent = FindMember(*container, r->attr->name);
  if (parent == nullptr || !parent->is_object()) {
    SetMember(*container, r->attr->name, json::object());
    parent = FindMember(*container, r->attr->name);
  }
  SetMember(*parent, r->sub->name, std::move(*v));
  return std::nullopt;
}

// ---- Project ----

enum class Mode { kAttributes, kExcluded };

struct Selection {
  bool whole = false;             // the attribute itself is listed
  std::vector<std::string> subs;  // listed sub-attributes
};

Selection Select(const std::vector<AttrPath>& list, const ResourceTypeDef& type,
                 const SchemaDef& schema, const AttributeDef& attr) {
  Selection s;
  for (const AttrPath& p : list) {
    if (p.attr.empty()) {
      if (SchemaOf(type, p.schema) == &schema) s.whole = true;
      continue;
    }
    auto r = Resolve(type, p);
    if (!r || r->attr != &attr) continue;
    if (r->sub == nullptr) {
      s.whole = true;
    } else {
      s.subs.push_back(r->sub->name);
    }
  }
  return s;
}

bool Listed(const std::vector<std::string>& subs, const std::string& name) {
  for (const std::string& s : subs) {
    if (s == name) return true;
  }
  return false;
}

// Keeps the sub-attributes of one complex value as the mode and selection say.
json ProjectComplex(const AttributeDef& attr, const json& value, Mode mode, const Selection& sel) {
  if (!value.is_object()) return value;
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    const AttributeDef* sub = SubAttribute(attr, it.key());
    bool keep = false;
    if (sub == nullptr) {
      keep = mode == Mode::kExcluded || sel.whole;  // not in the schema: left as it is
    } else if (sub->returned == Returned::kAlways) {
      keep = true;
    } else if (sub->returned == Returned::kNever) {
      keep = false;
    } else if (mode == Mode::kAttributes) {
      keep = Listed(sel.subs, sub->name) || (sel.whole && sub->returned == Returned::kDefault);
    } else {
      keep = sub->returned == Returned::kDefault && !Listed(sel.subs, sub->name);
    }
    if (keep) out[it.key()] = it.value();
  }
  return out;
}

// One attribute's value as returned, or null when it is left out.
json ProjectAttribute(const AttributeDef& attr, const json& value, Mode mode,
                      const Selection& sel) {
  bool always = attr.returned == Returned::kAlways;
  bool listed = sel.whole || !sel.subs.empty();
  if (attr.returned == Returned::kNever) return nullptr;
  if (mode == Mode::kAttributes && !always && !listed) return nullptr;
  if (mode == Mode::kExcluded && !always && (sel.whole || attr.returned == Returned::kRequest)) {
    return nullptr;
  }
  if (attr.type != AttrType::kComplex) return value;
  Selection effective = sel;
  if (mode == Mode::kAttributes && always && !listed) effective.whole = true;
  if (!value.is_array()) return ProjectComplex(attr, value, mode, effective);
  json out = json::array();
  for (const json& e : value) {
    json p = ProjectComplex(attr, e, mode, effective);
    if (!IsUnassigned(p)) out.push_back(std::move(p));
  }
  return out;
}

void ProjectSchema(const json& in, json& out, const ResourceTypeDef& type, const SchemaDef& schema,
                   const std::vector<AttributeDef>& attrs, Mode mode,
                   const std::vector<AttrPath>& list) {
  for (auto it = in.begin(); it != in.end(); ++it) {
    const AttributeDef* attr = nullptr;
    for (const AttributeDef& a : attrs) {
      if (text::EqualsIgnoreCase(a.name, it.key())) attr = &a;
    }
    if (attr == nullptr) continue;
    json v = ProjectAttribute(*attr, it.value(), mode, Select(list, type, schema, *attr));
    if (!IsUnassigned(v)) out[it.key()] = std::move(v);
  }
}

}  // namespace

ScimResult<json> CheckResource(const json& body, const ResourceTypeDef& type) {
  if (!body.is_object()) {
    return BadRequest(ScimType::kInvalidSyntax, "the resource must be a JSON object");
  }
  json out = json::object();
  std::vector<std::string> unknown;
  for (auto it = body.begin(); it != body.end(); ++it) {
    if (auto e = CheckMember(type, it.key(), it.value(), out, unknown)) return *e;
  }
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& n : unknown) names += (names.empty() ? "\"" : ", \"") + n + "\"";
    return BadRequest(ScimType::kInvalidValue,
                      "unknown attributes (not in the " + type.name + " schemas): " + names);
  }
  for (const AttributeDef& a : type.schema->attributes) {
    const json* v = FindMember(out, a.name);
    if (a.required && (v == nullptr || !HasValue(*v))) {
      return BadRequest(ScimType::kInvalidValue, "attribute \"" + a.name + "\" is required");
    }
  }
  json schemas = json::array({type.schema->id});
  for (const auto& [ext, required] : type.extensions) {
    if (FindMember(out, ext->id) != nullptr) schemas.push_back(ext->id);
  }
  out["schemas"] = std::move(schemas);
  return out;
}

ScimResult<std::vector<AttrPath>> ParseAttributeList(std::string_view comma_separated) {
  std::vector<AttrPath> out;
  size_t start = 0;
  while (start <= comma_separated.size()) {
    size_t comma = comma_separated.find(',', start);
    if (comma == std::string_view::npos) comma = comma_separated.size();
    std::string_view item = text::TrimAsciiSpace(comma_separated.substr(start, comma - start));
    if (!item.empty()) {
      auto p = ParseAttrPath(item);
      if (!p.ok()) return p.error();
      out.push_back(std::move(*p));
    }
    start = comma + 1;
  }
  return out;
}

json Project(const json& resource, const ResourceTypeDef& type,
             const std::vector<AttrPath>& attributes, const std::vector<AttrPath>& excluded) {
  if (!resource.is_object()) return resource;
  Mode mode = attributes.empty() ? Mode::kExcluded : Mode::kAttributes;
  const std::vector<AttrPath>& list = attributes.empty() ? excluded : attributes;
  json out = json::object();
  json core = json::object();
  for (auto it = resource.begin(); it != resource.end(); ++it) {
    if (text::EqualsIgnoreCase(it.key(), "schemas")) {
      out[it.key()] = it.value();
    } else if (const SchemaDef* ext = SchemaOf(type, it.key()); ext != nullptr) {
      json projected = json::object();
      if (it.value().is_object()) {
        ProjectSchema(it.value(), projected, type, *ext, ext->attributes, mode, list);
      }
      if (!projected.empty()) out[it.key()] = std::move(projected);
    } else if (Resolve(type, AttrPath{"", it.key(), ""})) {
      core[it.key()] = it.value();
    } else if (mode == Mode::kExcluded) {
      out[it.key()] = it.value();  // not an attribute of the type: left as it is
    }
  }
  ProjectSchema(core, out, type, *type.schema, type.schema->attributes, mode, list);
  ProjectSchema(core, out, type, *type.schema, CommonAttributes(), mode, list);
  return out;
}

}  // namespace aic::scim
