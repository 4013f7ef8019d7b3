// Internal: the AWS rules for AssumeRole parameters, shared by StsClient (kInvalidInput before
// sending) and the AssumeRole provider (kConfiguration at start-up). Each check returns the
// problem in words, or nullopt when the value is fine. Problems never quote external ids.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aic::credentials_internal {

inline constexpr int kMinAssumeRoleDurationSeconds = 900;
inline constexpr int kMaxAssumeRoleDurationSeconds = 43200;
inline constexpr std::size_t kMinRoleSessionNameLength = 2;
inline constexpr std::size_t kMaxRoleSessionNameLength = 64;
inline constexpr std::size_t kMinExternalIdLength = 2;
inline constexpr std::size_t kMaxExternalIdLength = 1224;
inline constexpr std::size_t kMaxRoleArnLength = 2048;

// arn:<partition>:iam::<12-digit account>:role/[path/]name
std::optional<std::string> CheckRoleArn(std::string_view arn);
// 2..64 characters of [A-Za-z0-9+=,.@_-]
std::optional<std::string> CheckRoleSessionName(std::string_view name);
// empty, or 2..1224 characters of [A-Za-z0-9+=,.@:/_-]
std::optional<std::string> CheckExternalId(std::string_view id);
// 900..43200
std::optional<std::string> CheckDurationSeconds(int seconds);

}  // namespace aic::credentials_internal
