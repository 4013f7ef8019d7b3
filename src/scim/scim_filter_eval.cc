// Filter evaluation (RFC 7644 3.4.2.2 semantics; see scim_filter.h for the choices made).
#include <cstdint>
#include <string>
#include <vector>

#include "common/text_codec.h"
#include "scim/scim_filter.h"
#include "scim/scim_value.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

// Where attribute paths are resolved: a resource of `type`, or an element of the complex
// attribute `parent` (inside attr[...]).
struct Scope {
  const ResourceTypeDef* type = nullptr;
  const AttributeDef* parent = nullptr;
};

// The values an attribute path reaches in `node`, and the definition they are values of.
struct Reached {
  const AttributeDef* def = nullptr;  // null: the path names nothing comparable
  std::vector<const json*> values;    // assigned or not; arrays flattened
};

void AddValues(const json* v, std::vector<const json*>& out) {
  if (v == nullptr) return;
  if (v->is_array()) {
    for (const json& e : *v) out.push_back(&e);
  } else {
    out.push_back(v);
  }
}

// The sub-attribute `sub` of every element of `values`.
std::vector<const json*> SubValues(const std::vector<const json*>& values,
                                   const AttributeDef& sub) {
  std::vector<const json*> out;
  for (const json* e : values) AddValues(FindMember(*e, sub.name), out);
  return out;
}

// The container of `attr`'s value in a resource: the resource, or its extension object.
const json* Container(const json& resource, const ResourceTypeDef& type, const SchemaDef* schema) {
  if (schema == type.schema) return &resource;
  return FindMember(resource, schema->id);
}

// Resolves `path` in `scope` and collects its values. `for_presence`: a complex attribute
// without a sub-attribute stands for itself (pr) rather than for its "value" (comparisons).
Reached Reach(const Scope& scope, const AttrPath& path, const json& node, bool for_presence) {
  Reached r;
  const AttributeDef* attr = nullptr;
  const AttributeDef* sub = nullptr;
  std::vector<const json*> values;
  if (scope.parent != nullptr) {
    if (!path.schema.empty() || !path.sub_attr.empty()) return r;
    attr = SubAttribute(*scope.parent, path.attr);
    if (attr == nullptr) return r;
    AddValues(FindMember(node, attr->name), values);
  } else {
    auto resolved = Resolve(*scope.type, path);
    if (!resolved) return r;
    attr = resolved->attr;
    sub = resolved->sub;
    const json* container = Container(node, *scope.type, resolved->schema);
    if (container != nullptr) AddValues(FindMember(*container, attr->name), values);
  }
  if (sub == nullptr && attr->type == AttrType::kComplex && !for_presence) {
    sub = SubAttribute(*attr, "value");
    if (sub == nullptr) return r;
  }
  r.def = sub != nullptr ? sub : attr;
  r.values = sub != nullptr ? SubValues(values, *sub) : std::move(values);
  return r;
}

bool Contains(std::string_view hay, std::string_view needle, bool case_exact) {
  if (case_exact) return hay.find(needle) != std::string_view::npos;
  return text::AsciiLower(hay).find(text::AsciiLower(needle)) != std::string::npos;
}

bool Ordered(int cmp, CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return cmp == 0;
    case CompareOp::kNe:
      return cmp != 0;
    case CompareOp::kGt:
      return cmp > 0;
    case CompareOp::kGe:
      return cmp >= 0;
    case CompareOp::kLt:
      return cmp < 0;
    case CompareOp::kLe:
      return cmp <= 0;
    default:
      return false;
  }
}

bool CompareStrings(const AttributeDef& def, const std::string& a, const std::string& b,
                    CompareOp op) {
  bool ce = def.case_exact;
  switch (op) {
    case CompareOp::kCo:
      return Contains(a, b, ce);
    case CompareOp::kSw:
      return a.size() >= b.size() &&
             CompareText(std::string_view(a).substr(0, b.size()), b, ce) == 0;
    case CompareOp::kEw:
      return a.size() >= b.size() &&
             CompareText(std::string_view(a).substr(a.size() - b.size()), b, ce) == 0;
    default:
      break;
  }
  if (def.type == AttrType::kDateTime) {
    auto ta = text::ParseIso8601(a);
    auto tb = text::ParseIso8601(b);
    if (ta && tb) return Ordered(*ta < *tb ? -1 : (*ta == *tb ? 0 : 1), op);
  }
  if (def.type == AttrType::kBinary && op != CompareOp::kEq && op != CompareOp::kNe) return false;
  return Ordered(CompareText(a, b, ce), op);
}

// One attribute value against the compValue.
bool CompareOne(const AttributeDef& def, const json& v, CompareOp op, const json& comp) {
  switch (def.type) {
    case AttrType::kString:
    case AttrType::kReference:
    case AttrType::kBinary:
    case AttrType::kDateTime:
      if (!v.is_string() || !comp.is_string()) return false;
      return CompareStrings(def, v.get_ref<const std::string&>(),
                            comp.get_ref<const std::string&>(), op);
    case AttrType::kBoolean:
      if (!v.is_boolean() || !comp.is_boolean()) return false;
      if (op == CompareOp::kEq) return v == comp;
      if (op == CompareOp::kNe) return v != comp;
      return false;
    case AttrType::kInteger:
    case AttrType::kDecimal: {
      if (!v.is_number() || !comp.is_number()) return false;
      double a = v.get<double>(), b = comp.get<double>();
      if (v.is_number_integer() && comp.is_number_integer()) {
        return Ordered(v.get<std::int64_t>() < comp.get<std::int64_t>()    ? -1
                       : v.get<std::int64_t>() == comp.get<std::int64_t>() ? 0
                                                                           : 1,
                       op);
      }
      return Ordered(a < b ? -1 : (a == b ? 0 : 1), op);
    }
    case AttrType::kComplex:
      return false;
  }
  return false;
}

bool Eval(const Filter& f, const json& node, const Scope& scope);

bool EvalCompare(const Filter& f, const json& node, const Scope& scope) {
  Reached r = Reach(scope, f.attr(), node, f.op() == CompareOp::kPr);
  if (r.def == nullptr) return false;
  bool any_value = false;
  for (const json* v : r.values) any_value = any_value || HasValue(*v);
  if (f.op() == CompareOp::kPr) return any_value;
  if (f.value().is_null()) {
    if (f.op() == CompareOp::kEq) return !any_value;
    if (f.op() == CompareOp::kNe) return any_value;
    return false;
  }
  for (const json* v : r.values) {
    if (!v->is_null() && CompareOne(*r.def, *v, f.op(), f.value())) return true;
  }
  return false;
}

bool EvalValuePath(const Filter& f, const json& node, const Scope& scope) {
  if (scope.type == nullptr || !f.attr().sub_attr.empty()) return false;
  auto resolved = Resolve(*scope.type, f.attr());
  if (!resolved || resolved->attr->type != AttrType::kComplex) return false;
  const json* container = Container(node, *scope.type, resolved->schema);
  if (container == nullptr) return false;
  std::vector<const json*> elements;
  AddValues(FindMember(*container, resolved->attr->name), elements);
  Scope inner{nullptr, resolved->attr};
  for (const json* e : elements) {
    if (e->is_object() && Eval(f.children()[0], *e, inner)) return true;
  }
  return false;
}

bool Eval(const Filter& f, const json& node, const Scope& scope) {
  switch (f.kind()) {
    case Filter::Kind::kCompare:
      return EvalCompare(f, node, scope);
    case Filter::Kind::kAnd:
      return Eval(f.children()[0], node, scope) && Eval(f.children()[1], node, scope);
    case Filter::Kind::kOr:
      return Eval(f.children()[0], node, scope) || Eval(f.children()[1], node, scope);
    case Filter::Kind::kNot:
      return !Eval(f.children()[0], node, scope);
    case Filter::Kind::kValuePath:
      return EvalValuePath(f, node, scope);
  }
  return false;
}

}  // namespace

bool Matches(const Filter& filter, const json& resource, const ResourceTypeDef& type) {
  return Eval(filter, resource, Scope{&type, nullptr});
}

bool MatchesElement(const Filter& filter, const json& element, const AttributeDef& parent) {
  return Eval(filter, element, Scope{nullptr, &parent});
}

std::optional<std::string> EqualityOn(const Filter& filter, const ResourceTypeDef& type,
                                      std::string_view attribute) {
  if (filter.kind() != Filter::Kind::kCompare || filter.op() != CompareOp::kEq ||
      !filter.value().is_string()) {
    return std::nullopt;
  }
  auto wanted_path = ParseAttrPath(attribute);
  if (!wanted_path.ok()) return std::nullopt;
  auto wanted = Resolve(type, *wanted_path);
  auto got = Resolve(type, filter.attr());
  if (!wanted || !got || wanted->attr != got->attr || wanted->sub != got->sub) return std::nullopt;
  return filter.value().get<std::string>();
}

}  // namespace aic::scim
