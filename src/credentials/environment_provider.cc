// The environment source: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN.
#include <cstdlib>
#include <string_view>

#include "aws_iam_connector/credentials_chain.h"
#include "credentials/credentials_source.h"

namespace aic {
namespace {

std::string_view Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string_view() : std::string_view(v);
}

class EnvironmentSource : public credentials_internal::CredentialsSource {
 public:
  std::string Describe() const override {
    return "environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)";
  }
  Result<std::optional<Credentials>> Lookup() override {
    std::string_view key_id = Env("AWS_ACCESS_KEY_ID");
    std::string_view secret = Env("AWS_SECRET_ACCESS_KEY");
    if (key_id.empty() && secret.empty()) return std::optional<Credentials>();
    if (secret.empty()) {
      return Status(ErrorCode::kConfiguration,
                    "environment has AWS_ACCESS_KEY_ID but no AWS_SECRET_ACCESS_KEY");
    }
    if (key_id.empty()) {
      return Status(ErrorCode::kConfiguration,
                    "environment has AWS_SECRET_ACCESS_KEY but no AWS_ACCESS_KEY_ID");
    }
    Credentials c;
    c.access_key_id = std::string(key_id);
    c.secret_access_key = SecretString(secret);
    c.session_token = SecretString(Env("AWS_SESSION_TOKEN"));
    return std::optional<Credentials>(std::move(c));
  }
};

}  // namespace

namespace credentials_internal {
std::unique_ptr<CredentialsSource> MakeEnvironmentSource() {
  return std::make_unique<EnvironmentSource>();
}
}  // namespace credentials_internal

std::shared_ptr<CredentialsProvider> MakeEnvironmentCredentialsProvider() {
  return credentials_internal::MakeProviderFromSource(
      credentials_internal::MakeEnvironmentSource());
}

}  // namespace aic
