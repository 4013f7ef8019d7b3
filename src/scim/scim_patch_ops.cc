#include "scim/scim_patch_ops.h"

#include <string>
#include <utility>
#include <vector>

#include "scim/scim_filter.h"
#include "scim/scim_value.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;
using Outcome = std::optional<ScimError>;

// What one operation works on: an attribute in its container (the resource or the extension
// object), its definition, and where errors point.
struct Target {
  json* container = nullptr;
  const AttributeDef* attr = nullptr;
  std::string where;  // the path as text, for errors
  CoerceOptions coerce;
};

ScimError InvalidPath(const std::string& where, const std::string& why) {
  return BadRequest(ScimType::kInvalidPath, "path \"" + where + "\" " + why);
}
ScimError Immutable(const std::string& name) {
  return BadRequest(ScimType::kMutability,
                    "attribute \"" + name + "\" is immutable: it can be set once, not changed");
}

bool Assigned(const json* v) { return v != nullptr && !IsUnassigned(*v); }

// The sub-attributes of a complex value that are immutable must keep their assigned values.
Outcome CheckImmutableSubs(const AttributeDef& attr, const json& before, const json& after) {
  for (const AttributeDef& sub : attr.sub_attributes) {
    if (sub.mutability != Mutability::kImmutable) continue;
    const json* b = FindMember(before, sub.name);
    const json* a = FindMember(after, sub.name);
    if (Assigned(b) && (!Assigned(a) || !ValuesEqual(sub, *b, *a))) {
      return Immutable(attr.name + "." + sub.name);
    }
  }
  return std::nullopt;
}

// Whole attribute values (arrays for multi-valued ones) are the same.
bool SameAttributeValue(const AttributeDef& attr, const json& b, const json& a) {
  bool ub = IsUnassigned(b), ua = IsUnassigned(a);
  if (ub || ua) return ub == ua;
  if (!attr.multi_valued || !a.is_array() || !b.is_array()) return ValuesEqual(attr, b, a);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!ValuesEqual(attr, b[i], a[i])) return false;
  }
  return true;
}

// RFC 7643 2.4: at most one value is primary; the value an operation made primary wins.
Outcome EnforcePrimary(const AttributeDef& attr, json& values, const std::vector<size_t>& written) {
  const AttributeDef* primary = SubAttribute(attr, "primary");
  if (primary == nullptr || !values.is_array()) return std::nullopt;
  size_t count = 0, winner = 0;
  for (size_t i : written) {
    const json* p = FindMember(values[i], primary->name);
    if (p != nullptr && *p == true) ++count, winner = i;
  }
  if (count > 1) {
    return BadRequest(ScimType::kInvalidValue,
                      "more than one value of \"" + attr.name + "\" is primary");
  }
  if (count == 0) return std::nullopt;
  for (size_t i = 0; i < values.size(); ++i) {
    json* p = FindMember(values[i], primary->name);
    if (i != winner && p != nullptr && *p == true) *p = false;
  }
  return std::nullopt;
}

// The values of a multi-valued attribute as an array (a lone value becomes an array of one).
json ValuesOf(const json* cur) {
  if (cur == nullptr || cur->is_null()) return json::array();
  return cur->is_array() ? *cur : json::array({*cur});
}

// The element a conjunction of `eq` comparisons describes (type eq "work" and primary eq
// true -> {"type": "work", "primary": true}); nullopt for any other filter.
std::optional<json> EqualitySeed(const Filter& f, const AttributeDef& attr) {
  if (f.kind() == Filter::Kind::kAnd) {
    auto a = EqualitySeed(f.children()[0], attr);
    auto b = EqualitySeed(f.children()[1], attr);
    if (!a || !b) return std::nullopt;
    for (auto it = b->begin(); it != b->end(); ++it) {
      const json* same = FindMember(*a, it.key());
      if (same != nullptr && *same != it.value()) return std::nullopt;
      (*a)[it.key()] = it.value();
    }
    return a;
  }
  if (f.kind() != Filter::Kind::kCompare || f.op() != CompareOp::kEq || f.value().is_null() ||
      !f.attr().schema.empty() || !f.attr().sub_attr.empty()) {
    return std::nullopt;
  }
  const AttributeDef* sub = SubAttribute(attr, f.attr().attr);
  if (sub == nullptr) return std::nullopt;
  auto v = CoerceSingle(*sub, f.value(), sub->name);
  if (!v.ok()) return std::nullopt;
  return json{{sub->name, std::move(*v)}};
}

// add to a multi-valued attribute: append unless contained; replace what the new one contains.
void AddValues(const AttributeDef& attr, json& values, const json& added,
               std::vector<size_t>& written) {
  for (const json& n : added) {
    bool done = false;
    for (size_t i = 0; i < values.size() && !done; ++i) {
      if (ValueContains(attr, values[i], n)) {
        done = true;
      } else if (ValueContains(attr, n, values[i])) {
        values[i] = n;
        written.push_back(i);
        done = true;
      }
    }
    if (!done) {
      values.push_back(n);
      written.push_back(values.size() - 1);
    }
  }
}

Outcome RemoveGivenValues(Target& t, const json& given) {
  auto v = CoerceValue(*t.attr, given, t.attr->name, t.coerce);
  if (!v.ok()) return v.error();
  json kept = json::array();
  for (const json& e : ValuesOf(FindMember(*t.container, t.attr->name))) {
    bool drop = false;
    for (const json& n : *v) drop = drop || ValueContains(*t.attr, e, n);
    if (!drop) kept.push_back(e);
  }
  SetMember(*t.container, t.attr->name, std::move(kept));
  return std::nullopt;
}

// The attribute as a whole (no sub-attribute, no filter).
Outcome ApplyWhole(Target& t, PatchOpKind op, const json* value) {
  const AttributeDef& attr = *t.attr;
  json* cur = FindMember(*t.container, attr.name);
  bool immutable = attr.mutability == Mutability::kImmutable;
  if (op == PatchOpKind::kRemove || value->is_null()) {
    if (op == PatchOpKind::kAdd) return std::nullopt;  // adding nothing
    if (!Assigned(cur)) return std::nullopt;
    if (op == PatchOpKind::kRemove && value != nullptr && attr.multi_valued) {
      return RemoveGivenValues(t, *value);
    }
    if (immutable) return Immutable(attr.name);
    EraseMember(*t.container, attr.name);
    return std::nullopt;
  }
  auto v = CoerceValue(attr, *value, attr.name, t.coerce);
  if (!v.ok()) return v.error();
  if (attr.multi_valued) {
    json values = op == PatchOpKind::kReplace ? json::array() : ValuesOf(cur);
    std::vector<size_t> written;
    AddValues(attr, values, *v, written);
    if (auto e = EnforcePrimary(attr, values, written)) return e;
    SetMember(*t.container, attr.name, std::move(values));
    return std::nullopt;
  }
  if (immutable && Assigned(cur) && !ValuesEqual(attr, *cur, *v)) return Immutable(attr.name);
  // A complex value gets the given sub-attributes (3.5.2.3); a bare id (Entra's manager) names
  // another entity, whose other sub-attributes are not the old ones': it replaces the value.
  if (attr.type == AttrType::kComplex && !value->is_string()) {
    json merged = (cur != nullptr && cur->is_object()) ? *cur : json::object();
    for (auto it = v->begin(); it != v->end(); ++it) SetMember(merged, it.key(), it.value());
    SetMember(*t.container, attr.name, std::move(merged));
    return std::nullopt;
  }
  SetMember(*t.container, attr.name, std::move(*v));
  return std::nullopt;
}

// A sub-attribute of a single-valued complex attribute ("name.givenName").
Outcome ApplySub(Target& t, const AttributeDef& sub, PatchOpKind op, const json* value) {
  json* cur = FindMember(*t.container, t.attr->name);
  json obj = (cur != nullptr && cur->is_object()) ? *cur : json::object();
  json before = obj;
  if (op == PatchOpKind::kRemove || value->is_null()) {
    if (op == PatchOpKind::kAdd) return std::nullopt;
    EraseMember(obj, sub.name);
  } else {
    auto v = CoerceValue(sub, *value, t.attr->name + "." + sub.name, t.coerce);
    if (!v.ok()) return v.error();
    SetMember(obj, sub.name, std::move(*v));
  }
  if (auto e = CheckImmutableSubs(*t.attr, before, obj)) return e;
  SetMember(*t.container, t.attr->name, std::move(obj));
  return std::nullopt;
}

// Changes the selected values of a multi-valued complex attribute: `filter` selects (null: all),
// `sub` is the sub-attribute to set or remove (null: the values themselves).
Outcome ApplySelected(Target& t, const Filter* filter, const AttributeDef* sub, PatchOpKind op,
                      const json* value) {
  const AttributeDef& attr = *t.attr;
  json values = ValuesOf(FindMember(*t.container, attr.name));
  std::vector<size_t> hit;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].is_object() && (filter == nullptr || MatchesElement(*filter, values[i], attr))) {
      hit.push_back(i);
    }
  }
  bool unassign = op == PatchOpKind::kRemove || value->is_null();
  if (unassign && op == PatchOpKind::kAdd) return std::nullopt;
  json v;
  if (!unassign) {
    auto c = sub != nullptr ? CoerceValue(*sub, *value, attr.name + "." + sub->name, t.coerce)
                            : CoerceSingle(attr, *value, attr.name, t.coerce);
    if (!c.ok()) return c.error();
    v = std::move(*c);
  }
  size_t created = values.size();  // the index of a value this operation appends, if any
  if (!unassign && hit.empty()) {
    std::optional<json> seed = filter != nullptr ? EqualitySeed(*filter, attr) : json::object();
    if (!seed) {
      return BadRequest(ScimType::kNoTarget,
                        "no value of \"" + attr.name + "\" matches \"" + t.where + "\"");
    }
    values.push_back(std::move(*seed));
    hit.push_back(created);
  }
  for (auto it = hit.rbegin(); it != hit.rend(); ++it) {
    json& e = values[*it];
    json before = e;
    if (unassign && sub == nullptr) {
      values.erase(values.begin() + static_cast<std::ptrdiff_t>(*it));
      continue;
    }
    if (unassign) {
      EraseMember(e, sub->name);
    } else if (sub != nullptr) {
      SetMember(e, sub->name, v);
    } else if (op == PatchOpKind::kReplace && *it != created) {
      e = v;
    } else {
      for (auto m = v.begin(); m != v.end(); ++m) SetMember(e, m.key(), m.value());
    }
    if (auto err = CheckImmutableSubs(attr, before, e)) return err;
  }
  if (!unassign) {
    if (auto err = EnforcePrimary(attr, values, hit)) return err;
  }
  SetMember(*t.container, attr.name, std::move(values));
  return std::nullopt;
}

// The object holding the attributes of `schema` in `doc`: `doc` itself for the core schema,
// else the extension object (created when `create`); nullptr if absent and not created.
json* ContainerFor(json& doc, const ResourceTypeDef& type, const SchemaDef& schema, bool create) {
  if (&schema == type.schema) return &doc;
  json* ext = FindMember(doc, schema.id);
  if (ext != nullptr && ext->is_object()) return ext;
  if (!create) return nullptr;
  SetMember(doc, schema.id, json::object());
  return FindMember(doc, schema.id);
}

// A path that is a whole schema URN: each member of the value (or each attribute, for remove)
// on its own.
Outcome ApplyToSchema(json& doc, const ResourceTypeDef& type, PatchOpKind op,
                      const std::string& urn, const json* value) {
  const SchemaDef* schema = SchemaOf(type, urn);
  if (schema == nullptr) return InvalidPath(urn, "names no schema of a " + type.name);
  if (op == PatchOpKind::kRemove || value->is_null()) {
    if (op == PatchOpKind::kAdd) return std::nullopt;
    if (schema == type.schema) return InvalidPath(urn, "cannot remove the core schema");
    for (const AttributeDef& a : schema->attributes) {
      PatchPath p{AttrPath{schema->id, a.name, ""}, std::nullopt, ""};
      if (auto e = ApplyOperation(doc, type, PatchOpKind::kRemove, p, nullptr)) return e;
    }
    return std::nullopt;
  }
  if (!value->is_object()) {
    return BadRequest(ScimType::kInvalidValue,
                      "the value for \"" + urn + "\" must be an object of its attributes");
  }
  for (auto it = value->begin(); it != value->end(); ++it) {
    auto p = ParsePatchPath(schema->id + ":" + it.key());
    if (!p.ok()) return p.error();
    if (auto e = ApplyOperation(doc, type, op, *p, &it.value())) return e;
  }
  return std::nullopt;
}

}  // namespace

Outcome ApplyOperation(json& doc, const ResourceTypeDef& type, PatchOpKind op,
                       const PatchPath& path, const json* value) {
  static const json kNull;
  if (value == nullptr && op != PatchOpKind::kRemove) value = &kNull;
  if (path.attr.attr.empty()) return ApplyToSchema(doc, type, op, path.attr.schema, value);
  Target t;
  t.where = PatchPathToString(path);
  auto r = Resolve(type, path.attr);
  if (!r) return InvalidPath(t.where, "names no attribute of a " + type.name);
  t.attr = r->attr;
  if (t.attr == &CommonAttributes()[0]) return std::nullopt;  // "schemas": the server's own
  const AttributeDef* sub = r->sub;
  if (path.value_filter) {
    if (t.attr->type != AttrType::kComplex || !t.attr->multi_valued) {
      return InvalidPath(t.where,
                         "has a value filter on an attribute that is not multi-valued "
                         "and complex");
    }
    if (!path.sub_attr_after_filter.empty()) {
      sub = SubAttribute(*t.attr, path.sub_attr_after_filter);
      if (sub == nullptr) return InvalidPath(t.where, "names no sub-attribute of " + t.attr->name);
    }
  }
  bool read_only = t.attr->mutability == Mutability::kReadOnly ||
                   (sub != nullptr && sub->mutability == Mutability::kReadOnly);
  t.coerce.drop_read_only_subs = t.attr->mutability != Mutability::kReadOnly;
  t.container = ContainerFor(doc, type, *r->schema, op != PatchOpKind::kRemove);
  if (t.container == nullptr) return std::nullopt;  // removing from an absent extension
  const json* cur = FindMember(*t.container, t.attr->name);
  json before = cur != nullptr ? *cur : json();
  Outcome out;
  if (path.value_filter || (sub != nullptr && t.attr->multi_valued)) {
    out = ApplySelected(t, path.value_filter ? &*path.value_filter : nullptr, sub, op, value);
  } else if (sub != nullptr) {
    out = ApplySub(t, *sub, op, value);
  } else {
    out = ApplyWhole(t, op, value);
  }
  if (out || !read_only) return out;
  const json* after = FindMember(*t.container, t.attr->name);
  if (!SameAttributeValue(*t.attr, before, after != nullptr ? *after : json())) {
    return BadRequest(ScimType::kMutability,
                      "attribute \"" + t.where + "\" is readOnly: it cannot be changed");
  }
  return std::nullopt;
}

}  // namespace aic::scim
