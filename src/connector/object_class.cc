#include "aws_iam_connector/connector/object_class.h"

#include <string>

#include "aws_iam_connector/connector/uid.h"
#include "connector/text_util.h"

namespace aic::connector {

std::string_view ObjectClassName(ObjectClass object_class) {
  switch (object_class) {
    case ObjectClass::kAccount:
      return kAccountClassName;
    case ObjectClass::kGroup:
      return kGroupClassName;
    case ObjectClass::kPolicy:
      return kPolicyClassName;
    case ObjectClass::kRole:
      return kRoleClassName;
    case ObjectClass::kAll:
      return kAllClassName;
  }
  return kAllClassName;
}

Result<ObjectClass> ParseObjectClass(std::string_view name) {
  if (name == kUserClassAlias) return ObjectClass::kAccount;
  for (ObjectClass c : kAllObjectClasses) {
    if (ObjectClassName(c) == name) return c;
  }
  return Status(ErrorCode::kInvalidInput,
                "unknown object class '" + internal::SafeEcho(name) + "'");
}

Result<Uid> MakeUid(std::string_view value) {
  if (value.empty()) return Status(ErrorCode::kInvalidInput, "empty _id");
  if (value.size() > kMaxUidLength) {
    return Status(ErrorCode::kInvalidInput,
                  "_id longer than " + std::to_string(kMaxUidLength) + " characters");
  }
  return Uid(std::string(value));
}

}  // namespace aic::connector
