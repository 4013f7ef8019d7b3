// Internal: a place credentials may come from (configuration, environment, shared file). A
// source says "found", "not here" (nullopt) or "broken" (an error), so the chain can move on
// from an absent source but stop at a broken one.
//
// Thread safety: implementations are safe to call from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/status.h"

namespace aic::credentials_internal {

class CredentialsSource {
 public:
  virtual ~CredentialsSource() = default;
  // Where this source looks, for "no AWS credentials found (checked: ...)".
  virtual std::string Describe() const = 0;
  virtual Result<std::optional<Credentials>> Lookup() = 0;
};

std::unique_ptr<CredentialsSource> MakeConfigurationSource(Credentials configured);
std::unique_ptr<CredentialsSource> MakeEnvironmentSource();
std::unique_ptr<CredentialsSource> MakeSharedFileSource(std::string path, std::string profile);

// Adapts a source to a CredentialsProvider: "not here" becomes kConfiguration
// "no AWS credentials found (checked: <Describe()>)".
std::shared_ptr<CredentialsProvider> MakeProviderFromSource(
    std::unique_ptr<CredentialsSource> source);

}  // namespace aic::credentials_internal
