// IamClient: the credential report.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::CallParse;

Task<Result<CredentialReportState>> IamClient::GenerateCredentialReport() {
  QueryParams params;
  co_return co_await CallParse(*query_, "GenerateCredentialReport", params,
                               iam_parse::GenerateCredentialReportResult);
}

Task<Result<CredentialReport>> IamClient::GetCredentialReport() {
  QueryParams params;
  co_return co_await CallParse(*query_, "GetCredentialReport", params,
                               iam_parse::GetCredentialReportResult);
}

}  // namespace aic
