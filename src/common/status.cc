#include "aws_iam_connector/status.h"

namespace aic {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return "Ok";
    case ErrorCode::kInvalidInput:
      return "InvalidInput";
    case ErrorCode::kInvalidAttributeValue:
      return "InvalidAttributeValue";
    case ErrorCode::kPasswordPolicyViolation:
      return "PasswordPolicyViolation";
    case ErrorCode::kUnknownUid:
      return "UnknownUid";
    case ErrorCode::kAlreadyExists:
      return "AlreadyExists";
    case ErrorCode::kConflict:
      return "Conflict";
    case ErrorCode::kLimitExceeded:
      return "LimitExceeded";
    case ErrorCode::kUnauthenticated:
      return "Unauthenticated";
    case ErrorCode::kPermissionDenied:
      return "PermissionDenied";
    case ErrorCode::kConnectionFailed:
      return "ConnectionFailed";
    case ErrorCode::kRetryable:
      return "Retryable";
    case ErrorCode::kTimeout:
      return "Timeout";
    case ErrorCode::kConfiguration:
      return "Configuration";
    case ErrorCode::kUnsupported:
      return "Unsupported";
    case ErrorCode::kInternal:
      return "Internal";
  }
  return "Internal";
}

std::string Status::ToString() const {
  if (ok()) return "Ok";
  std::string out(ErrorCodeName(code_));
  out += ": ";
  out += message_;
  if (aws_) {
    out += " [";
    out += aws_->action;
    if (!aws_->code.empty()) {
      out += ' ';
      out += aws_->code;
    }
    out += ']';
  }
  return out;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  Status copy = *this;
  copy.message_ = std::string(context) + ": " + message_;
  return copy;
}

}  // namespace aic
