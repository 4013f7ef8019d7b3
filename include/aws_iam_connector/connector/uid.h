// Uid: the identifier of one object (`_id` in CREST, `__UID__` in ConnId).
//
// For `__ACCOUNT__` and `__GROUP__` it is the IAM name (UserName, GroupName); for `__POLICY__`
// it is the policy ARN. A Uid is never empty: MakeUid refuses empty or oversized values.
//
// Errors: MakeUid returns kInvalidInput for an empty value or one longer than kMaxUidLength.
// Thread safety: a value type.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "aws_iam_connector/status.h"

namespace aic::connector {

// The longest uid accepted (an ARN is at most 2048 characters in IAM).
inline constexpr std::size_t kMaxUidLength = 2048;

// CREST and ConnId spellings of the identifier attribute.
inline constexpr std::string_view kIdField = "_id";
inline constexpr std::string_view kUidAttribute = "__UID__";
inline constexpr std::string_view kRevisionField = "_rev";

class Uid {
 public:
  explicit Uid(std::string value) : value_(std::move(value)) {}
  const std::string& value() const { return value_; }
  friend bool operator==(const Uid& a, const Uid& b) { return a.value_ == b.value_; }

 private:
  std::string value_;
};

// A checked Uid.
Result<Uid> MakeUid(std::string_view value);

}  // namespace aic::connector
