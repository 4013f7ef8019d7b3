#include "aws_iam_connector/connector/attribute_validator.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "connector/json_compare.h"
#include "connector/text_util.h"

namespace aic::connector {
namespace {

using json = nlohmann::json;

// The longest plain string value accepted for any attribute without a stricter rule.
constexpr std::size_t kMaxStringValueLength = 4096;
// ARNs have at least this many ':' separators (arn:partition:service:region:account:resource).
constexpr int kArnMinColons = 5;

std::string Echo(std::string_view s) { return internal::SafeEcho(s); }

Status BadValue(const AttributeInfo& a, const std::string& why) {
  return Status(ErrorCode::kInvalidAttributeValue, "attribute '" + a.name + "' " + why);
}

bool IsIamNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         std::string_view("+=,.@_-").find(c) != std::string_view::npos;
}

Status CheckRule(const AttributeInfo& a, const std::string& s) {
  switch (a.rule) {
    case ValueRule::kIamName:
    case ValueRule::kIamGroupName: {
      const std::size_t max =
          a.rule == ValueRule::kIamName ? kMaxUserNameLength : kMaxGroupNameLength;
      if (s.empty() || s.size() > max || !std::all_of(s.begin(), s.end(), IsIamNameChar)) {
        return BadValue(a, "must be 1 to " + std::to_string(max) +
                               " of A-Z a-z 0-9 +=,.@_- (got '" + Echo(s) + "')");
      }
      return Status::Ok();
    }
    case ValueRule::kIamPath: {
      bool chars_ok =
          std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x21 && c <= 0x7E; });
      if (s.empty() || s.size() > kMaxPathLength || s.front() != '/' || s.back() != '/' ||
          !chars_ok) {
        return BadValue(a, "must be '/' or '/.../' of at most " + std::to_string(kMaxPathLength) +
                               " printable characters (got '" + Echo(s) + "')");
      }
      return Status::Ok();
    }
    case ValueRule::kArn:
      if (s.rfind("arn:", 0) != 0 || s.size() > kMaxArnLength ||
          std::count(s.begin(), s.end(), ':') < kArnMinColons) {
        return BadValue(a, "must be an ARN (got '" + Echo(s) + "')");
      }
      return Status::Ok();
    case ValueRule::kTag:
    case ValueRule::kNone:
      return Status::Ok();
  }
  return Status::Ok();
}

Status CheckTag(const AttributeInfo& a, const json& tag) {
  if (!tag.is_object()) return BadValue(a, "must be a list of {\"Key\", \"Value\"} objects");
  for (const auto& [k, v] : tag.items()) {
    if (k != "Key" && k != "Value") {
      return BadValue(a, "has an unknown member '" + Echo(k) + "' (a tag is {\"Key\", \"Value\"})");
    }
  }
  auto key = tag.find("Key");
  auto value = tag.find("Value");
  if (key == tag.end() || !key->is_string())
    return BadValue(a, "needs a string \"Key\" in every tag");
  if (value == tag.end() || !value->is_string()) {
    return BadValue(a, "needs a string \"Value\" in every tag");
  }
  const auto& ks = key->get_ref<const std::string&>();
  if (ks.empty() || ks.size() > kMaxTagKeyLength) {
    return BadValue(a, "has a Key not of 1 to " + std::to_string(kMaxTagKeyLength) + " characters");
  }
  if (value->get_ref<const std::string&>().size() > kMaxTagValueLength) {
    return BadValue(a, "has a Value longer than " + std::to_string(kMaxTagValueLength) +
                           " characters (Key '" + Echo(ks) + "')");
  }
  return Status::Ok();
}

Status CheckSingle(const AttributeInfo& a, const json& v) {
  switch (a.type) {
    case AttributeType::kString:
    case AttributeType::kDate:
      if (!v.is_string()) return BadValue(a, "must be a string");
      if (v.get_ref<const std::string&>().size() > kMaxStringValueLength) {
        return BadValue(a, "is longer than " + std::to_string(kMaxStringValueLength));
      }
      return CheckRule(a, v.get_ref<const std::string&>());
    case AttributeType::kGuardedString:
      if (!v.is_string()) return BadValue(a, "must be a string");
      if (v.get_ref<const std::string&>().empty() ||
          v.get_ref<const std::string&>().size() > kMaxPasswordLength) {
        return BadValue(a, "must be 1 to " + std::to_string(kMaxPasswordLength) + " characters");
      }
      return Status::Ok();
    case AttributeType::kBoolean:
      if (!v.is_boolean()) return BadValue(a, "must be a boolean");
      return Status::Ok();
    case AttributeType::kInteger:
      if (!v.is_number_integer()) return BadValue(a, "must be an integer");
      return Status::Ok();
    case AttributeType::kObject:
      if (a.rule == ValueRule::kTag) return CheckTag(a, v);
      if (!v.is_object()) return BadValue(a, "must be an object");
      return Status::Ok();
  }
  return Status::Ok();
}

// The input as a whole: a JSON object of at most kMaxInputAttributes, for a class that can be
// written.
Status CheckInputShape(const ObjectClassInfo& info, const json& input, bool is_create) {
  std::string op = is_create ? "create" : "update";
  if (!input.is_object()) {
    return Status(ErrorCode::kInvalidInput, "the attributes of " + op + " must be a JSON object");
  }
  if (input.size() > kMaxInputAttributes) {
    return Status(ErrorCode::kInvalidInput,
                  "more than " + std::to_string(kMaxInputAttributes) + " attributes");
  }
  if (info.read_only()) {
    return Status(ErrorCode::kUnsupported,
                  std::string(info.name()) + " is read-only: " + op + " is not supported");
  }
  if (is_create && !info.creatable()) {
    return Status(ErrorCode::kUnsupported,
                  std::string(info.name()) + " cannot be created: create is not supported");
  }
  return Status::Ok();
}

// `_id` or `__UID__` (input spelling `key`) into `body_id`; null is ignored, and both given
// must agree.
Status TakeBodyId(const std::string& key, const json& value, std::optional<std::string>& body_id) {
  if (value.is_null()) return Status::Ok();
  if (!value.is_string()) {
    return Status(ErrorCode::kInvalidAttributeValue, "attribute '" + key + "' must be a string");
  }
  if (body_id && *body_id != value.get_ref<const std::string&>()) {
    return Status(ErrorCode::kInvalidInput, "_id and __UID__ differ");
  }
  body_id = value.get<std::string>();
  return Status::Ok();
}

// The password (a guarded string) into out.password. The plain copy in the input is wiped
// whether it is valid or not.
Status TakePassword(const AttributeInfo& a, json& value, bool is_create, ValidatedAttributes& out) {
  if (value.is_null()) {
    if (is_create) return Status::Ok();
    return BadValue(a, "cannot be cleared");
  }
  Status s = CheckSingle(a, value);
  if (value.is_string()) {
    auto& plain = value.get_ref<std::string&>();
    if (s.ok()) out.password = SecretString(plain);
    WipeString(plain);
  }
  return s;
}

// An attribute given again under another spelling (`key`, first given as `first_key`) must have
// the value it was given first.
Status CheckSameAsFirst(const AttributeInfo& a, const std::string& name,
                        const std::string& first_key, const std::string& key, const json& value,
                        const ValidatedAttributes& out) {
  static const json kNoValue;
  const json* prior = out.attributes.contains(name)         ? &out.attributes[name]
                      : out.read_only_values.contains(name) ? &out.read_only_values[name]
                                                            : &kNoValue;
  json candidate = value;
  if (a.multi_valued && !candidate.is_array() && !candidate.is_null()) {
    candidate = json::array({candidate});
  }
  if (!internal::SameValue(prior, &candidate, a.case_insensitive)) {
    return Status(ErrorCode::kInvalidInput, "attribute '" + name + "' given twice ('" + first_key +
                                                "' and '" + key + "') with different values");
  }
  return Status::Ok();
}

// One attribute's value into out.attributes (null clears it on update), or, when it may not be
// set and `policy` is kCollect, into out.read_only_values.
Status TakeValue(const AttributeInfo& a, const std::string& name, json& value, bool is_create,
                 ReadOnlyPolicy policy, ValidatedAttributes& out) {
  bool allowed = is_create ? a.creatable : a.updateable;
  if (!allowed) {
    if (policy == ReadOnlyPolicy::kCollect) {
      out.read_only_values[name] = std::move(value);
      return Status::Ok();
    }
    return BadValue(a, is_create ? "is read-only and cannot be set on create"
                                 : "is read-only and cannot be changed");
  }
  if (value.is_null()) {
    if (is_create) return Status::Ok();
    if (a.required) return BadValue(a, "is required and cannot be cleared");
    out.attributes[name] = a.multi_valued ? json::array() : json(nullptr);
    return Status::Ok();
  }
  if (a.multi_valued && !value.is_array()) value = json::array({std::move(value)});
  AIC_RETURN_IF_ERROR(ValidateAttributeValue(a, value));
  out.attributes[name] = std::move(value);
  return Status::Ok();
}

// Where the uid is the name, a create's `id` is its __NAME__: __NAME__ is set from it, or must
// equal it.
Status MatchNameToId(const ObjectClassInfo& info, const std::string& id, ValidatedAttributes& out) {
  std::string name_key(kNameAttribute);
  auto name_it = out.attributes.find(name_key);
  if (name_it == out.attributes.end()) {
    const AttributeInfo* a = info.Find(kNameAttribute);
    if (a != nullptr) {
      AIC_RETURN_IF_ERROR(ValidateAttributeValue(*a, json(id)));
      out.attributes[name_key] = id;
    }
  } else if (name_it->get_ref<const std::string&>() != id) {
    return Status(ErrorCode::kInvalidAttributeValue,
                  "_id '" + Echo(id) + "' and __NAME__ '" +
                      Echo(name_it->get_ref<const std::string&>()) + "' differ");
  }
  return Status::Ok();
}

// What a create needs beyond the single values: the id of the request and the body's _id agree,
// the id and __NAME__ agree (see MatchNameToId), and every required attribute is there.
Status CheckCreateComplete(const ObjectClassInfo& info, const std::optional<std::string>& body_id,
                           const std::optional<Uid>& uid, ValidatedAttributes& out) {
  std::optional<std::string> id = body_id;
  if (uid) {
    if (id && *id != uid->value()) {
      return Status(ErrorCode::kInvalidInput, "_id '" + Echo(*id) +
                                                  "' in the body does not match the id '" +
                                                  Echo(uid->value()) + "' of the request");
    }
    id = uid->value();
  }
  if (id && info.uid_is_name()) {
    AIC_RETURN_IF_ERROR(MatchNameToId(info, *id, out));
  }
  for (const AttributeInfo& a : info.attributes()) {
    if (a.required && !out.attributes.contains(a.name)) {
      return Status(ErrorCode::kInvalidAttributeValue,
                    "missing required attribute '" + a.name + "'");
    }
  }
  return Status::Ok();
}

Result<ValidatedAttributes> Validate(const ObjectClassInfo& info, json input,
                                     const std::optional<Uid>& uid, bool is_create,
                                     ReadOnlyPolicy policy) {
  AIC_RETURN_IF_ERROR(CheckInputShape(info, input, is_create));
  ValidatedAttributes out;
  std::optional<std::string> body_id;
  std::vector<std::pair<std::string, std::string>> spelled;  // canonical -> input spelling
  for (auto& [key, value] : input.items()) {
    std::string name(CanonicalAttributeName(key));
    if (name == kRevisionField) continue;
    if (name == kIdField) {
      AIC_RETURN_IF_ERROR(TakeBodyId(key, value, body_id));
      continue;
    }
    const AttributeInfo* a = info.Find(name);
    if (a == nullptr) {
      return Status(ErrorCode::kInvalidInput,
                    "unknown attribute '" + Echo(key) + "' for " + std::string(info.name()));
    }
    if (a->type == AttributeType::kGuardedString) {
      AIC_RETURN_IF_ERROR(TakePassword(*a, value, is_create, out));
      continue;
    }
    auto earlier = std::find_if(spelled.begin(), spelled.end(),
                                [&](const auto& p) { return p.first == name; });
    if (earlier != spelled.end()) {
      AIC_RETURN_IF_ERROR(CheckSameAsFirst(*a, name, earlier->second, key, value, out));
      continue;
    }
    spelled.emplace_back(name, key);
    AIC_RETURN_IF_ERROR(TakeValue(*a, name, value, is_create, policy, out));
  }

  if (is_create) {
    AIC_RETURN_IF_ERROR(CheckCreateComplete(info, body_id, uid, out));
  } else if (body_id && *body_id != uid->value()) {
    return Status(ErrorCode::kInvalidAttributeValue,
                  "_id '" + Echo(*body_id) + "' does not match the object '" + Echo(uid->value()) +
                      "' (rename with __NAME__)");
  }
  return out;
}

}  // namespace

bool ValidatedAttributes::Has(std::string_view name) const {
  if (name == kPasswordAttribute) return password.has_value();
  return attributes.contains(std::string(name));
}

Status ValidateAttributeValue(const AttributeInfo& info, const json& value) {
  if (!info.multi_valued) {
    if (value.is_array()) return BadValue(info, "is single-valued and cannot take a list");
    return CheckSingle(info, value);
  }
  if (!value.is_array()) return BadValue(info, "must be a list");
  std::size_t max = info.max_values == 0 ? kMaxListAttributeValues : info.max_values;
  if (value.size() > max) {
    return BadValue(info, "has more than " + std::to_string(max) + " values");
  }
  for (const json& v : value) AIC_RETURN_IF_ERROR(CheckSingle(info, v));
  if (info.rule == ValueRule::kTag) {
    // IAM tag keys are unique without regard to case.
    for (std::size_t i = 0; i < value.size(); ++i) {
      for (std::size_t j = i + 1; j < value.size(); ++j) {
        if (internal::EqualsIgnoreCase(value[i]["Key"].get_ref<const std::string&>(),
                                       value[j]["Key"].get_ref<const std::string&>())) {
          return BadValue(info,
                          "has the Key '" + Echo(value[j]["Key"].get<std::string>()) + "' twice");
        }
      }
    }
  }
  return Status::Ok();
}

Result<ValidatedAttributes> ValidateForCreate(const ObjectClassInfo& info, json input,
                                              const std::optional<Uid>& uid,
                                              ReadOnlyPolicy policy) {
  return Validate(info, std::move(input), uid, /*is_create=*/true, policy);
}

Result<ValidatedAttributes> ValidateForUpdate(const ObjectClassInfo& info, json input,
                                              const Uid& uid, ReadOnlyPolicy policy) {
  return Validate(info, std::move(input), uid, /*is_create=*/false, policy);
}

Status CheckReadOnlyUnchanged(const ObjectClassInfo& info, const ValidatedAttributes& validated,
                              const json& current) {
  for (const auto& [name, value] : validated.read_only_values.items()) {
    const AttributeInfo* a = info.Find(name);
    bool ignore_case = a != nullptr && a->case_insensitive;
    auto it = current.find(name);
    const json* now = it == current.end() ? nullptr : &*it;
    if (!internal::SameValue(&value, now, ignore_case)) {
      return Status(ErrorCode::kInvalidAttributeValue,
                    "attribute '" + name + "' is read-only and cannot be changed");
    }
  }
  return Status::Ok();
}

}  // namespace aic::connector
