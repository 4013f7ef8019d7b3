// Input validation and normalisation of the attributes of a create or an update, done once in
// the framework before any connector code runs.
//
// What it does, in order:
//   - the input must be a JSON object with at most kMaxInputAttributes members;
//   - aliases fold into canonical names (`__USER__` -> `__NAME__`, `PermissionBoundary` ->
//     `PermissionsBoundary`, `__UID__` -> `_id`); the same attribute given twice with different
//     values is an error; `_rev` is dropped;
//   - `_id` is checked against the target: on create it supplies `__NAME__` when that is absent
//     (classes whose uid is the name) and must agree with it otherwise; on update it must equal
//     the target uid (a rename goes through `__NAME__`);
//   - every attribute must be in the schema (kInvalidInput naming it otherwise);
//   - read-only attributes are refused (kInvalidAttributeValue naming them), or with
//     ReadOnlyPolicy::kCollect kept aside in `read_only_values` so the caller can check that
//     they are unchanged (CheckReadOnlyUnchanged), since a PUT body is often a whole read object;
//   - values are type-checked (multi-valued: an array, a single value is wrapped; objects: Tags
//     must be [{"Key", "Value"}]), per-attribute rules are applied (IAM name, path, ARN, tag
//     lengths, list sizes), `null` means "clear" on update and "absent" on create;
//   - `__NAME__` must be present on create (missing required);
//   - `__PASSWORD__` is moved into a SecretString and its copy in the JSON is wiped, so the
//     `attributes` JSON can be logged or returned.
//
// Errors: kInvalidInput (not an object, unknown attribute, conflicting aliases, too many
// members), kInvalidAttributeValue (wrong type, bad value, read-only, missing required),
// kUnsupported (create or update on a read-only object class, create on a class with no
// creatable attribute such as `__ROLE__`). Messages name the attribute and
// never contain the password.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>

#include "aws_iam_connector/connector/schema.h"
#include "aws_iam_connector/connector/uid.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic::connector {

inline constexpr std::size_t kMaxInputAttributes = 64;

enum class ReadOnlyPolicy {
  kReject,   // a read-only attribute in the input is an error
  kCollect,  // read-only attributes are moved to read_only_values for CheckReadOnlyUnchanged
};

// Normalised input: canonical names, checked values, the password held apart.
struct ValidatedAttributes {
  nlohmann::json attributes = nlohmann::json::object();  // no _id, no __PASSWORD__
  std::optional<SecretString> password;
  nlohmann::json read_only_values = nlohmann::json::object();  // only with kCollect

  // True when the attribute (canonical name) was given, or the password for `__PASSWORD__`.
  bool Has(std::string_view name) const;
};

// Validates the attributes of a create. `uid` is the id from the URL (PUT with If-None-Match),
// if any.
Result<ValidatedAttributes> ValidateForCreate(const ObjectClassInfo& info, nlohmann::json input,
                                              const std::optional<Uid>& uid = std::nullopt,
                                              ReadOnlyPolicy policy = ReadOnlyPolicy::kReject);

// Validates the attributes of an update (PUT replace, or the touched fields of a PATCH) of the
// object `uid`.
Result<ValidatedAttributes> ValidateForUpdate(const ObjectClassInfo& info, nlohmann::json input,
                                              const Uid& uid,
                                              ReadOnlyPolicy policy = ReadOnlyPolicy::kReject);

// Checks one value (not null) against an attribute's type and rules; used by the validator and
// by the PATCH code. Multi-valued attributes take an array.
Status ValidateAttributeValue(const AttributeInfo& info, const nlohmann::json& value);

// With ReadOnlyPolicy::kCollect: every collected read-only value must equal the current one
// (strings of case-insensitive attributes compare without case). kInvalidAttributeValue names
// the first attribute that differs.
Status CheckReadOnlyUnchanged(const ObjectClassInfo& info, const ValidatedAttributes& validated,
                              const nlohmann::json& current);

}  // namespace aic::connector
