#include "transport/curl_multi.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <utility>

namespace aic::curl {

namespace net = boost::asio;

namespace {
// Work that follows from the handler now running: Asio queues it on this thread (when it is one
// of the loop's) instead of waking another thread for it. Each wakeup costs more than the work.
template <class Executor>
auto Continuation(const Executor& executor) {
  return net::prefer(executor, net::execution::relationship.continuation);
}
}  // namespace

Result<std::shared_ptr<CurlMulti>> CurlMulti::Create(const TransportOptions& options,
                                                     Runtime& runtime) {
  AIC_RETURN_IF_ERROR(GlobalInit());
  std::shared_ptr<CurlMulti> multi(new CurlMulti(options, runtime));
  if (multi->multi_ == nullptr) return Status(ErrorCode::kInternal, "curl_multi_init failed");
  return multi;
}

CurlMulti::CurlMulti(const TransportOptions& options, Runtime& runtime)
    : options_(options),
      proxy_url_(ProxyUrl(options)),
      strand_(net::make_strand(runtime.transfer_executor())),
      timer_(strand_),
      multi_(curl_multi_init()) {
  if (multi_ == nullptr) return;
  const long cap = options_.max_connections;
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::OnSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::OnTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, cap);
  curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, cap);
  curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, cap);
}

CurlMulti::~CurlMulti() {
  // No transfer is left (each held a reference) and no wait is pending (each held one too).
  destroying_ = true;
  for (auto& [socket, watch] : watches_) Unwatch(*watch);
  watches_.clear();
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
  for (CURL* h : idle_handles_) curl_easy_cleanup(h);
}

void CurlMulti::Submit(std::unique_ptr<Exchange> exchange, SendHandler done) {
  auto work = net::prefer(net::get_associated_executor(done, strand_),
                          net::execution::outstanding_work.tracked);
  auto transfer = std::make_unique<Transfer>(std::move(exchange), std::move(done), std::move(work));
  net::post(Continuation(strand_), [self = shared_from_this(), t = std::move(transfer)]() mutable {
    self->Enqueue(std::move(t));
  });
}

void CurlMulti::Fail(SendHandler done, Status status) {
  net::post(strand_,
            [self = shared_from_this(), d = std::move(done), s = std::move(status)]() mutable {
              self->Complete(std::move(d), std::move(s));
            });
}

void CurlMulti::Complete(SendHandler done, Result<HttpResponse> result) {
  // Never run on this strand: the caller's continuation (parsing, the next request) would hold
  // every other transfer up. It is posted to the loop, off the strand, and dispatched from there
  // to the handler's own executor.
  auto executor = net::get_associated_executor(done, strand_);
  net::post(Continuation(strand_.get_inner_executor()),
            [executor, d = std::move(done), r = std::move(result)]() mutable {
              net::dispatch(executor, [d = std::move(d), r = std::move(r)]() mutable {
                std::move(d)(std::move(r));
              });
            });
}

void CurlMulti::Close() {
  net::post(strand_, [self = shared_from_this()] {
    self->closing_ = true;
    self->StopIfIdle();
  });
}

void CurlMulti::StopIfIdle() {
  if (!closing_ || !active_.empty() || !queued_.empty()) return;
  timer_.cancel();
  for (auto& [socket, watch] : watches_) Unwatch(*watch);
  watches_.clear();
}

void CurlMulti::Enqueue(std::unique_ptr<Transfer> transfer) {
  if (active_.size() < static_cast<std::size_t>(options_.max_connections)) {
    Start(std::move(transfer));
  } else {
    queued_.push_back(std::move(transfer));
  }
}

void CurlMulti::Start(std::unique_ptr<Transfer> transfer) {
  CURL* h = nullptr;
  if (!idle_handles_.empty()) {
    h = idle_handles_.back();
    idle_handles_.pop_back();
  } else {
    h = curl_easy_init();
  }
  Status failed(ErrorCode::kInternal, "curl_easy_init failed");
  if (h != nullptr) {
    ConfigureHandle(h, *transfer->exchange, options_, proxy_url_);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &CurlMulti::OnOpen);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, this);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETFUNCTION, &CurlMulti::OnClose);
    curl_easy_setopt(h, CURLOPT_CLOSESOCKETDATA, this);
    const CURLMcode added = curl_multi_add_handle(multi_, h);
    if (added == CURLM_OK) {
      active_.emplace(h, std::move(transfer));
      return;
    }
    failed = Status(ErrorCode::kInternal,
                    std::string("curl_multi_add_handle failed: ") + curl_multi_strerror(added));
    curl_easy_cleanup(h);
  }
  WipeString(transfer->exchange->request.body);
  Complete(std::move(transfer->done), failed);
}

void CurlMulti::SocketAction(curl_socket_t s, int events) {
  int running = 0;
  curl_multi_socket_action(multi_, s, events, &running);
  FinishDone();
}

void CurlMulti::FinishDone() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* h = msg->easy_handle;
    const CURLcode code = msg->data.result;
    curl_multi_remove_handle(multi_, h);
    auto it = active_.find(h);
    if (it == active_.end()) continue;
    std::unique_ptr<Transfer> transfer = std::move(it->second);
    active_.erase(it);
    Result<HttpResponse> result =
        FinishExchange(h, code, *transfer->exchange, options_, proxy_url_);
    WipeString(transfer->exchange->request.body);  // may carry a password
    if (idle_handles_.size() < static_cast<std::size_t>(options_.max_connections)) {
      idle_handles_.push_back(h);
    } else {
      curl_easy_cleanup(h);
    }
    Complete(std::move(transfer->done), std::move(result));
  }
  while (!queued_.empty() && active_.size() < static_cast<std::size_t>(options_.max_connections)) {
    std::unique_ptr<Transfer> next = std::move(queued_.front());
    queued_.pop_front();
    Start(std::move(next));
  }
  StopIfIdle();
}

int CurlMulti::OnTimer(CURLM*, long timeout_ms, void* data) {
  auto* self = static_cast<CurlMulti*>(data);
  if (self->destroying_) return 0;
  if (timeout_ms < 0) {
    if (self->timer_armed_) self->timer_.cancel();
    self->timer_armed_ = false;
    return 0;
  }
  if (timeout_ms == 0) {  // "act now": on the next turn, without the reactor's timer queue
    if (self->timer_armed_) self->timer_.cancel();
    self->timer_armed_ = false;
    net::post(Continuation(self->strand_), [me = self->shared_from_this()] {
      if (!me->destroying_) me->SocketAction(CURL_SOCKET_TIMEOUT, 0);
    });
    return 0;
  }
  // curl moves its deadline often: a pending wait that fires no later is kept (an early
  // socket_action is harmless; curl then reports the rest), which saves re-arming the timer.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  if (self->timer_armed_ && self->timer_.expiry() <= deadline) return 0;
  // Never call curl back from inside its callback: a zero timeout runs on the next turn.
  self->timer_.expires_at(deadline);
  self->timer_armed_ = true;
  self->timer_.async_wait(net::bind_executor(
      self->strand_, [me = self->shared_from_this()](boost::system::error_code ec) {
        if (ec) return;  // cancelled, or replaced by an earlier deadline
        me->timer_armed_ = false;
        me->SocketAction(CURL_SOCKET_TIMEOUT, 0);
      }));
  return 0;
}

curl_socket_t CurlMulti::OnOpen(void* data, curlsocktype, curl_sockaddr* address) {
  auto* self = static_cast<CurlMulti*>(data);
  const curl_socket_t s =
      ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
  if (s == CURL_SOCKET_BAD || self->destroying_) return s;
  auto it = self->watches_.find(s);
  if (it != self->watches_.end()) {  // a closed socket's number, reused
    self->Unwatch(*it->second);
    self->watches_.erase(it);
  }
  self->connections_.insert(s);
  return s;
}

int CurlMulti::OnClose(void* data, curl_socket_t s) {
  auto* self = static_cast<CurlMulti*>(data);
  if (!self->destroying_) {
    self->connections_.erase(s);
    auto it = self->watches_.find(s);
    if (it != self->watches_.end()) {
      self->Unwatch(*it->second);
      self->watches_.erase(it);
    }
  }
  return ::close(s);
}

int CurlMulti::OnSocket(CURL*, curl_socket_t s, int what, void* data, void* watch_data) {
  auto* self = static_cast<CurlMulti*>(data);
  if (self->destroying_) return 0;
  if (what == CURL_POLL_REMOVE) {
    // The socket stays registered with the reactor while curl keeps the connection (OnClose
    // drops it): reusing a kept-alive connection costs no epoll_ctl.
    auto it = self->watches_.find(s);
    if (it == self->watches_.end()) return 0;
    if (self->connections_.count(s) == 0) {  // not ours to keep (e.g. a resolver's socket)
      self->Unwatch(*it->second);
      self->watches_.erase(it);
      return 0;
    }
    it->second->wanted = 0;
    boost::system::error_code ignored;
    it->second->descriptor.cancel(ignored);
    return 0;
  }
  std::shared_ptr<Watch> watch;
  auto it = self->watches_.find(s);
  if (it != self->watches_.end()) {
    watch = it->second;
  } else {
    watch = std::make_shared<Watch>(self->strand_);
    boost::system::error_code ec;
    watch->descriptor.assign(s, ec);
    if (ec) return -1;  // curl fails the transfer
    watch->socket = s;
    self->watches_[s] = watch;
    curl_multi_assign(self->multi_, s, watch.get());
  }
  watch->wanted = what;
  // Arm on the next turn: curl may not be re-entered from its callback, and a level check
  // that finds the socket ready acts at once.
  net::post(Continuation(self->strand_), [me = self->shared_from_this(), watch] {
    if (!watch->removed) me->Arm(watch);
  });
  return 0;
}

void CurlMulti::Unwatch(Watch& watch) {
  watch.removed = true;
  boost::system::error_code ignored;
  watch.descriptor.cancel(ignored);
  (void)watch.descriptor.release();  // curl owns (and closes) the socket
}

void CurlMulti::Arm(const std::shared_ptr<Watch>& watch) {
  const bool want_read = (watch->wanted & CURL_POLL_IN) != 0;
  const bool want_write = (watch->wanted & CURL_POLL_OUT) != 0;
  if (want_read && !watch->waiting[kRead]) Wait(watch, kRead);
  if (want_write && !watch->waiting[kWrite]) Wait(watch, kWrite);
  // The reactor reports edges, curl expects levels: readiness that came before a wait was armed
  // (or that curl left unconsumed) would never be reported. Check the level now.
  pollfd p{watch->socket, static_cast<short>((want_read ? POLLIN : 0) | (want_write ? POLLOUT : 0)),
           0};
  if (p.events == 0 || ::poll(&p, 1, 0) <= 0) return;
  int events = 0;
  if (p.revents & (POLLIN | POLLHUP | POLLERR)) events |= CURL_CSELECT_IN;
  if (p.revents & (POLLOUT | POLLERR)) events |= CURL_CSELECT_OUT;
  if (p.revents & POLLERR) events |= CURL_CSELECT_ERR;
  if (events == 0) return;
  net::post(Continuation(strand_), [me = shared_from_this(), watch, events] {
    if (watch->removed) return;
    me->SocketAction(watch->socket, events);
    if (!watch->removed) me->Arm(watch);
  });
}

void CurlMulti::Wait(const std::shared_ptr<Watch>& watch, Direction direction) {
  watch->waiting[direction] = true;
  auto type = direction == kRead ? net::posix::stream_descriptor::wait_read
                                 : net::posix::stream_descriptor::wait_write;
  watch->descriptor.async_wait(
      type, net::bind_executor(strand_, [me = shared_from_this(), watch,
                                         direction](boost::system::error_code ec) {
        watch->waiting[direction] = false;
        if (watch->removed) return;
        if (ec) {
          // A wait cancelled when curl paused the socket (CURL_POLL_REMOVE) can complete after
          // curl asked for it again, and that Arm() skipped this direction as still waiting:
          // arm it again now or the socket is never watched (the transfer stalls).
          if (ec == net::error::operation_aborted) me->Arm(watch);
          return;
        }
        me->SocketAction(watch->socket, direction == kRead ? CURL_CSELECT_IN : CURL_CSELECT_OUT);
        if (!watch->removed) me->Arm(watch);
      }));
}

}  // namespace aic::curl
