#include "aws_iam_connector/credentials_factory.h"

#include <optional>
#include <utility>

#include "aws_iam_connector/credentials_chain.h"

namespace aic {

Result<CredentialsSetup> MakeCredentialsSetup(const CredentialsSettings& settings,
                                              std::shared_ptr<HttpTransport> transport) {
  if (settings.access_key_id.empty() != settings.secret_key.empty()) {
    return Status(ErrorCode::kConfiguration, settings.access_key_id.empty()
                                                 ? "secretKey is set but accessKeyId is not"
                                                 : "accessKeyId is set but secretKey is not");
  }
  std::optional<Credentials> configured;
  if (!settings.access_key_id.empty()) {
    Credentials c;
    c.access_key_id = settings.access_key_id;
    c.secret_access_key = settings.secret_key;
    configured = std::move(c);
  }
  CredentialsSetup setup;
  setup.base = MakeDefaultCredentialsChain(std::move(configured));
  if (settings.assume_role.role_arn.empty()) {
    setup.provider = setup.base;
    return setup;
  }
  AIC_RETURN_IF_ERROR(ValidateAssumeRoleSettings(settings.assume_role));
  if (transport == nullptr) {
    return Status(ErrorCode::kInternal, "roleArn is set but no HTTP transport was given");
  }
  StsClientOptions sts_options = settings.sts;
  if (sts_options.endpoint.empty()) sts_options.endpoint = std::string(kDefaultStsEndpoint);
  if (sts_options.region.empty()) sts_options.region = std::string(kDefaultStsRegion);
  setup.sts = MakeStsClient(std::move(sts_options), std::move(transport), setup.base);
  auto assume = AssumeRoleCredentialsProvider::Create(setup.sts, settings.assume_role);
  if (!assume.ok()) return assume.status();
  setup.assume_role = *assume;
  setup.provider = *assume;
  return setup;
}

}  // namespace aic
