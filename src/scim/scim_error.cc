#include "scim/scim_error.h"

namespace aic::scim {

std::string_view ScimTypeName(ScimType type) {
  switch (type) {
    case ScimType::kNone:
      return "";
    case ScimType::kInvalidFilter:
      return "invalidFilter";
    case ScimType::kTooMany:
      return "tooMany";
    case ScimType::kUniqueness:
      return "uniqueness";
    case ScimType::kMutability:
      return "mutability";
    case ScimType::kInvalidSyntax:
      return "invalidSyntax";
    case ScimType::kInvalidPath:
      return "invalidPath";
    case ScimType::kNoTarget:
      return "noTarget";
    case ScimType::kInvalidValue:
      return "invalidValue";
    case ScimType::kInvalidVers:
      return "invalidVers";
    case ScimType::kSensitive:
      return "sensitive";
  }
  return "";
}

ScimError ToScimError(const Status& status) {
  const std::string& m = status.message();
  switch (status.code()) {
    case ErrorCode::kOk:
      return ScimError{500, ScimType::kNone, "an error was expected", 0};
    case ErrorCode::kInvalidInput:
      return ScimError{400, ScimType::kInvalidSyntax, m, 0};
    case ErrorCode::kInvalidAttributeValue:
    case ErrorCode::kPasswordPolicyViolation:
      return ScimError{400, ScimType::kInvalidValue, m, 0};
    case ErrorCode::kUnknownUid:
      return ScimError{404, ScimType::kNone, m, 0};
    case ErrorCode::kAlreadyExists:
      return ScimError{409, ScimType::kUniqueness, m, 0};
    case ErrorCode::kConflict:
      return ScimError{409, ScimType::kNone, m, 0};
    case ErrorCode::kLimitExceeded:
      return ScimError{400, ScimType::kInvalidValue, m, 0};
    case ErrorCode::kUnauthenticated:
      return ScimError{401, ScimType::kNone, m, 0};
    case ErrorCode::kPermissionDenied:
      return ScimError{403, ScimType::kNone, m, 0};
    case ErrorCode::kConnectionFailed:
      return ScimError{502, ScimType::kNone, m, 0};
    case ErrorCode::kRetryable:
      // AWS throttled beyond the connector's retries, or this server is busy.
      return ScimError{429, ScimType::kNone, m, 5};
    case ErrorCode::kTimeout:
      return ScimError{504, ScimType::kNone, m, 0};
    case ErrorCode::kConfiguration:
    case ErrorCode::kInternal:
      return ScimError{500, ScimType::kNone, m, 0};
    case ErrorCode::kUnsupported:
      return ScimError{501, ScimType::kNone, m, 0};
  }
  return ScimError{500, ScimType::kNone, m, 0};
}

}  // namespace aic::scim
