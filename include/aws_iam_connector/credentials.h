// AWS credentials and the providers that supply them.
//
// Credentials: an access key id, a secret key and, for temporary credentials, a session token
// and an expiry. The secret parts are SecretString and never print.
//
// CredentialsProvider::Get() returns credentials valid for at least the next request; providers
// of temporary credentials refresh them before they expire (never mid-request). All providers
// are safe to call from many threads at once.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic {

struct Credentials {
  std::string access_key_id;
  SecretString secret_access_key;
  SecretString session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Errors: kConfiguration when no credentials can be found; kUnauthenticated,
  // kPermissionDenied, kConnectionFailed, kRetryable from AssumeRole.
  virtual Result<Credentials> Get() = 0;
  // The credentials when the provider has them at hand (static, environment and file keys, an
  // assumed role that is still fresh); nullopt when Get() would wait for the network (an
  // AssumeRole refresh), so an event-loop caller runs Get() off the loop instead.
  virtual std::optional<Result<Credentials>> TryGetNow() { return Get(); }
};

// A provider that always returns the same credentials.
std::shared_ptr<CredentialsProvider> MakeStaticCredentialsProvider(Credentials credentials);

}  // namespace aic
