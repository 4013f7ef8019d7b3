#include "credentials/sts_validation.h"

#include <fmt/format.h>

#include <cctype>

namespace aic::credentials_internal {
namespace {

bool AllOf(std::string_view s, std::string_view extra) {
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') continue;
    if (extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

bool IsPartition(std::string_view p) {
  // aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, ...: "aws" then "-word" groups.
  if (p.substr(0, 3) != "aws") return false;
  p.remove_prefix(3);
  while (!p.empty()) {
    if (p.front() != '-' || p.size() < 2) return false;
    p.remove_prefix(1);
    while (!p.empty() && p.front() != '-') {
      if (!std::islower(static_cast<unsigned char>(p.front()))) return false;
      p.remove_prefix(1);
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> CheckRoleArn(std::string_view arn) {
  const std::string kShape = "expected arn:<partition>:iam::<12-digit account id>:role/<name>";
  if (arn.empty()) return "is empty";
  if (arn.size() > kMaxRoleArnLength) {
    return fmt::format("is longer than {} characters", kMaxRoleArnLength);
  }
  // Split on the first five ':' (the resource may not contain more).
  std::string_view parts[6];
  std::string_view rest = arn;
  for (int i = 0; i < 5; ++i) {
    std::size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return fmt::format("is malformed ({})", kShape);
    parts[i] = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  parts[5] = rest;
  if (parts[0] != "arn" || !IsPartition(parts[1]) || parts[2] != "iam" || !parts[3].empty()) {
    return fmt::format("is malformed ({})", kShape);
  }
  bool digits = parts[4].size() == 12;
  for (char c : parts[4]) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (!digits) {
    return fmt::format("has a malformed account id ({})", kShape);
  }
  std::string_view resource = parts[5];
  if (resource.substr(0, 5) != "role/") return fmt::format("is not a role ARN ({})", kShape);
  resource.remove_prefix(5);
  std::size_t slash = resource.rfind('/');
  std::string_view name = slash == std::string_view::npos ? resource : resource.substr(slash + 1);
  if (name.empty() || name.size() > 64 || !AllOf(name, "+=,.@-")) {
    return fmt::format("has a malformed role name ({})", kShape);
  }
  if (slash != std::string_view::npos && !AllOf(resource.substr(0, slash), "+=,.@-/")) {
    return fmt::format("has a malformed role path ({})", kShape);
  }
  return std::nullopt;
}

std::optional<std::string> CheckRoleSessionName(std::string_view name) {
  if (name.size() < kMinRoleSessionNameLength || name.size() > kMaxRoleSessionNameLength ||
      !AllOf(name, "+=,.@-")) {
    return fmt::format("must be {} to {} characters of A-Z a-z 0-9 + = , . @ _ -",
                       kMinRoleSessionNameLength, kMaxRoleSessionNameLength);
  }
  return std::nullopt;
}

std::optional<std::string> CheckExternalId(std::string_view id) {
  if (id.empty()) return std::nullopt;
  if (id.size() < kMinExternalIdLength || id.size() > kMaxExternalIdLength ||
      !AllOf(id, "+=,.@:/-")) {
    return fmt::format("must be {} to {} characters of A-Z a-z 0-9 + = , . @ : / _ -",
                       kMinExternalIdLength, kMaxExternalIdLength);
  }
  return std::nullopt;
}

std::optional<std::string> CheckDurationSeconds(int seconds) {
  if (seconds < kMinAssumeRoleDurationSeconds || seconds > kMaxAssumeRoleDurationSeconds) {
    return fmt::format("must be between {} and {} seconds (got {})", kMinAssumeRoleDurationSeconds,
                       kMaxAssumeRoleDurationSeconds, seconds);
  }
  return std::nullopt;
}

}  // namespace aic::credentials_internal
