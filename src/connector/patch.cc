#include "aws_iam_connector/connector/patch.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "connector/text_util.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;
using Type = PatchOperation::Type;

Status Bad(std::size_t index, const std::string& why) {
  return Status(ErrorCode::kInvalidInput,
                "bad patch operation " + std::to_string(index) + ": " + why);
}

bool IsList(const ObjectClassInfo* info, const std::string& name, const json& object) {
  if (info != nullptr) {
    if (const AttributeInfo* a = info->Find(name)) return a->multi_valued;
  }
  auto it = object.find(name);
  return it != object.end() && it->is_array();
}

std::optional<std::size_t> ParseIndex(const std::string& s) {
  std::size_t v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

json Elements(const json& value) { return value.is_array() ? value : json::array({value}); }

json Cleared(bool list) { return list ? json::array() : json(nullptr); }

}  // namespace

Result<std::vector<PatchOperation>> ParsePatch(const json& body) {
  if (!body.is_array()) return Status(ErrorCode::kInvalidInput, "a patch must be a JSON array");
  if (body.size() > kMaxPatchOperations) {
    return Status(ErrorCode::kInvalidInput,
                  "more than " + std::to_string(kMaxPatchOperations) + " patch operations");
  }
  std::vector<PatchOperation> out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const json& op = body[i];
    if (!op.is_object()) return Bad(i, "not an object");
    for (const auto& [k, v] : op.items()) {
      if (k != "operation" && k != "field" && k != "value") {
        return Bad(i, "unknown member '" + internal::SafeEcho(k, 40) + "'");
      }
    }
    auto name = op.find("operation");
    if (name == op.end() || !name->is_string()) return Bad(i, "missing \"operation\"");
    PatchOperation p;
    const std::string& n = name->get_ref<const std::string&>();
    if (n == "add") {
      p.type = Type::kAdd;
    } else if (n == "remove") {
      p.type = Type::kRemove;
    } else if (n == "replace") {
      p.type = Type::kReplace;
    } else {
      return Bad(i, "unsupported operation '" + internal::SafeEcho(n, 40) +
                        "' (supported: add, remove, replace)");
    }
    auto field = op.find("field");
    if (field == op.end() || !field->is_string()) return Bad(i, "missing \"field\"");
    auto path = ParseFieldPath(field->get_ref<const std::string&>());
    if (!path.ok()) return Bad(i, path.status().message());
    if (path->size() > 2) return Bad(i, "nested fields are not supported");
    (*path)[0] = std::string(CanonicalAttributeName((*path)[0]));
    if (path->size() == 2) {
      const std::string& last = (*path)[1];
      if (last == "-" && p.type != Type::kAdd) return Bad(i, "'-' is only valid with add");
      if (last != "-" && !ParseIndex(last)) return Bad(i, "nested fields are not supported");
    }
    p.field = std::move(*path);
    auto value = op.find("value");
    if (value != op.end()) p.value = *value;
    if (p.type == Type::kAdd && !p.value) return Bad(i, "add needs a \"value\"");
    out.push_back(std::move(p));
  }
  return out;
}

Status ApplyPatch(const std::vector<PatchOperation>& operations, json& object,
                  const ObjectClassInfo* info) {
  if (!object.is_object()) return Status(ErrorCode::kInvalidInput, "patch target is not an object");
  for (std::size_t i = 0; i < operations.size(); ++i) {
    const PatchOperation& op = operations[i];
    const std::string& name = op.field[0];
    bool list = IsList(info, name, object);
    json& target = object[name];  // creates null when absent
    if (op.field.size() == 2) {
      const std::string& seg = op.field[1];
      if (seg == "-") {  // add to the end
        if (!target.is_array()) target = target.is_null() ? json::array() : json::array({target});
        target.push_back(*op.value);
        continue;
      }
      std::size_t index = *ParseIndex(seg);
      if (!target.is_array() || index >= target.size()) {
        return Bad(i, "no element " + seg + " in '" + name + "'");
      }
      if (op.type == Type::kRemove || !op.value || op.value->is_null()) {
        target.erase(index);
      } else {
        target[index] = *op.value;
      }
      continue;
    }
    switch (op.type) {
      case Type::kAdd:
        if (list) {
          if (!target.is_array()) target = target.is_null() ? json::array() : json::array({target});
          for (const json& e : Elements(*op.value)) {
            if (std::find(target.begin(), target.end(), e) == target.end()) target.push_back(e);
          }
        } else {
          target = *op.value;
        }
        break;
      case Type::kRemove:
        if (!op.value || op.value->is_null()) {
          target = Cleared(list);
        } else if (target.is_array()) {
          json drop = Elements(*op.value);
          json kept = json::array();
          for (const json& e : target) {
            if (std::find(drop.begin(), drop.end(), e) == drop.end()) kept.push_back(e);
          }
          target = std::move(kept);
        } else if (target == *op.value) {
          target = Cleared(list);
        }
        break;
      case Type::kReplace:
        if (!op.value || op.value->is_null()) {
          target = Cleared(list);
        } else {
          target = list ? Elements(*op.value) : *op.value;
        }
        break;
    }
  }
  return Status::Ok();
}

std::vector<std::string> PatchedFields(const std::vector<PatchOperation>& operations) {
  std::vector<std::string> out;
  for (const PatchOperation& op : operations) {
    if (std::find(out.begin(), out.end(), op.field[0]) == out.end()) out.push_back(op.field[0]);
  }
  return out;
}

json PatchedAttributes(const std::vector<PatchOperation>& operations, const json& patched) {
  json out = json::object();
  for (const std::string& name : PatchedFields(operations)) {
    auto it = patched.find(name);
    out[name] = it == patched.end() ? json(nullptr) : *it;
  }
  return out;
}

Result<ValidatedAttributes> PatchToUpdate(const ObjectClassInfo& info,
                                          const std::vector<PatchOperation>& operations,
                                          json current, const Uid& uid) {
  if (current.is_null()) current = json::object();
  AIC_RETURN_IF_ERROR(ApplyPatch(operations, current, &info));
  json touched = json::object();
  for (const std::string& name : PatchedFields(operations)) {
    auto it = current.find(name);
    touched[name] = it == current.end() ? json(nullptr) : std::move(*it);
  }
  return ValidateForUpdate(info, std::move(touched), uid);
}

}  // namespace aic::connector
