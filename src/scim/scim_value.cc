#include "scim/scim_value.h"

#include <string>
#include <utility>
#include <vector>

#include "common/text_codec.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;

template <class Json>
Json* FindIn(Json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  if (auto it = object.find(std::string(name)); it != object.end()) return &*it;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (text::EqualsIgnoreCase(it.key(), name)) return &*it;
  }
  return nullptr;
}

std::string Describe(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 60) s = s.substr(0, 57) + "...";
  return std::string(v.type_name()) + " " + s;
}

ScimError WrongType(std::string_view path, std::string_view expected, const json& v) {
  return BadRequest(ScimType::kInvalidValue, "attribute \"" + std::string(path) + "\" must be " +
                                                 std::string(expected) + ", not " + Describe(v));
}

ScimResult<json> CoerceComplex(const AttributeDef& def, const json& value, std::string_view path,
                               CoerceOptions options) {
  if (value.is_string() && SubAttribute(def, "value") != nullptr) {
    return json{{"value", value}};
  }
  if (!value.is_object()) return WrongType(path, "a complex value (a JSON object)", value);
  json out = json::object();
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string sub_path = std::string(path) + "." + it.key();
    const AttributeDef* sub = SubAttribute(def, it.key());
    if (sub == nullptr) {
      return BadRequest(ScimType::kInvalidValue,
                        "unknown sub-attribute \"" + sub_path + "\" (not in the schema)");
    }
    if (it.value().is_null()) continue;
    if (options.drop_read_only_subs && sub->mutability == Mutability::kReadOnly) continue;
    auto v = CoerceValue(*sub, it.value(), sub_path, options);
    if (!v.ok()) return v.error();
    out[sub->name] = std::move(*v);
  }
  return out;
}

bool NumbersEqual(const json& a, const json& b) {
  if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
  return a == b;
}

}  // namespace

const json* FindMember(const json& object, std::string_view name) { return FindIn(object, name); }
json* FindMember(json& object, std::string_view name) { return FindIn(object, name); }

void SetMember(json& object, std::string_view canonical, json value) {
  if (!object.is_object()) object = json::object();
  for (auto it = object.begin(); it != object.end();) {
    if (it.key() != canonical && text::EqualsIgnoreCase(it.key(), canonical)) {
      it = object.erase(it);
    } else {
      ++it;
    }
  }
  object[std::string(canonical)] = std::move(value);
}

bool EraseMember(json& object, std::string_view name) {
  if (!object.is_object()) return false;
  bool erased = false;
  for (auto it = object.begin(); it != object.end();) {
    if (text::EqualsIgnoreCase(it.key(), name)) {
      it = object.erase(it);
      erased = true;
    } else {
      ++it;
    }
  }
  return erased;
}

bool IsUnassigned(const json& v) {
  if (v.is_null()) return true;
  if (v.is_array()) return v.empty();
  if (v.is_object()) {
    for (const json& m : v) {
      if (!IsUnassigned(m)) return false;
    }
    return true;
  }
  return false;
}

bool HasValue(const json& v) {
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  if (v.is_array()) {
    for (const json& e : v) {
      if (HasValue(e)) return true;
    }
    return false;
  }
  if (v.is_object()) {
    for (const json& m : v) {
      if (HasValue(m)) return true;
    }
    return false;
  }
  return !v.is_null();
}

void DropUnassigned(json& v) {
  if (v.is_object()) {
    for (auto it = v.begin(); it != v.end();) {
      DropUnassigned(*it);
      if (IsUnassigned(*it)) {
        it = v.erase(it);
      } else {
        ++it;
      }
    }
  } else if (v.is_array()) {
    json kept = json::array();
    for (json& e : v) {
      DropUnassigned(e);
      if (!IsUnassigned(e)) kept.push_back(std::move(e));
    }
    v = std::move(kept);
  }
}

ScimResult<json> CoerceSingle(const AttributeDef& def, const json& value, std::string_view path,
                              CoerceOptions options) {
  if (value.is_null()) return value;
  switch (def.type) {
    case AttrType::kString:
    case AttrType::kReference:
    case AttrType::kBinary:
      if (!value.is_string()) return WrongType(path, "a string", value);
      return value;
    case AttrType::kDateTime:
      if (!value.is_string() || !text::ParseIso8601(value.get_ref<const std::string&>())) {
        return WrongType(path, "an ISO 8601 dateTime string", value);
      }
      return value;
    case AttrType::kBoolean:
      if (value.is_boolean()) return value;
      if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        if (text::EqualsIgnoreCase(s, "true")) return json(true);
        if (text::EqualsIgnoreCase(s, "false")) return json(false);
      }
      return WrongType(path, "a boolean", value);
    case AttrType::kInteger:
      if (!value.is_number_integer()) return WrongType(path, "an integer", value);
      return value;
    case AttrType::kDecimal:
      if (!value.is_number()) return WrongType(path, "a number", value);
      return value;
    case AttrType::kComplex:
      return CoerceComplex(def, value, path, options);
  }
  return value;
}

ScimResult<json> CoerceValue(const AttributeDef& def, const json& value, std::string_view path,
                             CoerceOptions options) {
  if (!def.multi_valued) {
    if (value.is_array()) return WrongType(path, "a single value", value);
    return CoerceSingle(def, value, path, options);
  }
  if (value.is_null()) return value;
  json out = json::array();
  const json elements = value.is_array() ? value : json::array({value});
  for (const json& e : elements) {
    if (e.is_array()) return WrongType(path, "an array of values, not of arrays", value);
    auto v = CoerceSingle(def, e, path, options);
    if (!v.ok()) return v.error();
    if (!IsUnassigned(*v)) out.push_back(std::move(*v));
  }
  return out;
}

int CompareText(std::string_view a, std::string_view b, bool case_exact) {
  if (!case_exact) return text::CompareIgnoreCase(a, b);
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

bool ValuesEqual(const AttributeDef& def, const json& a, const json& b) {
  switch (def.type) {
    case AttrType::kComplex: {
      if (!a.is_object() || !b.is_object()) return a == b;
      for (const AttributeDef& sub : def.sub_attributes) {
        const json* va = FindMember(a, sub.name);
        const json* vb = FindMember(b, sub.name);
        bool ua = va == nullptr || IsUnassigned(*va);
        bool ub = vb == nullptr || IsUnassigned(*vb);
        if (ua != ub) return false;
        if (!ua && !ValuesEqual(sub, *va, *vb)) return false;
      }
      return true;
    }
    case AttrType::kDateTime:
      if (a.is_string() && b.is_string()) {
        auto ta = text::ParseIso8601(a.get_ref<const std::string&>());
        auto tb = text::ParseIso8601(b.get_ref<const std::string&>());
        if (ta && tb) return *ta == *tb;
      }
      [[fallthrough]];
    case AttrType::kString:
    case AttrType::kReference:
    case AttrType::kBinary:
      if (a.is_string() && b.is_string()) {
        return CompareText(a.get_ref<const std::string&>(), b.get_ref<const std::string&>(),
                           def.case_exact) == 0;
      }
      return a == b;
    case AttrType::kInteger:
    case AttrType::kDecimal:
      if (a.is_number() && b.is_number()) return NumbersEqual(a, b);
      return a == b;
    case AttrType::kBoolean:
      return a == b;
  }
  return a == b;
}

bool ValueContains(const AttributeDef& def, const json& whole, const json& part) {
  if (def.type != AttrType::kComplex || !whole.is_object() || !part.is_object()) {
    return ValuesEqual(def, whole, part);
  }
  bool any = false;  // an element with nothing assigned describes no element
  for (const AttributeDef& sub : def.sub_attributes) {
    const json* vp = FindMember(part, sub.name);
    if (vp == nullptr || IsUnassigned(*vp)) continue;
    const json* vw = FindMember(whole, sub.name);
    if (vw == nullptr || IsUnassigned(*vw) || !ValuesEqual(sub, *vw, *vp)) return false;
    any = true;
  }
  return any;
}

}  // namespace aic::scim
