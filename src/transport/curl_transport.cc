// The libcurl HttpTransport: a bounded pool of easy handles, each keeping its connection.
#include <curl/curl.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/http_transport.h"

namespace aic {
namespace {

// Connections each easy handle may keep open. One keeps the total at max_connections.
constexpr long kConnectionsPerHandle = 1;
// Bound on the response header block (all header lines of the final response).
constexpr std::size_t kMaxResponseHeaderBytes = 256 * 1024;
// Largest port number.
constexpr int kMaxPort = 65535;

Status GlobalInit() {
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (code != CURLE_OK) {
    return Status(ErrorCode::kInternal,
                  std::string("curl_global_init failed: ") + curl_easy_strerror(code));
  }
  return Status::Ok();
}

// Per-request state the callbacks write into.
struct Exchange {
  HttpResponse response;
  std::size_t max_body = 0;
  std::size_t header_bytes = 0;
  bool body_too_large = false;
  bool headers_too_large = false;
};

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

struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

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

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(const TransportOptions& options) : options_(options) {
    if (!options_.proxy_host.empty()) {
      proxy_url_ = "http://" + options_.proxy_host;
      if (options_.proxy_port > 0) proxy_url_ += ":" + std::to_string(options_.proxy_port);
    }
  }

  ~CurlTransport() override {
    std::lock_guard lock(mu_);
    for (CURL* h : idle_) curl_easy_cleanup(h);
  }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    bool valid = false;
    const std::string safe_url = SafeUrlForMessages(request.url, &valid);
    if (!valid) {
      return Status(ErrorCode::kInvalidInput, "invalid URL (need http:// or https:// and a host)");
    }
    if (request.method.empty() || HasLineBreak(request.method) ||
        request.method.find(' ') != std::string::npos) {
      return Status(ErrorCode::kInvalidInput, "invalid HTTP method");
    }
    Slist headers;
    for (const auto& h : request.headers) {
      if (h.name.empty() || HasLineBreak(h.name) || HasLineBreak(h.value) ||
          h.name.find(':') != std::string::npos) {
        return Status(ErrorCode::kInvalidInput, "invalid header name or value: " + h.name);
      }
      // "Name;" sends an empty header; "Name:" would remove it.
      std::string line = h.value.empty() ? h.name + ";" : h.name + ": " + h.value;
      curl_slist* next = curl_slist_append(headers.get(), line.c_str());
      if (next == nullptr) return Status(ErrorCode::kInternal, "out of memory");
      headers.release();
      headers.reset(next);
    }
    if (request.Header("Expect").empty()) {
      curl_slist* next = curl_slist_append(headers.get(), "Expect:");
      if (next == nullptr) return Status(ErrorCode::kInternal, "out of memory");
      headers.release();
      headers.reset(next);
    }

    CURL* handle = Acquire();
    if (handle == nullptr) return Status(ErrorCode::kInternal, "curl_easy_init failed");
    Result<HttpResponse> result = Perform(handle, request, headers.get(), safe_url);
    Release(handle);
    return result;
  }

 private:
  CURL* Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || created_ < options_.max_connections; });
    if (!idle_.empty()) {
      CURL* h = idle_.back();
      idle_.pop_back();
      return h;
    }
    CURL* h = curl_easy_init();
    if (h != nullptr) ++created_;
    return h;
  }

  void Release(CURL* handle) {
    {
      std::lock_guard lock(mu_);
      idle_.push_back(handle);
    }
    cv_.notify_one();
  }

  Result<HttpResponse> Perform(CURL* h, const HttpRequest& request, curl_slist* headers,
                               const std::string& safe_url) {
    // Reset drops the previous request's options but keeps the live connection.
    curl_easy_reset(h);
    char errbuf[CURL_ERROR_SIZE] = {0};
    Exchange ex;
    ex.max_body = options_.max_response_bytes;

    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_MAXCONNECTS, kConnectionsPerHandle);
    curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connection_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
    if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(options_.max_response_bytes));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &WriteBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &ReadHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);

    // Proxy: "" disables proxies, including http_proxy/https_proxy from the environment.
    curl_easy_setopt(h, CURLOPT_PROXY, proxy_url_.c_str());
    curl_easy_setopt(h, CURLOPT_NOPROXY, "");
    if (!proxy_url_.empty()) {
      curl_easy_setopt(h, CURLOPT_PROXYTYPE, static_cast<long>(CURLPROXY_HTTP));
      curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
      if (!options_.proxy_username.empty()) {
        curl_easy_setopt(h, CURLOPT_PROXYAUTH, static_cast<long>(CURLAUTH_BASIC));
        curl_easy_setopt(h, CURLOPT_PROXYUSERNAME, options_.proxy_username.c_str());
        std::string password(options_.proxy_password.Reveal());
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
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
      if (m != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
    } else {
      curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
    }

    const CURLcode code = curl_easy_perform(h);
    // Drop pointers into this stack frame and the request before the handle goes back.
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, nullptr);
    curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, "");

    if (ex.body_too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return Status(ErrorCode::kInternal, "response body exceeds " +
                                              std::to_string(options_.max_response_bytes) +
                                              " bytes from " + safe_url);
    }
    if (ex.headers_too_large) {
      return Status(ErrorCode::kInternal, "response headers too large from " + safe_url);
    }
    long connect_code = 0;
    curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connect_code);
    if (!proxy_url_.empty() && connect_code == 407) {
      return Status(ErrorCode::kConnectionFailed,
                    "proxy authentication failed (407) at " + Scrub(proxy_url_));
    }
    if (code != CURLE_OK) {
      std::string text = errbuf[0] ? errbuf : curl_easy_strerror(code);
      if (!proxy_url_.empty() && connect_code != 0 && connect_code != 200) {
        text += " (proxy answered CONNECT with " + std::to_string(connect_code) + ")";
      }
      Status failed(MapCurlCode(code), Scrub(text + " [" + safe_url + "]"));
      // Bytes of the request went out: the server may have acted on it (the answer was lost).
      long request_bytes = 0;
      curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_bytes);
      return request_bytes > 0 ? failed.MarkMaybeApplied() : failed;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    if (!proxy_url_.empty() && status == 407) {
      return Status(ErrorCode::kConnectionFailed,
                    "proxy authentication failed (407) at " + Scrub(proxy_url_));
    }
    ex.response.status = static_cast<int>(status);
    return std::move(ex.response);
  }

  // Masks the proxy password should curl ever echo it.
  std::string Scrub(std::string text) const {
    std::string_view secret = options_.proxy_password.Reveal();
    if (secret.empty()) return text;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), SecretString::kMask);
      pos += SecretString::kMask.size();
    }
    return text;
  }

  const TransportOptions options_;
  std::string proxy_url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<CURL*> idle_;
  int created_ = 0;
};

}  // namespace

Result<std::unique_ptr<HttpTransport>> MakeCurlTransport(const TransportOptions& options) {
  if (options.max_connections < 1) {
    return Status(ErrorCode::kConfiguration, "maxConnections must be at least 1");
  }
  if (options.connection_timeout.count() < 0 || options.request_timeout.count() < 0) {
    return Status(ErrorCode::kConfiguration, "timeouts must not be negative");
  }
  if (options.proxy_port < 0 || options.proxy_port > kMaxPort) {
    return Status(ErrorCode::kConfiguration, "proxyPort must be in 0..65535");
  }
  if (options.proxy_host.empty() &&
      (!options.proxy_username.empty() || !options.proxy_password.empty())) {
    return Status(ErrorCode::kConfiguration, "proxyUsername/proxyPassword given without proxyHost");
  }
  if (options.proxy_host.find_first_of("/@ \r\n") != std::string::npos) {
    return Status(ErrorCode::kConfiguration, "proxyHost must be a host name or address");
  }
  if (options.max_response_bytes == 0) {
    return Status(ErrorCode::kConfiguration, "max_response_bytes must be positive");
  }
  AIC_RETURN_IF_ERROR(GlobalInit());
  return std::unique_ptr<HttpTransport>(new CurlTransport(options));
}

}  // namespace aic
