// StsClient: the two AWS STS calls the connector needs, AssumeRole and GetCallerIdentity, over
// the Query protocol (service "sts", Version 2011-06-15, SigV4 signed for `region`).
//
// MakeStsClient builds the production client on QueryClient (retries, pacing, AWS errors kept
// as AwsErrorDetail). Requests are signed with the `base` provider's credentials. The default
// endpoint is the global https://sts.amazonaws.com/ (stsEndpoint overrides it: moto, the
// emulator, regional or VPC endpoints, other partitions).
//
// Errors: kInvalidInput (a parameter AWS would refuse, checked before sending), every error
// QueryClient returns (kUnauthenticated for InvalidClientTokenId/SignatureDoesNotMatch/
// ExpiredToken, kPermissionDenied for AccessDenied, kConnectionFailed, kTimeout, kRetryable,
// kInvalidAttributeValue for ValidationError), the base provider's errors, and kInternal when a
// successful response lacks a required field (credentials or a parsable Expiration).
// No secret (the base secret key, the returned secret key or session token) ever reaches an
// error message or a log line.
//
// Thread safety: an StsClient may be used from many threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/retry.h"
#include "aws_iam_connector/status.h"

namespace aic {

inline constexpr std::string_view kDefaultStsEndpoint = "https://sts.amazonaws.com/";
inline constexpr std::string_view kDefaultStsRegion = "us-east-1";
inline constexpr std::string_view kStsApiVersion = "2011-06-15";

struct StsClientOptions {
  std::string endpoint = std::string(kDefaultStsEndpoint);  // stsEndpoint
  std::string region = std::string(kDefaultStsRegion);      // signing region
  RetryPolicy retry;                                        // maxRetries and backoff
  double requests_per_second = 0;                           // 0: no client-side pacing
};

struct AssumeRoleRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string external_id;   // empty: not sent
  int duration_seconds = 0;  // 0: not sent (AWS default, one hour)
};

struct AssumeRoleResult {
  Credentials credentials;       // with session token and expiration
  std::string assumed_role_arn;  // arn:aws:sts::123456789012:assumed-role/Role/session
  std::string assumed_role_id;   // AROA...:session
};

struct CallerIdentity {
  std::string account;  // "123456789012"
  std::string arn;      // the caller's ARN
  std::string user_id;  // the caller's unique id
};

class StsClient {
 public:
  virtual ~StsClient() = default;
  virtual Result<AssumeRoleResult> AssumeRole(const AssumeRoleRequest& request) = 0;
  virtual Result<CallerIdentity> GetCallerIdentity() = 0;
};

// The production client. `transport` and `base` must not be null.
std::shared_ptr<StsClient> MakeStsClient(StsClientOptions options,
                                         std::shared_ptr<HttpTransport> transport,
                                         std::shared_ptr<CredentialsProvider> base);

}  // namespace aic
