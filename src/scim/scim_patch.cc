// The PatchOp request (RFC 7644 3.5.2): its validation, operations without a path, and the
// result's normalisation. One operation at one path is scim_patch_ops.cc.
#include "scim/scim_patch.h"

#include <string>
#include <utility>
#include <vector>

#include "common/text_codec.h"
#include "scim/scim_patch_ops.h"
#include "scim/scim_path.h"
#include "scim/scim_value.h"

namespace aic::scim {
namespace {

using json = nlohmann::json;
using Outcome = std::optional<ScimError>;

ScimError Syntax(std::string detail) {
  return BadRequest(ScimType::kInvalidSyntax, std::move(detail));
}

Outcome CheckEnvelope(const json& request) {
  if (!request.is_object()) return Syntax("the PATCH body must be a JSON object");
  const json* schemas = FindMember(request, "schemas");
  bool has_schema = false;
  if (schemas != nullptr && schemas->is_array()) {
    for (const json& s : *schemas) {
      has_schema =
          has_schema || (s.is_string() &&
                         text::EqualsIgnoreCase(s.get_ref<const std::string&>(), kPatchOpSchema));
    }
  }
  if (!has_schema) {
    return Syntax("\"schemas\" must list \"" + std::string(kPatchOpSchema) + "\"");
  }
  const json* ops = FindMember(request, "Operations");
  if (ops == nullptr || !ops->is_array() || ops->empty()) {
    return Syntax("\"Operations\" must be a non-empty array");
  }
  return std::nullopt;
}

ScimResult<PatchOpKind> OpKind(const json& op, size_t index) {
  std::string where = "operation " + std::to_string(index + 1);
  if (!op.is_object()) return Syntax(where + " must be a JSON object");
  const json* name = FindMember(op, "op");
  if (name != nullptr && name->is_string()) {
    const std::string& n = name->get_ref<const std::string&>();
    if (text::EqualsIgnoreCase(n, "add")) return PatchOpKind::kAdd;
    if (text::EqualsIgnoreCase(n, "replace")) return PatchOpKind::kReplace;
    if (text::EqualsIgnoreCase(n, "remove")) return PatchOpKind::kRemove;
  }
  return Syntax(where + ": \"op\" must be \"add\", \"replace\" or \"remove\"");
}

// An operation without a path: each member of the value object is applied at its own path.
Outcome ApplyValueObject(json& doc, const ResourceTypeDef& type, PatchOpKind op,
                         const json& value) {
  if (!value.is_object()) {
    return BadRequest(ScimType::kInvalidValue,
                      "an operation without a \"path\" needs an object of attributes as value");
  }
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (text::EqualsIgnoreCase(it.key(), "schemas")) continue;
    auto path = ParsePatchPath(it.key());
    if (!path.ok()) return path.error();
    if (auto e = ApplyOperation(doc, type, op, *path, &it.value())) return e;
  }
  return std::nullopt;
}

Outcome ApplyOne(json& doc, const ResourceTypeDef& type, const json& op, size_t index) {
  auto kind = OpKind(op, index);
  if (!kind.ok()) return kind.error();
  const json* path = FindMember(op, "path");
  const json* value = FindMember(op, "value");
  if (path != nullptr && !path->is_null() && !path->is_string()) {
    return BadRequest(ScimType::kInvalidPath, "\"path\" must be a string");
  }
  bool no_path = path == nullptr || path->is_null() ||
                 text::TrimAsciiSpace(path->get_ref<const std::string&>()).empty();
  if (*kind == PatchOpKind::kRemove) {
    if (no_path) return BadRequest(ScimType::kNoTarget, "a remove operation needs a \"path\"");
    if (value != nullptr && value->is_null()) value = nullptr;
  } else if (value == nullptr) {
    return Syntax("operation " + std::to_string(index + 1) + " needs a \"value\"");
  }
  if (no_path) return ApplyValueObject(doc, type, *kind, *value);
  auto parsed = ParsePatchPath(path->get_ref<const std::string&>());
  if (!parsed.ok()) return parsed.error();
  return ApplyOperation(doc, type, *kind, *parsed, value);
}

// "schemas": the core schema and the extensions the resource has values for.
void SetSchemas(json& doc, const ResourceTypeDef& type) {
  json schemas = json::array({type.schema->id});
  for (const auto& [ext, required] : type.extensions) {
    const json* v = FindMember(doc, ext->id);
    if (v != nullptr && !IsUnassigned(*v)) schemas.push_back(ext->id);
  }
  SetMember(doc, "schemas", std::move(schemas));
}

// A required attribute the resource had must still be there.
Outcome CheckRequired(const json& before, const json& after, const ResourceTypeDef& type) {
  for (const AttributeDef& a : type.schema->attributes) {
    if (!a.required) continue;
    const json* b = FindMember(before, a.name);
    const json* v = FindMember(after, a.name);
    if (b != nullptr && !IsUnassigned(*b) && (v == nullptr || IsUnassigned(*v))) {
      return BadRequest(ScimType::kInvalidValue,
                        "attribute \"" + a.name + "\" is required: it cannot be removed");
    }
  }
  return std::nullopt;
}

}  // namespace

ScimResult<json> ApplyPatch(const json& resource, const json& request,
                            const ResourceTypeDef& type) {
  if (auto e = CheckEnvelope(request)) return *e;
  if (!resource.is_object()) return Syntax("the resource to patch must be a JSON object");
  json doc = resource;
  const json& ops = *FindMember(request, "Operations");
  for (size_t i = 0; i < ops.size(); ++i) {
    if (auto e = ApplyOne(doc, type, ops[i], i)) return *e;
  }
  DropUnassigned(doc);
  if (auto e = CheckRequired(resource, doc, type)) return *e;
  SetSchemas(doc, type);
  return doc;
}

}  // namespace aic::scim
