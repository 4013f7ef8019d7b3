// HttpTransport: sends one HttpRequest and returns the HttpResponse, asynchronously.
//
//   co_await transport.AsyncSend(request, boost::asio::use_awaitable);  // a coroutine
//   transport.AsyncSend(request, [](Result<HttpResponse> r) { ... });   // a callback
//   Result<HttpResponse> r = transport.Send(request);  // blocking; never on a runtime thread
//
// MakeCurlTransport builds the production transport on libcurl's multi-socket interface,
// driven by a Runtime's event loop (Runtime::Shared() unless one is given): no thread waits for
// an answer. It has
//  - at most `max_connections` requests in flight and connections kept alive for reuse; further
//    requests wait in a FIFO queue (no thread blocks) and their request_timeout starts when they
//    are sent;
//  - `connection_timeout` bounds connecting (TCP + TLS + proxy CONNECT), `request_timeout`
//    bounds the whole exchange;
//  - TLS peer and host verification are on unless `verify_tls` is explicitly false; `ca_file`
//    replaces the system CA bundle;
//  - an HTTP proxy when `proxy_host` is set (http://host:port; Basic/any auth with
//    `proxy_username`/`proxy_password`); https URLs go through CONNECT;
//  - a response body larger than `max_response_bytes` aborts the transfer (memory stays
//    bounded); response headers are collected (those of the final response only);
//  - no "Expect: 100-continue"; no redirects are followed; any HTTP status is a successful
//    Send (the caller interprets 4xx/5xx).
//
// Errors from Send:
//   kInvalidInput     the URL is empty, malformed or not http/https;
//   kConnectionFailed refused, DNS, TLS (including failed verification), proxy refused or
//                     proxy authentication failed (407), connection reset;
//   kTimeout          connect or request timeout;
//   kInternal         response over max_response_bytes, or any other curl failure.
// An error after (part of) the request was sent is marked Status::maybe_applied(): the server
// may have acted on it. Error messages carry curl's text and the URL, never the proxy password or
// the request body.
//
// Completion: the handler runs exactly once, on its associated executor (a coroutine resumes
// on its own), never inside AsyncSend. A transport destroyed with requests in flight finishes
// them first (they keep its state alive).
//
// Thread safety: AsyncSend and Send may be called from any number of threads at once. Send
// blocks the calling thread; on a thread of the transport's Runtime it fails with kInternal
// instead of deadlocking.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

#include "aws_iam_connector/http_types.h"
#include "aws_iam_connector/runtime.h"
#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"

namespace aic {

// Default bound on one response body (GetAccountAuthorizationDetails pages can be large).
inline constexpr std::size_t kDefaultMaxResponseBytes = 64 * 1024 * 1024;
// Default connectionTimeout (SPEC section 3) and whole-request timeout.
inline constexpr std::chrono::milliseconds kDefaultConnectionTimeout{10000};
inline constexpr std::chrono::milliseconds kDefaultRequestTimeout{60000};
// Default maxConnections (SPEC section 3).
inline constexpr int kDefaultMaxConnections = 10;

struct TransportOptions {
  std::chrono::milliseconds connection_timeout = kDefaultConnectionTimeout;  // connectionTimeout
  std::chrono::milliseconds request_timeout = kDefaultRequestTimeout;
  int max_connections = kDefaultMaxConnections;  // maxConnections: bounds concurrent connections
  std::size_t max_response_bytes = kDefaultMaxResponseBytes;
  std::string proxy_host;       // proxyHost; empty: no proxy (and environment proxies are ignored)
  int proxy_port = 0;           // proxyPort; 0: curl's default (1080)
  std::string proxy_username;   // proxyUsername
  SecretString proxy_password;  // proxyPassword
  bool verify_tls = true;       // verification can be turned off only explicitly
  std::string ca_file;          // PEM bundle to trust instead of the system store
};

using SendSignature = void(Result<HttpResponse>);
using SendHandler = boost::asio::any_completion_handler<SendSignature>;

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;

  // Sends `request`; `token` is a completion token for void(Result<HttpResponse>).
  template <class CompletionToken>
  auto AsyncSend(HttpRequest request, CompletionToken&& token) {
    return boost::asio::async_initiate<CompletionToken, SendSignature>(
        [this](auto handler, HttpRequest r) { StartSend(std::move(r), std::move(handler)); }, token,
        std::move(request));
  }

  // Sends and waits. See the file comment for where it may be called.
  Result<HttpResponse> Send(const HttpRequest& request);

 protected:
  // Implementations: start sending; complete `done` exactly once through its executor.
  virtual void StartSend(HttpRequest request, SendHandler done) = 0;
  // The runtime whose threads must not block in Send (null: none).
  virtual const Runtime* runtime() const { return nullptr; }
};

// Errors: kConfiguration (max_connections < 1, negative timeouts, proxy_port out of range,
// proxy credentials without a proxy host), kInternal (curl could not be initialised).
// `runtime` (default: Runtime::Shared()) must outlive the transport.
Result<std::unique_ptr<HttpTransport>> MakeCurlTransport(const TransportOptions& options,
                                                         Runtime* runtime = nullptr);

}  // namespace aic
