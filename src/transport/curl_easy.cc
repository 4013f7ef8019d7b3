#include "transport/curl_easy.h"

#include <string_view>
#include <utility>

namespace aic::curl {
namespace {

// Bound on the response header block (all header lines of the final response).
constexpr std::size_t kMaxResponseHeaderBytes = 256 * 1024;

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * count;
  if (ex->response.body.size() + n > ex->max_body) {
    ex->body_too_large = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  ex->response.body.append(data, n);
  return n;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t ReadHeader(char* data, size_t size, size_t count, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  const size_t n = size * count;
  std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new response (after 100 Continue, a redirect or a proxy CONNECT): start over.
    ex->response.headers.clear();
    ex->header_bytes = 0;
    return n;
  }
  ex->header_bytes += n;
  if (ex->header_bytes > kMaxResponseHeaderBytes) {
    ex->headers_too_large = true;
    return 0;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos) return n;  // the blank line ending the block
  ex->response.headers.push_back(
      {std::string(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1)))});
  if (EqualsIgnoreCase(ex->response.headers.back().name, "Content-Length")) {
    try {
      size_t len = std::stoull(ex->response.headers.back().value);
      if (len <= ex->max_body) ex->response.body.reserve(len);
    } catch (...) {
      // Not a number: ignore, curl decides.
    }
  }
  return n;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// scheme://host[:port]/path of `url`, without query or user info (a presigned URL's query may
// carry a session token), or empty if it does not parse as http/https with a host.
std::string SafeUrlForMessages(const std::string& url, bool* valid) {
  *valid = false;
  CURLU* h = curl_url();
  if (h == nullptr) return {};
  std::string out;
  if (curl_url_set(h, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    char* scheme = nullptr;
    char* host = nullptr;
    char* port = nullptr;
    char* path = nullptr;
    curl_url_get(h, CURLUPART_SCHEME, &scheme, 0);
    curl_url_get(h, CURLUPART_HOST, &host, 0);
    curl_url_get(h, CURLUPART_PORT, &port, 0);
    curl_url_get(h, CURLUPART_PATH, &path, 0);
    if (scheme && host && *host) {
      std::string_view s(scheme);
      if (s == "http" || s == "https") {
        *valid = true;
        out = std::string(s) + "://" + host;
        if (port) out += std::string(":") + port;
        out += path ? path : "/";
      }
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
  }
  curl_url_cleanup(h);
  return out;
}

ErrorCode MapCurlCode(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorCode::kTimeout;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return ErrorCode::kInvalidInput;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PROXY:
      return ErrorCode::kConnectionFailed;
    default:
      return ErrorCode::kInternal;
  }
}

// Masks the proxy password should curl ever echo it.
std::string Scrub(std::string text, const TransportOptions& options) {
  std::string_view secret = options.proxy_password.Reveal();
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), SecretString::kMask);
    pos += SecretString::kMask.size();
  }
  return text;
}

}  // namespace

Status GlobalInit() {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    return Status(ErrorCode::kInternal,
                  std::string("curl_global_init failed: ") + curl_easy_strerror(code));
  }
  return Status::Ok();
}

std::string ProxyUrl(const TransportOptions& options) {
  if (options.proxy_host.empty()) return {};
  std::string url = "http://" + options.proxy_host;
  if (options.proxy_port > 0) url += ":" + std::to_string(options.proxy_port);
  return url;
}

Result<std::unique_ptr<Exchange>> PrepareExchange(HttpRequest request,
                                                  const TransportOptions& options) {
  auto ex = std::make_unique<Exchange>();
  bool valid = false;
  ex->safe_url = SafeUrlForMessages(request.url, &valid);
  if (!valid) {
    return Status(ErrorCode::kInvalidInput, "invalid URL (need http:// or https:// and a host)");
  }
  if (request.method.empty() || HasLineBreak(request.method) ||
      request.method.find(' ') != std::string::npos) {
    return Status(ErrorCode::kInvalidInput, "invalid HTTP method");
  }
  for (const auto& h : request.headers) {
    if (h.name.empty() || HasLineBreak(h.name) || HasLineBreak(h.value) ||
        h.name.find(':') != std::string::npos) {
      return Status(ErrorCode::kInvalidInput, "invalid header name or value: " + h.name);
    }
    // "Name;" sends an empty header; "Name:" would remove it.
    std::string line = h.value.empty() ? h.name + ";" : h.name + ": " + h.value;
    curl_slist* next = curl_slist_append(ex->headers.get(), line.c_str());
    if (next == nullptr) return Status(ErrorCode::kInternal, "out of memory");
    ex->headers.release();
    ex->headers.reset(next);
  }
  if (request.Header("Expect").empty()) {
    curl_slist* next = curl_slist_append(ex->headers.get(), "Expect:");
    if (next == nullptr) return Status(ErrorCode::kInternal, "out of memory");
    ex->headers.release();
    ex->headers.reset(next);
  }
  ex->max_body = options.max_response_bytes;
  ex->request = std::move(request);
  return ex;
}

void ConfigureHandle(CURL* h, Exchange& ex, const TransportOptions& options,
                     const std::string& proxy_url) {
  // Reset drops the previous request's options (a reused handle keeps no state of it).
  curl_easy_reset(h);
  const HttpRequest& request = ex.request;
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ex.errbuf);
  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options.connection_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.request_timeout.count()));
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                   static_cast<curl_off_t>(options.max_response_bytes));
  // curl reads at most one buffer per wakeup: a page of IAM XML (tens of KiB) in one read.
  curl_easy_setopt(h, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &ReadHeader);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, ex.headers.get());

  // Proxy: "" disables proxies, including http_proxy/https_proxy from the environment.
  curl_easy_setopt(h, CURLOPT_PROXY, proxy_url.c_str());
  curl_easy_setopt(h, CURLOPT_NOPROXY, "");
  if (!proxy_url.empty()) {
    curl_easy_setopt(h, CURLOPT_PROXYTYPE, static_cast<long>(CURLPROXY_HTTP));
    curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    if (!options.proxy_username.empty()) {
      curl_easy_setopt(h, CURLOPT_PROXYAUTH, static_cast<long>(CURLAUTH_BASIC));
      curl_easy_setopt(h, CURLOPT_PROXYUSERNAME, options.proxy_username.c_str());
      std::string password(options.proxy_password.Reveal());
      curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, password.c_str());  // curl copies it
      WipeString(password);
    }
  }

  const std::string& m = request.method;
  if (m == "GET" && request.body.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (m == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (m == "POST" || !request.body.empty()) {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    if (m != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
  } else {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
  }
}

Result<HttpResponse> FinishExchange(CURL* h, CURLcode code, Exchange& ex,
                                    const TransportOptions& options, const std::string& proxy_url) {
  // Drop pointers into the exchange before the handle is reused.
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
  curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, "");
  const std::string& safe_url = ex.safe_url;
  if (ex.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return Status(ErrorCode::kInternal, "response body exceeds " +
                                            std::to_string(options.max_response_bytes) +
                                            " bytes from " + safe_url);
  }
  if (ex.headers_too_large) {
    return Status(ErrorCode::kInternal, "response headers too large from " + safe_url);
  }
  long connect_code = 0;
  curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connect_code);
  if (!proxy_url.empty() && connect_code == 407) {
    return Status(ErrorCode::kConnectionFailed,
                  "proxy authentication failed (407) at " + Scrub(proxy_url, options));
  }
  if (code != CURLE_OK) {
    std::string text = ex.errbuf[0] ? ex.errbuf : curl_easy_strerror(code);
    if (!proxy_url.empty() && connect_code != 0 && connect_code != 200) {
      text += " (proxy answered CONNECT with " + std::to_string(connect_code) + ")";
    }
    Status failed(MapCurlCode(code), Scrub(text + " [" + safe_url + "]", options));
    // Bytes of the request went out: the server may have acted on it (the answer was lost).
    long request_bytes = 0;
    curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_bytes);
    return request_bytes > 0 ? failed.MarkMaybeApplied() : failed;
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (!proxy_url.empty() && status == 407) {
    return Status(ErrorCode::kConnectionFailed,
                  "proxy authentication failed (407) at " + Scrub(proxy_url, options));
  }
  ex.response.status = static_cast<int>(status);
  return std::move(ex.response);
}

}  // namespace aic::curl
