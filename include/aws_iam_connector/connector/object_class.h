// ObjectClass: the kinds of objects the connector manages, in ConnId naming.
//
// `__ACCOUNT__` (an IAM user), `__GROUP__` (an IAM group), `__POLICY__` (a managed policy),
// `__ROLE__` (an IAM role) and `__ALL__` (listed among object types, as OpenIDM expects). On input
// `__USER__` is accepted as an alias of `__ACCOUNT__`. Names are case-sensitive, as in OpenIDM
// paths.
//
// Errors: ParseObjectClass returns kInvalidInput naming the unknown object class.
// Thread safety: pure functions and constants.
#pragma once

#include <array>
#include <string_view>

#include "aws_iam_connector/status.h"

namespace aic::connector {

enum class ObjectClass { kAccount, kGroup, kPolicy, kRole, kAll };

inline constexpr std::string_view kAccountClassName = "__ACCOUNT__";
inline constexpr std::string_view kGroupClassName = "__GROUP__";
inline constexpr std::string_view kPolicyClassName = "__POLICY__";
inline constexpr std::string_view kRoleClassName = "__ROLE__";
inline constexpr std::string_view kAllClassName = "__ALL__";
inline constexpr std::string_view kUserClassAlias = "__USER__";

// Every object class, in the order the schema lists them.
inline constexpr std::array<ObjectClass, 5> kAllObjectClasses = {
    ObjectClass::kAccount, ObjectClass::kGroup, ObjectClass::kPolicy, ObjectClass::kRole,
    ObjectClass::kAll};

// The canonical ConnId name ("__ACCOUNT__", ...).
std::string_view ObjectClassName(ObjectClass object_class);

// Parses a canonical name or the `__USER__` alias.
Result<ObjectClass> ParseObjectClass(std::string_view name);

}  // namespace aic::connector
