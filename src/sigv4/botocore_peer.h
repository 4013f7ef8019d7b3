// Test helper: signs a request with botocore (the real AWS SDK signer) through
// botocore_signer.py, so tests can compare against and verify what AWS clients send.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_types.h"
#include "aws_iam_connector/status.h"

namespace aic::sigv4::testing {

// `request` signed by botocore at `amz_date`: with an Authorization header, or presigned (url
// rewritten) when `presign_expires` is set. botocore does not add Host; the result keeps it out.
Result<HttpRequest> SignWithBotocore(const HttpRequest& request, const Credentials& credentials,
                                     std::string_view region, std::string_view service,
                                     std::string_view amz_date,
                                     std::optional<std::chrono::seconds> presign_expires = {});

}  // namespace aic::sigv4::testing
