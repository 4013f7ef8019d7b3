// HttpServer: a small, generic HTTP/1.1 server on Boost.Beast/Asio, shared by the emulator and
// `serve`. A request comes in, a response goes out, through one plain function (RequestHandler).
//
//   auto server = HttpServer::Start(options, [](const ServerRequest& r) {
//     return ServerResponse{200, {{"Content-Type", "text/plain"}}, "hello"};
//   });
//   int port = (*server)->port();   // the bound port (options.port = 0 picks a free one)
//
// Behaviour:
// - Keep-alive as the client asks (HTTP/1.1 default on, "Connection: close" honoured,
//   HTTP/1.0 off unless "Connection: keep-alive"). `Expect: 100-continue` is answered.
// - `threads` worker threads run the io_context; the handler is called from any of them, so it
//   must be thread-safe. A connection's requests are handled one after the other.
// - Bounded input: a body over max_body_bytes gets 413, a header block over max_header_bytes
//   431, a malformed request 400; the connection is closed after each of these. A connection
//   idle (or slow to send a request) for longer than idle_timeout is closed. Beyond
//   max_connections open connections, new ones are closed at once.
// - A handler that throws gets a 500 with a generic body (no exception text), and the server
//   goes on. Malformed input never crashes the server.
// - TLS (Asio SSL over OpenSSL, TLS 1.2+) when both tls_cert_file (PEM chain) and tls_key_file
//   (PEM key) are set.
// - Content-Length is set by the server; handler headers are sent as given (Content-Length and
//   Transfer-Encoding from the handler are ignored).
//
// Errors from Start: kConfiguration for a bad host, a port that cannot be bound, bad limits or
// unreadable TLS files (the message names the file, never the key content).
//
// Thread safety: port() may be called from any thread. Stop() (also run by the destructor)
// closes the listener and every connection and joins the workers; call it once from one thread,
// never from inside the handler.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/http_types.h"
#include "aws_iam_connector/status.h"

namespace aic::http_server {

inline constexpr std::size_t kDefaultMaxBodyBytes = 1024 * 1024;
inline constexpr std::size_t kDefaultMaxHeaderBytes = 16 * 1024;
inline constexpr std::chrono::seconds kDefaultIdleTimeout{60};
inline constexpr int kDefaultThreads = 2;
inline constexpr int kMaxThreads = 256;
inline constexpr std::size_t kDefaultMaxConnections = 1024;

struct ServerRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query as sent: "/_emulator/counters?x=1"
  std::vector<HttpHeader> headers;
  std::string body;
  std::string remote_address;  // "127.0.0.1:54321"

  // First value of header `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
  // The target without "?query".
  std::string_view Path() const;
  // The part after '?', or empty.
  std::string_view Query() const;
};

struct ServerResponse {
  int status = 200;
  std::vector<HttpHeader> headers;
  std::string body;
};

using RequestHandler = std::function<ServerResponse(const ServerRequest&)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = any free port
  int threads = kDefaultThreads;
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::size_t max_header_bytes = kDefaultMaxHeaderBytes;
  std::size_t max_connections = kDefaultMaxConnections;
  std::chrono::seconds idle_timeout = kDefaultIdleTimeout;
  std::string tls_cert_file;  // TLS when both are set
  std::string tls_key_file;
};

class HttpServer {
 public:
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options,
                                                   RequestHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  bool tls() const;
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aic::http_server
