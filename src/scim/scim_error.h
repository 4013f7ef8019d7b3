// ScimError: an error of the SCIM 2.0 service as RFC 7644 section 3.12 words it (HTTP status,
// scimType, detail), and ScimResult<T>: a value or a ScimError. The SCIM modules (schema,
// filter, path, patch, projection, the service) return these; the service turns a ScimError
// into the RFC's error body. ToScimError(Status) maps the connector's error vocabulary
// (status.h) onto SCIM: the one table of that mapping.
//
// Thread safety: plain values.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "aws_iam_connector/status.h"

namespace aic::scim {

// RFC 7644 3.12, table 9 (kNone: no scimType member in the body).
enum class ScimType {
  kNone,
  kInvalidFilter,
  kTooMany,
  kUniqueness,
  kMutability,
  kInvalidSyntax,
  kInvalidPath,
  kNoTarget,
  kInvalidValue,
  kInvalidVers,
  kSensitive,
};

// The RFC's spelling ("invalidFilter", ...); empty for kNone.
std::string_view ScimTypeName(ScimType type);

struct ScimError {
  int status = 400;
  ScimType type = ScimType::kNone;
  std::string detail;
  int retry_after_seconds = 0;  // > 0: the answer carries Retry-After (429, 503)
};

// 400 with a scimType: the common case of the parsers.
inline ScimError BadRequest(ScimType type, std::string detail) {
  return ScimError{400, type, std::move(detail), 0};
}

// The connector's Status as SCIM sees it (one table, scim_error.cc).
ScimError ToScimError(const Status& status);

template <class T>
class ScimResult {
 public:
  ScimResult(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  ScimResult(ScimError error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const ScimError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, ScimError> v_;
};

}  // namespace aic::scim
