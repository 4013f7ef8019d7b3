// HttpSession: one accepted connection of HttpServer (plain TCP or TLS). Internal to
// src/http_server; the sockets of the server live here and in the listener only.
//
// A session reads one request at a time (header, then body, answering `Expect: 100-continue`),
// calls the handler, writes the response and loops while the connection is kept alive. Limits
// and error statuses are those documented in http_server.h.
//
// Thread safety: each session runs on its own strand; SessionContext is shared read-only
// (apart from the atomic connection count) by all sessions of a server.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
#include <memory>

#include "http_server/http_server.h"

namespace aic::http_server {

struct SessionContext {
  RequestHandler handler;
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::size_t max_header_bytes = kDefaultMaxHeaderBytes;
  std::chrono::seconds idle_timeout = kDefaultIdleTimeout;
  std::atomic<std::size_t> open_connections{0};
};

// Each takes ownership of an accepted socket (whose executor is a strand) and runs a session
// on it until the peer goes away, an error closes it or the io_context stops. The caller has
// already counted the connection in context->open_connections; the session un-counts it.
void StartPlainSession(boost::asio::ip::tcp::socket socket,
                       std::shared_ptr<SessionContext> context);
void StartTlsSession(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
                     std::shared_ptr<SessionContext> context);

}  // namespace aic::http_server
