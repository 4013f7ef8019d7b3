// IamClient: SAML and OpenID Connect providers, server certificates.
#include "aws_iam_connector/iam_client.h"
#include "iam/iam_call.h"
#include "iam/iam_parsers.h"

namespace aic {

using iam_internal::AddPage;
using iam_internal::CallParse;

Task<Result<std::vector<SamlProviderEntry>>> IamClient::ListSAMLProviders() {
  QueryParams params;
  co_return co_await CallParse(*query_, "ListSAMLProviders", params, iam_parse::ListSamlProviders);
}

Task<Result<std::vector<std::string>>> IamClient::ListOpenIDConnectProviders() {
  QueryParams params;
  co_return co_await CallParse(*query_, "ListOpenIDConnectProviders", params,
                               iam_parse::ListOidcProviders);
}

Task<Result<Page<ServerCertificateMetadata>>> IamClient::ListServerCertificates(
    std::string_view path_prefix, const PageRequest& page) {
  QueryParams p;
  AddIfNotEmpty(p, "PathPrefix", path_prefix);
  AddPage(p, page);
  co_return co_await CallParse(*query_, "ListServerCertificates", p,
                               iam_parse::ListServerCertificates);
}

}  // namespace aic
