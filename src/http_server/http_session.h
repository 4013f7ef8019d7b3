// HttpSession: one accepted connection of HttpServer (plain TCP or TLS). Internal to
// src/http_server; the sockets of the server live here and in the listener only.
//
// A session reads one request at a time (header, then body, answering `Expect: 100-continue`),
// co_spawns the handler on its strand, writes the response when the coroutine returns and loops
// while the connection is kept alive. The coroutine's completion handler holds the session, so
// a suspended coroutine keeps its session (and the SessionContext) alive until it returns or
// the io_context destroys it. Limits
// and error statuses are those documented in http_server.h.
//
// Thread safety: each session runs on its own strand; SessionContext is shared by all sessions
// of a server: its settings are read-only, its connection registry is guarded by `mu`.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>

#include "http_server/http_server.h"

namespace aic::http_server {

// A session as the connection registry sees it. The fields are guarded by SessionContext::mu.
class SessionSlot {
 public:
  virtual ~SessionSlot() = default;
  // Closes the connection (from any thread; the close runs on the session's strand).
  virtual void Evict() = 0;
  // A shared_ptr to the session, or null when it is being destroyed.
  virtual std::shared_ptr<SessionSlot> Lock() = 0;

  bool registered = false;  // counted in SessionContext::open
  bool idle = false;        // in SessionContext::idle_sessions
  std::list<SessionSlot*>::iterator idle_position;
  std::list<SessionSlot*>::iterator live_position;  // in SessionContext::live_sessions
};

struct SessionContext {
  AsyncRequestHandler handler;
  HeaderAuthorizer authorize;
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::size_t max_header_bytes = kDefaultMaxHeaderBytes;
  std::chrono::seconds header_timeout = kDefaultHeaderTimeout;
  std::chrono::seconds idle_timeout = kDefaultIdleTimeout;
  std::chrono::seconds body_timeout = kDefaultBodyTimeout;
  std::size_t max_connections = kDefaultMaxConnections;

  std::mutex mu;
  std::size_t open = 0;                   // registered sessions
  std::list<SessionSlot*> idle_sessions;  // waiting for a request, no byte of it yet; oldest first
  std::list<SessionSlot*> live_sessions;  // every session not yet destroyed
  bool stopping = false;                  // set by Stop(): no connection is admitted any more

  // Makes room for one more connection: true when under the cap, or when the longest-idle
  // session was evicted (its slot is handed over); false when the cap is reached and no
  // session is idle.
  bool Admit();
  // Evicts the longest-idle session, if any (after an accept failed for lack of descriptors).
  bool EvictOldestIdle();
  // Admits no more connections and closes every open one (busy ones too: a running handler
  // finishes, its response is not sent).
  void StopAll();
  void Register(SessionSlot* slot);
  void MarkIdle(SessionSlot* slot);
  void MarkBusy(SessionSlot* slot);
  void Unregister(SessionSlot* slot);
};

// Each takes ownership of an accepted socket (whose executor is a strand) and runs a session
// on it until the peer goes away, an error closes it or the io_context stops. The caller has
// already made room with context->Admit(); the session registers itself and leaves on
// destruction.
void StartPlainSession(boost::asio::ip::tcp::socket socket,
                       std::shared_ptr<SessionContext> context);
void StartTlsSession(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& tls,
                     std::shared_ptr<SessionContext> context);

}  // namespace aic::http_server
