#include "aws_iam_connector/assume_role_provider.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <utility>

#include "common/text_codec.h"
#include "credentials/sts_validation.h"

namespace aic {
namespace {

namespace ci = credentials_internal;

Status BadSetting(std::string_view name, const std::string& problem) {
  return Status(ErrorCode::kConfiguration, fmt::format("{} {}", name, problem));
}

}  // namespace

std::chrono::seconds RefreshWindow(int duration_seconds) {
  return std::min<std::chrono::seconds>(
      kMaxRefreshWindow,
      std::chrono::seconds(std::max(0, duration_seconds) / kRefreshWindowDivisor));
}

Status ValidateAssumeRoleSettings(const AssumeRoleSettings& s) {
  if (auto p = ci::CheckRoleArn(s.role_arn)) return BadSetting("roleArn", *p);
  if (auto p = ci::CheckRoleSessionName(s.role_session_name)) {
    return BadSetting("roleSessionName", *p);
  }
  if (auto p = ci::CheckExternalId(s.external_id)) return BadSetting("externalId", *p);
  if (auto p = ci::CheckDurationSeconds(s.duration_seconds)) {
    return BadSetting("credentialsExpiration", *p);
  }
  return Status::Ok();
}

Result<std::shared_ptr<AssumeRoleCredentialsProvider>> AssumeRoleCredentialsProvider::Create(
    std::shared_ptr<StsClient> sts, AssumeRoleSettings settings, WallClock clock) {
  if (sts == nullptr) return Status(ErrorCode::kInternal, "AssumeRole provider without STS");
  AIC_RETURN_IF_ERROR(ValidateAssumeRoleSettings(settings));
  if (!clock) clock = [] { return std::chrono::system_clock::now(); };
  return std::make_shared<AssumeRoleCredentialsProvider>(std::move(sts), std::move(settings),
                                                         std::move(clock));
}

AssumeRoleCredentialsProvider::AssumeRoleCredentialsProvider(std::shared_ptr<StsClient> sts,
                                                             AssumeRoleSettings settings,
                                                             WallClock clock)
    : sts_(std::move(sts)),
      settings_(std::move(settings)),
      clock_(std::move(clock)),
      window_(RefreshWindow(settings_.duration_seconds)) {}

bool AssumeRoleCredentialsProvider::FreshLocked(std::chrono::system_clock::time_point now) const {
  return cached_ && cached_->expiration && now + window_ < *cached_->expiration;
}

std::optional<Result<Credentials>> AssumeRoleCredentialsProvider::TryGetNow() {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  if (FreshLocked(clock_())) return Result<Credentials>(*cached_);
  return std::nullopt;
}

Result<Credentials> AssumeRoleCredentialsProvider::Get() {
  {
    std::shared_lock<std::shared_mutex> lock(state_mu_);
    if (FreshLocked(clock_())) return *cached_;
  }
  // Single flight: one caller refreshes; the others wait here and then find fresh credentials.
  std::lock_guard<std::mutex> refresh(refresh_mu_);
  {
    std::shared_lock<std::shared_mutex> lock(state_mu_);
    if (FreshLocked(clock_())) return *cached_;
  }
  AssumeRoleRequest request;
  request.role_arn = settings_.role_arn;
  request.role_session_name = settings_.role_session_name;
  request.external_id = settings_.external_id;
  request.duration_seconds = settings_.duration_seconds;
  calls_.fetch_add(1);
  auto result = sts_->AssumeRole(request);
  if (!result.ok()) {
    spdlog::warn("AssumeRole {} failed: {}", settings_.role_arn, result.status().ToString());
    return result.status().WithContext(fmt::format("AssumeRole {}", settings_.role_arn));
  }
  auto now = clock_();
  const auto& expiration = result->credentials.expiration;
  if (!expiration || now + window_ >= *expiration) {
    return Status(
        ErrorCode::kInternal,
        fmt::format("AssumeRole {}: STS returned credentials expiring at {}, within "
                    "the {}s refresh window of the local clock ({}); check the clock",
                    settings_.role_arn, expiration ? text::FormatIso8601(*expiration) : "?",
                    window_.count(), text::FormatIso8601(now)));
  }
  spdlog::info("AssumeRole {}: temporary credentials {} for {} valid until {}", settings_.role_arn,
               result->credentials.access_key_id, result->assumed_role_arn,
               text::FormatIso8601(*expiration));
  std::unique_lock<std::shared_mutex> lock(state_mu_);
  cached_ = std::move(result->credentials);
  assumed_role_arn_ = std::move(result->assumed_role_arn);
  return *cached_;
}

std::string AssumeRoleCredentialsProvider::assumed_role_arn() const {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  return assumed_role_arn_;
}

}  // namespace aic
