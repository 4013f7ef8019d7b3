// CurlMulti: libcurl's multi-socket interface driven by an Asio event loop. Internal to
// src/transport (curl_transport.cc wraps it as the HttpTransport).
//
// Every curl call runs on one strand of the runtime's transfer loop (transfer_executor()), which
// does nothing else. curl says which socket events it waits for (CURLMOPT_SOCKETFUNCTION) and when
// its next timeout is (CURLMOPT_TIMERFUNCTION); a Watch per socket waits with async_wait on a
// non-owning descriptor, a steady_timer carries the timeout, and both call
// curl_multi_socket_action. Asio's epoll reactor reports edges while curl expects levels, so after
// arming a wait the socket's level is checked with poll(2): an event that came before the wait was
// armed is not lost.
//
// At most options.max_connections transfers run at once; the rest wait in a FIFO queue (their
// request timeout starts when they are added to curl). A finished transfer's handler runs on its
// associated executor (the strand by default), never inside a curl callback or on the strand's
// turn, and work is held on that executor meanwhile. Easy handles are reused; connections are kept
// alive in the multi handle's cache (at most max_connections).
//
// Lifetime: CurlMulti is owned by shared_ptr; every pending operation holds a reference, so it
// lives until its last transfer is done. Close() (from the owner's destructor) stops its timer
// and socket waits once no transfer is left.
//
// Thread safety: Submit and Close may be called from any thread.
#pragma once

#include <curl/curl.h>

#include <boost/asio/any_completion_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "aws_iam_connector/http_transport.h"
#include "transport/curl_easy.h"

namespace aic::curl {

class CurlMulti : public std::enable_shared_from_this<CurlMulti> {
 public:
  // Errors: kInternal when curl cannot create the multi handle.
  static Result<std::shared_ptr<CurlMulti>> Create(const TransportOptions& options,
                                                   Runtime& runtime);
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  const TransportOptions& options() const { return options_; }
  // Queues the exchange; `done` gets its result.
  void Submit(std::unique_ptr<Exchange> exchange, SendHandler done);
  // Completes `done` with `status` through its executor, never inline.
  void Fail(SendHandler done, Status status);
  void Close();

 private:
  using Strand = boost::asio::strand<boost::asio::any_io_executor>;
  struct Transfer {
    // Boost 1.81's any_completion_handler cannot be move-assigned (it recurses): construct only.
    Transfer(std::unique_ptr<Exchange> e, SendHandler d, boost::asio::any_completion_executor w)
        : exchange(std::move(e)), done(std::move(d)), work(std::move(w)) {}
    std::unique_ptr<Exchange> exchange;
    SendHandler done;
    boost::asio::any_completion_executor
        work;  // keeps the handler's executor busy until completion
  };
  struct Watch {
    explicit Watch(const Strand& strand) : descriptor(strand) {}
    boost::asio::posix::stream_descriptor descriptor;
    curl_socket_t socket = CURL_SOCKET_BAD;
    int wanted = 0;  // CURL_POLL_IN / CURL_POLL_OUT bits
    bool waiting[2] = {false, false};
    bool removed = false;
    bool connection = false;  // opened by OnOpen: stays registered until OnClose
  };
  enum Direction { kRead = 0, kWrite = 1 };

  CurlMulti(const TransportOptions& options, Runtime& runtime);

  static int OnSocket(CURL* easy, curl_socket_t s, int what, void* self, void* watch);
  static int OnTimer(CURLM* multi, long timeout_ms, void* self);
  static curl_socket_t OnOpen(void* self, curlsocktype purpose, curl_sockaddr* address);
  static int OnClose(void* self, curl_socket_t s);

  // On the strand: runs `done` through its executor.
  void Complete(SendHandler done, Result<HttpResponse> result);
  void Enqueue(std::unique_ptr<Transfer> transfer);
  void Start(std::unique_ptr<Transfer> transfer);
  void SocketAction(curl_socket_t s, int events);
  void FinishDone();
  void Arm(const std::shared_ptr<Watch>& watch);
  void Wait(const std::shared_ptr<Watch>& watch, Direction direction);
  void Unwatch(Watch& watch);
  void StopIfIdle();

  const TransportOptions options_;
  const std::string proxy_url_;
  Strand strand_;
  boost::asio::steady_timer timer_;
  bool timer_armed_ = false;  // a wait on timer_ is pending
  CURLM* multi_ = nullptr;
  // Guarded by the strand.
  std::map<CURL*, std::unique_ptr<Transfer>> active_;
  std::deque<std::unique_ptr<Transfer>> queued_;
  std::vector<CURL*> idle_handles_;
  std::map<curl_socket_t, std::shared_ptr<Watch>> watches_;
  std::set<curl_socket_t> connections_;  // sockets opened by OnOpen and not yet closed
  bool closing_ = false;
  bool destroying_ = false;
};

}  // namespace aic::curl
