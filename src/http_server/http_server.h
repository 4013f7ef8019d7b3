// HttpServer: a small, generic HTTP/1.1 server on Boost.Beast/Asio, shared by the emulator and
// `serve`. A request comes in, a response goes out, through one handler: a coroutine
// (AsyncRequestHandler) or a plain function (RequestHandler).
//
//   using asio::awaitable;
//   auto server = HttpServer::Start(options, [](ServerRequest r) -> awaitable<ServerResponse> {
//     asio::steady_timer timer(co_await asio::this_coro::executor, 50ms);
//     co_await timer.async_wait(asio::use_awaitable);  // the thread serves others meanwhile
//     co_return ServerResponse{200, {{"Content-Type", "text/plain"}}, "hello"};
//   });
//   int port = (*server)->port();   // the bound port (options.port = 0 picks a free one)
//
// Handlers:
// - An AsyncRequestHandler is called with the complete request (header and body) and its
//   coroutine is co_spawned on the connection's executor, a strand of the server's io_context;
//   the response is written when the coroutine returns. While it is suspended (co_await on a
//   timer, a socket, ...) the worker thread serves other connections, and the connection is busy
//   (not idle, so never evicted; its timeouts do not run). A connection has at most one handler
//   running, so at most max_connections coroutines are alive at once. A client that goes away
//   meanwhile is noticed when the response is written; the coroutine is not cancelled.
// - A RequestHandler (plain function) runs the same way, as a coroutine that never suspends: it
//   blocks its worker thread for as long as it runs.
// - Stop() and the destructor may run while coroutines are suspended: they are never resumed;
//   their frames are destroyed (destructors run, on the thread calling Stop) when Stop()
//   destroys the io_context, before Stop() returns. So a coroutine must wait only on operations
//   of the server's io_context (its executor: co_await asio::this_coro::executor), and all it
//   points to must outlive the server; it owns its ServerRequest.
//
// Behaviour:
// - Keep-alive as the client asks (HTTP/1.1 default on, "Connection: close" honoured,
//   HTTP/1.0 off unless "Connection: keep-alive"). `Expect: 100-continue` is answered.
// - `threads` worker threads run the io_context; handlers run on any of them, several at once,
//   so they must be thread-safe. A connection's requests are handled one after the other.
// - Bounded input: a body over max_body_bytes gets 413, a header block over max_header_bytes
//   431, a malformed request 400; the connection is closed after each of these.
// - Timeouts: a new connection must deliver a complete request header within header_timeout
//   (default 10 s) of being accepted; a kept-alive connection may wait idle_timeout (default
//   30 s) for the first byte of its next request, and then has header_timeout for the rest of
//   the header. The body must arrive within body_timeout (default 60 s) of the header.
// - Connections: at most max_connections (default 4096, and never more than the process's
//   RLIMIT_NOFILE soft limit minus kReservedFileDescriptors) are open at once. Start() raises
//   the RLIMIT_NOFILE soft limit to the hard limit. When the cap is reached, the connection
//   that has waited longest for a request without sending a byte of it (new or kept-alive) is
//   closed to make room; only when no connection is idle is the new one closed at once.
// - Header-stage authorisation: when `authorize` is set its coroutine is run with the request
//   line and headers (empty body) before the body is read and before any `100 Continue`; a
//   response it returns is sent instead of reading the body, and the connection is closed.
// - A handler (or its coroutine) that throws gets a 500 with a generic body (no exception
//   text), and the server goes on. Malformed input never crashes the server.
// - TLS (Asio SSL over OpenSSL, TLS 1.2+) when both tls_cert_file (PEM chain) and tls_key_file
//   (PEM key) are set.
// - Content-Length is set by the server; handler headers are sent as given (Content-Length and
//   Transfer-Encoding from the handler are ignored).
//
// Errors from Start: kConfiguration for an empty handler, a bad host, a port that cannot be
// bound, bad limits or unreadable TLS files (the message names the file, never the key content).
//
// Event loop: by default the server runs its own io_context on `threads` threads. With
// `io_context` set it runs on that loop (whose threads the caller runs) and starts no thread, so
// a handler that awaits operations of the same loop resumes without a hop between threads.
// Then Stop() cannot destroy the loop: it closes the listener and every connection and waits
// until each running handler coroutine has returned (it is not cancelled; a handler must end
// in bounded time, as the connector's calls do with their timeouts).
//
// Thread safety: port() may be called from any thread. Stop() (also run by the destructor)
// closes the listener and every connection; with its own loop it joins the workers and destroys
// suspended handler coroutines, with an outside loop it waits for them. Call it from one
// thread, never from inside a handler nor from a thread of the server's loop.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/http_types.h"
#include "aws_iam_connector/status.h"

namespace aic::http_server {

inline constexpr std::size_t kDefaultMaxBodyBytes = 1024 * 1024;
inline constexpr std::size_t kDefaultMaxHeaderBytes = 16 * 1024;
// Time allowed to receive a complete request header, from accept or from its first byte.
inline constexpr std::chrono::seconds kDefaultHeaderTimeout{10};
// Time a kept-alive connection may wait for the first byte of its next request.
inline constexpr std::chrono::seconds kDefaultIdleTimeout{30};
// Time allowed to receive a request body once its header is read.
inline constexpr std::chrono::seconds kDefaultBodyTimeout{60};
inline constexpr int kDefaultThreads = 2;
inline constexpr int kMaxThreads = 256;
// Total cap on open connections (idle ones are evicted to admit new ones).
inline constexpr std::size_t kDefaultMaxConnections = 4096;
// File descriptors kept free for everything else (files, SQLite, outgoing HTTP): the
// connection cap never exceeds RLIMIT_NOFILE minus this.
inline constexpr std::size_t kReservedFileDescriptors = 128;

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

// Owns its request; see "Handlers" above for where the coroutine runs and how it ends.
using AsyncRequestHandler = std::function<boost::asio::awaitable<ServerResponse>(ServerRequest)>;
// A plain function, run as a coroutine that never suspends (it blocks its worker thread).
using RequestHandler = std::function<ServerResponse(const ServerRequest&)>;
// Header-stage check (body empty): nullopt lets the request go on, a response refuses it.
using HeaderAuthorizer =
    std::function<boost::asio::awaitable<std::optional<ServerResponse>>(ServerRequest)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = any free port
  int threads = kDefaultThreads;
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::size_t max_header_bytes = kDefaultMaxHeaderBytes;
  std::size_t max_connections = kDefaultMaxConnections;
  std::chrono::seconds header_timeout = kDefaultHeaderTimeout;
  std::chrono::seconds idle_timeout = kDefaultIdleTimeout;
  std::chrono::seconds body_timeout = kDefaultBodyTimeout;
  HeaderAuthorizer authorize;  // optional
  std::string tls_cert_file;   // TLS when both are set
  std::string tls_key_file;
  // Run on this event loop (e.g. the process's Runtime) instead of one of the server's own
  // with `threads` threads; it must outlive the server. See "Event loop" above.
  boost::asio::io_context* io_context = nullptr;
};

// Raises this process's RLIMIT_NOFILE soft limit to its hard limit (best effort) and returns
// the soft limit then in force.
std::size_t RaiseFileDescriptorLimit();

class HttpServer {
 public:
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options,
                                                   AsyncRequestHandler handler);
  static Result<std::unique_ptr<HttpServer>> Start(HttpServerOptions options,
                                                   RequestHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  bool tls() const;
  // The connection cap in force (max_connections bounded by the file descriptor limit).
  std::size_t max_connections() const;
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  void StopOnOutsideLoop();
  std::unique_ptr<Impl> impl_;
};

}  // namespace aic::http_server
