// One call that builds the credentials provider the connector (and the `test` subcommand) uses,
// from the configuration values of SPEC section 3:
//   base = MakeDefaultCredentialsChain(accessKeyId/secretKey): configuration, then environment,
//          then the shared credentials file;
//   roleArn empty  -> the base provider is used directly;
//   roleArn set    -> an AssumeRoleCredentialsProvider whose StsClient (endpoint stsEndpoint,
//                     region, retries) signs AssumeRole with the base credentials.
//
// Errors: kConfiguration for a bad roleArn/roleSessionName/externalId/credentialsExpiration,
// for a secretKey without accessKeyId (or the reverse), or kInternal when `transport` is null
// while roleArn is set. Nothing is sent and no credentials are looked up here: the chain and
// AssumeRole run on the first Get().
//
// Thread safety: the returned providers are safe to share between threads.
#pragma once

#include <memory>
#include <string>

#include "aws_iam_connector/assume_role_provider.h"
#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"
#include "aws_iam_connector/sts_client.h"

namespace aic {

struct CredentialsSettings {
  std::string access_key_id;       // accessKeyId (empty: fall back to environment, file)
  SecretString secret_key;         // secretKey
  AssumeRoleSettings assume_role;  // role_arn empty: no AssumeRole
  StsClientOptions sts;            // stsEndpoint, region, retries for AssumeRole (empty: defaults)
};

struct CredentialsSetup {
  std::shared_ptr<CredentialsProvider> provider;  // what the IAM client signs with
  std::shared_ptr<CredentialsProvider> base;      // the chain (== provider without roleArn)
  std::shared_ptr<AssumeRoleCredentialsProvider> assume_role;  // null without roleArn
  std::shared_ptr<StsClient> sts;  // signs with `base`; null without roleArn
};

Result<CredentialsSetup> MakeCredentialsSetup(const CredentialsSettings& settings,
                                              std::shared_ptr<HttpTransport> transport);

}  // namespace aic
