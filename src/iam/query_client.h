// QueryClient: the generic AWS Query protocol caller (IAM, STS).
//
// Call(action, params) form-encodes `Action`, `Version` and the params (RFC 3986, as AWS
// expects), signs the request with SigV4 (fresh credentials from the provider on every attempt),
// sends it through the HttpTransport, retries retryable failures with CallWithRetries (Throttling,
// 5xx, ServiceFailure, connection errors, EntityTemporarilyUnmodifiable), paces calls with a
// client-side rate limiter, and parses the XML body.
//
// On success it returns the parsed document and its <ActionResult> node (an empty node for
// actions without output). On an AWS error it returns a Status carrying AwsErrorDetail (action,
// type, code, message, request id, http status), with the ErrorCode mapped by MapAwsErrorCode().
// A non-XML or malformed body gives a clear kInternal error (5xx ones are retried and end as
// kRetryable). Transport errors (kConnectionFailed, kTimeout) pass through after the retries.
//
// The request body and the Authorization header are never logged; secrets never reach a Status.
//
// A per-action counter of calls and HTTP attempts is kept (for the API-call budget).
//
// Thread safety: QueryClient is safe to use from many threads at once.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/http_types.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/iam_types.h"
#include "aws_iam_connector/retry.h"
#include "aws_iam_connector/status.h"
#include "iam/form_encoding.h"

namespace aic {

struct QueryClientOptions {
  std::string endpoint = "https://iam.amazonaws.com/";
  std::string region = "us-east-1";
  std::string service = "iam";
  std::string version = "2010-05-08";
  RetryPolicy retry;
  double requests_per_second = 0;  // 0: no client-side pacing
};

// A parsed successful response. `result` points into `document` (kept alive by the shared_ptr).
struct QueryResponse {
  std::shared_ptr<pugi::xml_document> document;
  pugi::xml_node result;  // <ActionResult>; empty (null) for actions without output
  std::string request_id;
  int http_status = 0;
};

// Calls and HTTP attempts (including retries) for one action.
struct QueryCallStats {
  std::int64_t calls = 0;
  std::int64_t attempts = 0;
};

// Largest response body the parser accepts (the transport bounds it too).
inline constexpr std::size_t kQueryMaxResponseBytes = 64 * 1024 * 1024;

class QueryClient {
 public:
  QueryClient(QueryClientOptions options, std::shared_ptr<HttpTransport> transport,
              std::shared_ptr<CredentialsProvider> credentials);

  // See the file comment. Errors: every ErrorCode MapAwsErrorCode() yields, kConnectionFailed,
  // kTimeout, kRetryable, kInternal (unparseable body), or the provider's error.
  Result<QueryResponse> Call(std::string_view action, const QueryParams& params);
  // The same as a coroutine: waits (rate limit, backoff, the answer) on timers and the
  // transport's AsyncSend, never blocking its thread. Credentials come from the provider's
  // Get(), which must not block (static, environment and file credentials, or a cached
  // assumed role). `params` are wiped once encoded.
  boost::asio::awaitable<Result<QueryResponse>> CallAsync(std::string action, QueryParams params);

  const QueryClientOptions& options() const { return options_; }

  // Counters since construction (or the last ResetCallStats()).
  QueryCallStats CallStats(std::string_view action) const;
  std::map<std::string, QueryCallStats> AllCallStats() const;
  void ResetCallStats();

 private:
  // A signed request for one try (fresh credentials), or the error that prevents it.
  Result<HttpRequest> BuildRequest(std::string_view action, const std::string& body,
                                   const Result<Credentials>& creds) const;
  Result<Credentials> CurrentCredentials() const;
  Result<QueryResponse> ReadResponse(std::string_view action,
                                     const Result<HttpResponse>& response) const;
  Result<QueryResponse> CallOnce(std::string_view action, const std::string& body);
  void CountAttempt(std::string_view action, bool first);

  QueryClientOptions options_;
  std::shared_ptr<HttpTransport> transport_;
  std::shared_ptr<CredentialsProvider> credentials_;
  std::unique_ptr<RateLimiter> rate_limiter_;  // null when requests_per_second <= 0

  mutable std::mutex stats_mu_;
  std::map<std::string, QueryCallStats, std::less<>> stats_;
};

// ---- Errors --------------------------------------------------------------------------------

// The ErrorCode for an AWS error code: NoSuchEntity->kUnknownUid,
// EntityAlreadyExists->kAlreadyExists, DeleteConflict->kConflict, LimitExceeded->kLimitExceeded,
// PasswordPolicyViolation->kPasswordPolicyViolation, InvalidInput/ValidationError/
// MalformedPolicyDocument->kInvalidAttributeValue, AccessDenied->kPermissionDenied,
// InvalidClientTokenId/SignatureDoesNotMatch/ExpiredToken->kUnauthenticated, Throttling,
// ServiceFailure and 5xx->kRetryable, others by HTTP status (4xx->kInvalidInput).
ErrorCode MapAwsErrorCode(std::string_view aws_code, int http_status);

// True for AWS error codes worth retrying (throttling, ServiceFailure, ServiceUnavailable,
// InternalFailure, EntityTemporarilyUnmodifiable) or any 5xx status.
bool IsRetryableAwsError(std::string_view aws_code, int http_status);

// Parses a Query protocol ErrorResponse body into a Status for `action`. A body that is not an
// ErrorResponse gives kInternal (or kRetryable for 5xx) naming the HTTP status.
Status ParseQueryError(std::string_view action, int http_status, std::string_view body);

// An AccessDenied (AccessDeniedException, UnauthorizedOperation) error names the refused
// permission for the caller: its message becomes "AWS refused SERVICE:ACTION: <AWS's message>"
// where SERVICE:ACTION is the permission AWS's message names ("is not authorized to perform:
// iam:TagUser"; it can differ from the action called), else `service`:the action called.
// AWS's message names the principal, the action and the resource; it is not secret. The
// AwsErrorDetail keeps AWS's message unchanged. Other statuses are returned as they are.
Status NameRefusedAction(std::string_view service, Status error);

// Parses a successful Query response body: the document and its <ActionResult> node.
// Errors: kInternal for an empty, non-XML or malformed body, or an unexpected root element.
Result<QueryResponse> ParseQueryResponse(std::string_view action, int http_status,
                                         std::string_view body);

// The QueryClient an IamClient calls through (raw calls of scripts, call counters).
QueryClient& QueryClientOf(const IamClient& iam);

}  // namespace aic
