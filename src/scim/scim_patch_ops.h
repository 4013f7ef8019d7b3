// scim_patch_ops: one PATCH operation at one parsed path (the semantics are in scim_patch.h,
// whose ApplyPatch validates the request and calls this for each operation and for each member
// of a value object without a path). Internal to the SCIM module.
//
// Errors: 400 with invalidPath, invalidValue, mutability or noTarget. On error `doc` may be
// partly changed: callers work on a copy and drop it.
// Thread safety: pure functions over the caller's document.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "scim/scim_error.h"
#include "scim/scim_path.h"
#include "scim/scim_schema.h"

namespace aic::scim {

enum class PatchOpKind { kAdd, kReplace, kRemove };

// Applies `op` at `path` to `doc` (a resource of `type`). `value` is null for a remove without
// a value, otherwise the operation's value. nullopt when it succeeded.
std::optional<ScimError> ApplyOperation(nlohmann::json& doc, const ResourceTypeDef& type,
                                        PatchOpKind op, const PatchPath& path,
                                        const nlohmann::json* value);

}  // namespace aic::scim
