// AssumeRoleCredentialsProvider: temporary credentials from STS AssumeRole (SPEC section 3:
// roleArn, externalId, roleSessionName, credentialsExpiration = DurationSeconds), cached and
// refreshed before they expire.
//
// The StsClient signs AssumeRole with the base credentials it was built with (the chain of
// credentials_chain.h). Get() returns the cached credentials while they are valid for longer
// than the refresh window (RefreshWindow(): a quarter of the duration, at most
// kMaxRefreshWindow). Inside the window, or before the first call, one caller performs
// AssumeRole while concurrent callers wait for its result (single flight: N threads calling
// Get() at refresh time cause exactly one AssumeRole). Credentials that expire within the
// window are never handed out: when a refresh fails, Get() returns the error (the next call
// tries again) even if the old credentials have not yet expired.
//
// Errors: Create(): kConfiguration for a malformed role ARN, session name, external id or a
// duration outside 900..43200 seconds (the message names the setting, never its value when it
// is the external id). Get(): the StsClient's errors, each prefixed "AssumeRole <role arn>: ";
// kInternal when STS returns credentials that already expire within the window (a clock far
// off). No secret ever reaches a message or a log line.
//
// Thread safety: Get() and the accessors may be called from many threads at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/sts_client.h"

namespace aic {

inline constexpr int kDefaultCredentialsExpirationSeconds = 3600;  // credentialsExpiration
inline constexpr std::string_view kDefaultRoleSessionName = "aws-iam-connector";
// The refresh window is a quarter of the duration, but never more than this.
inline constexpr std::chrono::seconds kMaxRefreshWindow{300};
inline constexpr int kRefreshWindowDivisor = 4;

struct AssumeRoleSettings {
  std::string role_arn;                                                  // roleArn
  std::string external_id;                                               // externalId
  std::string role_session_name = std::string(kDefaultRoleSessionName);  // roleSessionName
  int duration_seconds = kDefaultCredentialsExpirationSeconds;           // credentialsExpiration
};

using WallClock = std::function<std::chrono::system_clock::time_point()>;

// min(kMaxRefreshWindow, duration / kRefreshWindowDivisor).
std::chrono::seconds RefreshWindow(int duration_seconds);

// kConfiguration naming the bad setting (roleArn, roleSessionName, externalId,
// credentialsExpiration), or OK.
Status ValidateAssumeRoleSettings(const AssumeRoleSettings& settings);

class AssumeRoleCredentialsProvider : public CredentialsProvider {
 public:
  // `sts` must not be null. `clock` defaults to std::chrono::system_clock::now (tests inject
  // their own). Nothing is called until the first Get().
  static Result<std::shared_ptr<AssumeRoleCredentialsProvider>> Create(
      std::shared_ptr<StsClient> sts, AssumeRoleSettings settings, WallClock clock = {});

  Result<Credentials> Get() override;
  // The cached credentials while fresh; nullopt when a refresh is due.
  std::optional<Result<Credentials>> TryGetNow() override;

  // The assumed-role ARN of the last successful AssumeRole (empty before the first).
  std::string assumed_role_arn() const;
  // AssumeRole calls made so far (successful or not).
  std::int64_t assume_role_calls() const { return calls_.load(); }
  const AssumeRoleSettings& settings() const { return settings_; }

  AssumeRoleCredentialsProvider(std::shared_ptr<StsClient> sts, AssumeRoleSettings settings,
                                WallClock clock);  // use Create()

 private:
  // True when `cached_` may be handed out at `now`. Caller holds state_mu_.
  bool FreshLocked(std::chrono::system_clock::time_point now) const;

  const std::shared_ptr<StsClient> sts_;
  const AssumeRoleSettings settings_;
  const WallClock clock_;
  const std::chrono::seconds window_;

  std::mutex refresh_mu_;               // held by the one caller performing AssumeRole
  mutable std::shared_mutex state_mu_;  // guards cached_ and assumed_role_arn_
  std::optional<Credentials> cached_;
  std::string assumed_role_arn_;
  std::atomic<std::int64_t> calls_{0};
};

}  // namespace aic
