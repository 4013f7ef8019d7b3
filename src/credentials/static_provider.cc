// The static provider and the configuration source (accessKeyId/secretKey from the file).
#include <utility>

#include "aws_iam_connector/credentials.h"
#include "credentials/credentials_source.h"

namespace aic {
namespace {

class StaticCredentialsProvider : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials)
      : credentials_(std::move(credentials)) {}
  Result<Credentials> Get() override { return credentials_; }

 private:
  const Credentials credentials_;  // immutable: concurrent reads are safe
};

class ConfigurationSource : public credentials_internal::CredentialsSource {
 public:
  explicit ConfigurationSource(Credentials configured) : configured_(std::move(configured)) {}
  std::string Describe() const override { return "configuration (accessKeyId/secretKey)"; }
  Result<std::optional<Credentials>> Lookup() override {
    if (configured_.access_key_id.empty() && configured_.secret_access_key.empty()) {
      return std::optional<Credentials>();
    }
    if (configured_.access_key_id.empty()) {
      return Status(ErrorCode::kConfiguration, "configuration has secretKey but no accessKeyId");
    }
    if (configured_.secret_access_key.empty()) {
      return Status(ErrorCode::kConfiguration, "configuration has accessKeyId but no secretKey");
    }
    return std::optional<Credentials>(configured_);
  }

 private:
  const Credentials configured_;
};

}  // namespace

std::shared_ptr<CredentialsProvider> MakeStaticCredentialsProvider(Credentials credentials) {
  return std::make_shared<StaticCredentialsProvider>(std::move(credentials));
}

namespace credentials_internal {
std::unique_ptr<CredentialsSource> MakeConfigurationSource(Credentials configured) {
  return std::make_unique<ConfigurationSource>(std::move(configured));
}
}  // namespace credentials_internal

}  // namespace aic
