// Status and Result<T>: how errors cross module boundaries in aws-iam-connector.
//
// Every fallible function returns a Status (no value) or a Result<T> (a value or a Status).
// Library exceptions (pugixml, nlohmann::json, Boost, SQLite) are caught in the component that
// calls the library and turned into a Status there; nothing above that layer throws.
//
// The error vocabulary is the ConnId/OpenICF one. The single mapping to HTTP statuses lives in
// the REST server; the mapping from AWS error codes lives in the IAM client.
//
// A Status that came from AWS carries the AWS details (action, type, code, message, request id,
// HTTP status). Messages never contain secrets: callers must not put one there.
//
// maybe_applied(): set on the error of a call that may have changed AWS although it reports a
// failure: a request that was sent but whose answer was lost (timeout or connection reset after
// sending, a 5xx answer), or a retried call of which an earlier attempt was such a request (its
// final answer, e.g. EntityAlreadyExists or NoSuchEntity, may describe that earlier attempt's
// own effect). Writers use it to tell their own effect from someone else's (see
// docs/SECURITY.md, "lost answers"). WithContext keeps it.
//
// Thread safety: values; safe to copy across threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace aic {

enum class ErrorCode {
  kOk = 0,
  kInvalidInput,           // malformed request, bad filter, bad JSON, bad parameter
  kInvalidAttributeValue,  // an attribute value AWS or the schema refuses
  kPasswordPolicyViolation,
  kUnknownUid,        // the object does not exist (NoSuchEntity)
  kAlreadyExists,     // EntityAlreadyExists
  kConflict,          // DeleteConflict and similar
  kLimitExceeded,     // an AWS quota (LimitExceeded)
  kUnauthenticated,   // missing or wrong credentials of the caller
  kPermissionDenied,  // AccessDenied from AWS
  kConnectionFailed,  // endpoint unreachable, TLS or proxy failure
  kRetryable,         // throttled or 5xx beyond the retry budget
  kTimeout,           // request timed out
  kConfiguration,     // bad configuration
  kUnsupported,       // operation not supported on this object class
  kInternal,          // anything else
};

// The stable name of a code ("UnknownUid", "AlreadyExists", ...).
std::string_view ErrorCodeName(ErrorCode code);

// What AWS said about a failed call.
struct AwsErrorDetail {
  std::string action;      // IAM/STS action, e.g. "CreateUser"
  std::string type;        // "Sender" or "Receiver"
  std::string code;        // e.g. "NoSuchEntity"
  std::string message;     // AWS's message
  std::string request_id;  // AWS's RequestId
  int http_status = 0;
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  Status(ErrorCode code, std::string message, AwsErrorDetail aws)
      : code_(code), message_(std::move(message)), aws_(std::move(aws)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::optional<AwsErrorDetail>& aws() const { return aws_; }
  bool maybe_applied() const { return maybe_applied_; }

  // A copy with maybe_applied() set (no effect on an OK status).
  Status MarkMaybeApplied() const {
    Status copy = *this;
    copy.maybe_applied_ = !ok();
    return copy;
  }

  // "UnknownUid: message [GetUser NoSuchEntity]".
  std::string ToString() const;

  // Returns a copy whose message is prefixed by `context` ("CreateLoginProfile: ...").
  Status WithContext(std::string_view context) const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  std::optional<AwsErrorDetail> aws_;
  bool maybe_applied_ = false;
};

// A value or an error Status. Constructing a Result from an OK Status is a programming error
// and yields kInternal.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    if (std::get<Status>(v_).ok()) v_ = Status(ErrorCode::kInternal, "Result built from OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace aic

// Returns the Status of `expr` from the enclosing function if it is not OK.
#define AIC_RETURN_IF_ERROR(expr)              \
  do {                                         \
    ::aic::Status aic_status_ = (expr);        \
    if (!aic_status_.ok()) return aic_status_; \
  } while (0)

#define AIC_STATUS_CONCAT_INNER(a, b) a##b
#define AIC_STATUS_CONCAT(a, b) AIC_STATUS_CONCAT_INNER(a, b)
// `AIC_ASSIGN_OR_RETURN(auto x, MakeX());` declares x from a Result's value, or returns the
// Result's Status from the enclosing function.
#define AIC_ASSIGN_OR_RETURN(lhs, expr) \
  AIC_ASSIGN_OR_RETURN_IMPL(AIC_STATUS_CONCAT(aic_result_, __LINE__), lhs, expr)
#define AIC_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
