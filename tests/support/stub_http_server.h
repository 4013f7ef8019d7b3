// StubHttpServer: a small real HTTP/1.1 server on 127.0.0.1 for tests.
//
// It binds port 0 (the kernel picks a free port), accepts connections on its own thread and
// serves each connection on a thread of its own, so a handler that sleeps (to simulate a slow
// AWS) does not block other connections. Connections are kept alive unless the client asks to
// close or the handler's response carries "Connection: close". Every request is recorded with
// the id of the connection it arrived on (1, 2, ... in accept order), so tests can prove
// keep-alive reuse, concurrency bounds and what went over the wire.
//
// The handler is called on connection threads, possibly concurrently: it must be thread-safe.
// If it throws, the stub answers 500 with the exception text. The server sets Content-Length
// itself; handler headers are copied verbatim (except Content-Length).
//
// Thread safety: every accessor is safe to call from any thread while the server runs.
// The destructor stops accepting, shuts every open connection down and joins all threads
// (it waits for handlers still running, so keep handler sleeps short).
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/http_types.h"

namespace aic::testing {

// Largest request body the stub accepts (a bigger one closes the connection).
inline constexpr std::size_t kStubMaxRequestBodyBytes = 64 * 1024 * 1024;

struct StubRequest {
  std::string method;  // "POST"
  std::string target;  // the request target as sent: "/" or "/path?query" (or an absolute URI)
  std::vector<HttpHeader> headers;
  std::string body;
  int connection_id = 0;  // 1-based, in accept order

  // First value of header `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

class StubHttpServer {
 public:
  using Handler = std::function<HttpResponse(const StubRequest&)>;

  // Starts listening at once; aborts the test binary (std::runtime_error) if it cannot bind.
  explicit StubHttpServer(Handler handler);
  ~StubHttpServer();  // stops and joins

  StubHttpServer(const StubHttpServer&) = delete;
  StubHttpServer& operator=(const StubHttpServer&) = delete;

  int port() const;
  std::string url() const;  // "http://127.0.0.1:PORT/"

  int request_count() const;                  // requests received (the handler was called)
  int connection_count() const;               // connections accepted in total
  int max_concurrent_connections() const;     // most connections open at the same time
  int open_connections() const;               // connections open now
  std::vector<StubRequest> requests() const;  // a copy, in arrival order

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Small helpers for handlers.
HttpResponse StubXmlResponse(int status, std::string body);   // Content-Type: text/xml
HttpResponse StubTextResponse(int status, std::string body);  // Content-Type: text/plain

}  // namespace aic::testing
