// HttpTransport: sends one HttpRequest and returns the HttpResponse, over libcurl.
//
// MakeCurlTransport builds the production transport:
//  - a pool of at most `max_connections` curl easy handles; each keeps its connection alive
//    and is reused, so at most `max_connections` connections are open to a host and at most
//    that many requests are in flight (extra callers block until a handle is free);
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
// Thread safety: Send may be called from any number of threads at once. The transport must
// outlive every Send in progress.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "aws_iam_connector/http_types.h"
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

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Thread-safe. See the file comment for the errors.
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// Errors: kConfiguration (max_connections < 1, negative timeouts, proxy_port out of range,
// proxy credentials without a proxy host), kInternal (curl could not be initialised).
Result<std::unique_ptr<HttpTransport>> MakeCurlTransport(const TransportOptions& options);

}  // namespace aic
