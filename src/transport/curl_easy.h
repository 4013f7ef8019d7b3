// One HTTP exchange on a curl easy handle: checking the request, setting the handle's options
// from TransportOptions, collecting the response (bounded), and turning curl's result into a
// Result<HttpResponse> with the errors documented in http_transport.h. Internal to
// src/transport; the multi-handle driver (curl_transport.cc) owns the handles.
//
// Thread safety: an Exchange and its handle are used by one thread at a time.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

#include "aws_iam_connector/http_transport.h"

namespace aic::curl {

// curl's receive buffer per handle (CURLOPT_BUFFERSIZE; curl's default is 16 KiB). curl reads
// one buffer per socket event, so a page of IAM XML (tens of KiB) arrives in one read.
inline constexpr long kReceiveBufferBytes = 128 * 1024;

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// Everything a transfer needs while curl runs it: the request (curl reads its body in place),
// the header list, the error buffer and the response being collected.
struct Exchange {
  HttpRequest request;
  std::string safe_url;  // scheme://host[:port]/path: for messages (no query, no user info)
  Slist headers;
  char errbuf[CURL_ERROR_SIZE] = {0};
  HttpResponse response;
  std::size_t max_body = 0;
  std::size_t header_bytes = 0;
  bool body_too_large = false;
  bool headers_too_large = false;
};

// The proxy URL of `options` ("" when no proxy).
std::string ProxyUrl(const TransportOptions& options);

// Checks the request (URL http/https with a host, method, header names and values) and builds
// the exchange; kInvalidInput on a bad request, kInternal when out of memory.
Result<std::unique_ptr<Exchange>> PrepareExchange(HttpRequest request,
                                                  const TransportOptions& options);

// Resets `h` (keeping nothing of a previous transfer) and sets every option for `ex`.
void ConfigureHandle(CURL* h, Exchange& ex, const TransportOptions& options,
                     const std::string& proxy_url);

// The outcome of a finished transfer; drops the handle's pointers into `ex`.
Result<HttpResponse> FinishExchange(CURL* h, CURLcode code, Exchange& ex,
                                    const TransportOptions& options, const std::string& proxy_url);

// curl_global_init, once per process.
Status GlobalInit();

}  // namespace aic::curl
