// Internal helpers shared by the SigV4 signer and verifier. Not a public interface.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/http_types.h"

namespace aic::sigv4::internal {

// Headers never signed (hop-by-hop, agent and tracing headers, and the signature itself).
inline constexpr std::string_view kUnsignedHeaders[] = {"authorization",
                                                        "user-agent",
                                                        "x-amzn-trace-id",
                                                        "expect",
                                                        "connection",
                                                        "keep-alive",
                                                        "proxy-authorization",
                                                        "te",
                                                        "trailer",
                                                        "transfer-encoding",
                                                        "upgrade"};

inline constexpr std::string_view kAuthorizationHeader = "Authorization";
inline constexpr std::string_view kDateHeader = "X-Amz-Date";
inline constexpr std::string_view kTokenHeader = "X-Amz-Security-Token";
inline constexpr std::string_view kContentSha256Header = "x-amz-content-sha256";
inline constexpr std::string_view kHostHeader = "Host";

inline constexpr std::string_view kAlgorithmParam = "X-Amz-Algorithm";
inline constexpr std::string_view kCredentialParam = "X-Amz-Credential";
inline constexpr std::string_view kDateParam = "X-Amz-Date";
inline constexpr std::string_view kExpiresParam = "X-Amz-Expires";
inline constexpr std::string_view kSignedHeadersParam = "X-Amz-SignedHeaders";
inline constexpr std::string_view kTokenParam = "X-Amz-Security-Token";
inline constexpr std::string_view kSignatureParam = "X-Amz-Signature";

// Splits "path?query" at the first '?'.
std::pair<std::string_view, std::string_view> SplitTarget(std::string_view target);
// Decoded (name, value) pairs of a raw query string, in order; empty pieces are skipped.
std::vector<std::pair<std::string, std::string>> ParseQuery(std::string_view raw_query);
// Trims and folds runs of whitespace (space, tab, CR, LF) into one space.
std::string FoldWhitespace(std::string_view s);
// Sets header `name` (case-insensitive) to `value` in place, or appends it.
void SetHeaderInPlace(std::vector<HttpHeader>& headers, std::string_view name, std::string value);
// The first value of header `name`, or nullptr.
const std::string* FindHeader(const std::vector<HttpHeader>& headers, std::string_view name);

}  // namespace aic::sigv4::internal
