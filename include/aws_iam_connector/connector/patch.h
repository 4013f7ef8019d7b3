// CREST PATCH (SPEC 4.3): parse the operations of a PATCH body and apply them to an object.
//
// Body: a JSON array of at most kMaxPatchOperations objects
//   {"operation": "add" | "remove" | "replace", "field": "/name" or "name", "value": ...}
// `increment`, `move`, `copy`, `transform` and anything else are refused. Fields are top-level
// attributes, optionally followed by one segment: "-" (append, add only) or a list index
// (remove/replace of one element). Aliases fold (`__USER__` -> `__NAME__`, ...).
//
// ApplyPatch semantics (the schema decides what is a list; without it, whether the current
// value is an array):
//   add      on a list: appends the value's elements (a single value is one element) that the
//            list does not already hold; on a single-valued field: sets it.
//   remove   with a value, on a list: removes those elements; on a single-valued field: clears
//            it if it holds that value. Without a value: clears the field. Clearing sets `[]`
//            for a list and null for a single value, so an update computed from the patched
//            object sees the clear (absent means "unchanged" in a PUT).
//   replace  sets the field (a single value of a list attribute becomes a one-element list);
//            without a value or with null it clears like remove.
// Values are not type-checked here: validate the touched fields afterwards with
// ValidateForUpdate (PatchedAttributes gives exactly those).
//
// Errors: kInvalidInput naming the index of the bad operation and the problem.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "aws_iam_connector/connector/attribute_validator.h"
#include "aws_iam_connector/connector/query_filter.h"
#include "aws_iam_connector/connector/schema.h"
#include "aws_iam_connector/connector/uid.h"
#include "aws_iam_connector/status.h"

namespace aic::connector {

inline constexpr std::size_t kMaxPatchOperations = 100;

struct PatchOperation {
  enum class Type { kAdd, kRemove, kReplace };
  Type type = Type::kReplace;
  FieldPath field;  // canonical first segment
  std::optional<nlohmann::json> value;

  friend bool operator==(const PatchOperation&, const PatchOperation&) = default;
};

Result<std::vector<PatchOperation>> ParsePatch(const nlohmann::json& body);

// Applies the operations in order to `object` (a JSON object). `info` may be null.
Status ApplyPatch(const std::vector<PatchOperation>& operations, nlohmann::json& object,
                  const ObjectClassInfo* info = nullptr);

// The top-level attributes the operations touch, without repeats, in order. The connector
// must read their current values before applying the patch (add/remove need them).
std::vector<std::string> PatchedFields(const std::vector<PatchOperation>& operations);

// The touched attributes of `patched` (null where a field was removed entirely), ready for
// ValidateForUpdate.
nlohmann::json PatchedAttributes(const std::vector<PatchOperation>& operations,
                                 const nlohmann::json& patched);

// The whole PATCH flow for an update: applies `operations` to `current` (which must hold the
// current values of PatchedFields), then validates the touched attributes as an update of
// `uid`. A `__PASSWORD__` value ends in the result's SecretString; the copy made here is moved,
// not duplicated. (The operations themselves still hold it: never log them.)
Result<ValidatedAttributes> PatchToUpdate(const ObjectClassInfo& info,
                                          const std::vector<PatchOperation>& operations,
                                          nlohmann::json current, const Uid& uid);

}  // namespace aic::connector
