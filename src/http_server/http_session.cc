#include "http_server/http_session.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace aic::http_server {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

// Time allowed for a TLS handshake or shutdown and for writing one response.
constexpr std::chrono::seconds kHandshakeTimeout{10};
constexpr std::chrono::seconds kWriteTimeout{30};
// After a last response on a plain connection, unread input is drained (so closing does not
// reset the connection before the client reads the answer) for at most this long / this much.
constexpr std::chrono::seconds kLingerTimeout{2};
constexpr std::size_t kLingerMaxBytes = 256 * 1024;
// Size of the first read of a request (the rest of the header is read by the parser).
constexpr std::size_t kFirstReadBytes = 4096;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
constexpr bool kIsTls = std::is_same_v<Stream, TlsStream>;

bool IsBenignCloseError(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
         ec == beast::error::timeout || ec == net::error::connection_reset ||
         ec == net::error::eof || ec == net::error::broken_pipe ||
         ec == ssl::error::stream_truncated || ec == http::error::partial_message;
}

std::string RemoteAddress(const tcp::socket& socket) {
  beast::error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return {};
  return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

bool HasCrLf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

template <class Stream>
class Session : public SessionSlot, public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... StreamArgs>
  Session(std::shared_ptr<SessionContext> context, std::string remote, StreamArgs&&... args)
      : stream_(std::forward<StreamArgs>(args)...),
        context_(std::move(context)),
        remote_(std::move(remote)) {
    context_->Register(this);
  }

  ~Session() override { context_->Unregister(this); }

  void Evict() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      beast::error_code ignored;
      self->Tcp().socket().close(ignored);
    });
  }

  std::shared_ptr<SessionSlot> Lock() override { return this->weak_from_this().lock(); }

  void Run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kIsTls<Stream>) {
        self->Tcp().expires_after(kHandshakeTimeout);
        self->stream_.async_handshake(ssl::stream_base::server, [self](beast::error_code ec) {
          ec ? self->Close(false) : self->AwaitRequest(true);
        });
      } else {
        self->AwaitRequest(true);
      }
    });
  }

 private:
  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }

  // Waits for the first byte of a request (the connection is idle, so evictable, meanwhile):
  // up to header_timeout on a new connection, idle_timeout between kept-alive requests.
  void AwaitRequest(bool fresh) {
    if (buffer_.size() > 0) {  // pipelined bytes are already here
      Tcp().expires_after(context_->header_timeout);
      return ReadHeader();
    }
    Tcp().expires_after(fresh ? context_->header_timeout : context_->idle_timeout);
    context_->MarkIdle(this);
    stream_.async_read_some(
        buffer_.prepare(kFirstReadBytes),
        [self = this->shared_from_this(), fresh](beast::error_code ec, std::size_t n) {
          self->context_->MarkBusy(self.get());
          if (ec == net::error::eof) return self->Close(true);
          if (ec) return self->OnReadError(ec);
          self->buffer_.commit(n);
          if (!fresh) self->Tcp().expires_after(self->context_->header_timeout);
          self->ReadHeader();
        });
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->body_limit(context_->max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(context_->max_header_bytes));
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->OnHeader(ec);
                            });
  }

  ServerRequest MakeRequest(const http::request<http::string_body>& request) const {
    ServerRequest in;
    in.method = std::string(request.method_string());
    in.target = std::string(request.target());
    in.headers.reserve(8);
    for (const auto& field : request) {
      in.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    in.remote_address = remote_;
    return in;
  }

  // The generic 500 for a handler or authorizer that threw (the exception text is not sent).
  static ServerResponse InternalError(const std::exception_ptr& error, std::string_view method,
                                      std::string_view path) {
    try {
      std::rethrow_exception(error);
    } catch (const std::exception&) {
      spdlog::error("http handler failed for {} {}: exception", method, path);
    } catch (...) {
      spdlog::error("http handler failed for {} {}: unknown exception", method, path);
    }
    return ServerResponse{500, {{"Content-Type", "text/plain"}}, "internal server error\n"};
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    if (!context_->authorize) return AfterAuthorize(std::nullopt);
    const auto& header = parser_->get();
    ServerRequest in = MakeRequest(header);
    std::string method = in.method;
    std::string path(in.Path());
    // The authorizer may wait (a password check on the blocking pool): the session stays busy.
    net::co_spawn(
        stream_.get_executor(),
        [context = context_, in = std::move(in)]() mutable {
          return context->authorize(std::move(in));
        },
        [self = this->shared_from_this(), method = std::move(method), path = std::move(path)](
            std::exception_ptr error, std::optional<ServerResponse> refused) {
          if (error) refused = InternalError(error, method, path);
          self->AfterAuthorize(std::move(refused));
        });
  }

  // Answers a refused request at once (its body is never read); otherwise reads the body.
  void AfterAuthorize(std::optional<ServerResponse> refused) {
    const auto& header = parser_->get();
    if (refused) {
      unsigned version = header.version();
      parser_.reset();
      return Respond(std::move(*refused), version, /*keep_alive=*/false);
    }
    auto expect = header[http::field::expect];
    if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
      continue_.emplace(http::status::continue_, header.version());
      Tcp().expires_after(kWriteTimeout);
      http::async_write(stream_, *continue_,
                        [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                          ec ? self->Close(false) : self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    if (parser_->is_done()) return OnRequest();
    Tcp().expires_after(context_->body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       ec ? self->OnReadError(ec) : self->OnRequest();
                     });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) return SendError(413, "request body too large\n");
    if (ec == http::error::header_limit) {
      return SendError(431, "request header fields too large\n");
    }
    if (ec == http::error::end_of_stream) return Close(true);
    if (IsBenignCloseError(ec)) return Close(false);
    if (ec.category() == http::make_error_code(http::error::bad_method).category()) {
      return SendError(400, "malformed request\n");
    }
    Close(false);
  }

  // Sends a plain-text error and closes the connection.
  void SendError(int status, std::string body) {
    response_ = {};
    response_.version(11);
    response_.result(static_cast<unsigned>(status));
    response_.set(http::field::content_type, "text/plain");
    response_.body() = std::move(body);
    response_.keep_alive(false);
    response_.prepare_payload();
    Write();
  }

  // Runs the handler's coroutine on this session's strand; the session (busy, not idle) waits
  // for it without reading, then responds.
  void OnRequest() {
    http::request<http::string_body> request = parser_->release();
    parser_.reset();
    ServerRequest in = MakeRequest(request);
    in.body = std::move(request.body());
    net::co_spawn(
        stream_.get_executor(),
        [context = context_, in = std::move(in)]() mutable {
          return context->handler(std::move(in));
        },
        [self = this->shared_from_this(), method = std::string(request.method_string()),
         path = std::string(request.target()), version = request.version(),
         keep_alive = request.keep_alive()](std::exception_ptr error, ServerResponse out) {
          if (error) {
            out = InternalError(error, method, std::string_view(path).substr(0, path.find('?')));
          }
          self->Respond(std::move(out), version, keep_alive);
        });
  }

  void Respond(ServerResponse out, unsigned version, bool keep_alive) {
    response_ = {};
    response_.version(version);
    int status = (out.status >= 100 && out.status <= 599) ? out.status : 500;
    response_.result(static_cast<unsigned>(status));
    for (const auto& h : out.headers) {
      if (h.name.empty() || HasCrLf(h.name) || HasCrLf(h.value)) continue;
      if (EqualsIgnoreCase(h.name, "Content-Length") ||
          EqualsIgnoreCase(h.name, "Transfer-Encoding") || EqualsIgnoreCase(h.name, "Connection")) {
        continue;
      }
      response_.insert(h.name, h.value);
    }
    response_.body() = std::move(out.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    Write();
  }

  void Write() {
    Tcp().expires_after(kWriteTimeout);
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->Close(false);
                        if (!self->response_.keep_alive()) return self->Close(true);
                        self->AwaitRequest(false);
                      });
  }

  // Ends the connection; `graceful` sends a TLS close_notify / TCP FIN first.
  void Close(bool graceful) {
    beast::error_code ec;
    if constexpr (kIsTls<Stream>) {
      if (graceful) {
        Tcp().expires_after(kHandshakeTimeout);
        stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
          beast::error_code ignored;
          self->Tcp().socket().close(ignored);
        });
        return;
      }
      Tcp().socket().close(ec);
    } else {
      if (graceful) {
        Tcp().socket().shutdown(tcp::socket::shutdown_send, ec);
        if (!ec) {
          Tcp().expires_after(kLingerTimeout);
          return Drain(0);
        }
      }
      Tcp().socket().close(ec);
    }
  }

  // Reads and drops input until the peer closes, kLingerTimeout or kLingerMaxBytes; then closes.
  void Drain(std::size_t drained) {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(
        buffer_.prepare(kFirstReadBytes),
        [self = this->shared_from_this(), drained](beast::error_code ec, std::size_t n) {
          if (ec || drained + n > kLingerMaxBytes) {
            beast::error_code ignored;
            self->Tcp().socket().close(ignored);
            return;
          }
          self->Drain(drained + n);
        });
  }

  Stream stream_;
  std::shared_ptr<SessionContext> context_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<http::response<http::empty_body>> continue_;
  http::response<http::string_body> response_;
};

}  // namespace

bool SessionContext::Admit() {
  std::shared_ptr<SessionSlot> victim;
  {
    std::lock_guard lock(mu);
    if (stopping) return false;
    if (open < max_connections) {
      ++open;
      return true;
    }
    if (idle_sessions.empty()) return false;
    SessionSlot* oldest = idle_sessions.front();
    idle_sessions.pop_front();
    oldest->idle = false;
    oldest->registered = false;  // its slot goes to the new connection
    victim = oldest->Lock();
  }
  if (victim) victim->Evict();
  return true;
}

bool SessionContext::EvictOldestIdle() {
  std::shared_ptr<SessionSlot> victim;
  {
    std::lock_guard lock(mu);
    if (idle_sessions.empty()) return false;
    SessionSlot* oldest = idle_sessions.front();
    idle_sessions.pop_front();
    oldest->idle = false;
    victim = oldest->Lock();
  }
  if (victim) victim->Evict();
  return true;
}

void SessionContext::StopAll() {
  std::vector<std::shared_ptr<SessionSlot>> victims;
  {
    std::lock_guard lock(mu);
    stopping = true;
    for (SessionSlot* slot : live_sessions) {
      if (auto locked = slot->Lock()) victims.push_back(std::move(locked));
    }
  }
  for (auto& victim : victims) victim->Evict();
}

void SessionContext::Register(SessionSlot* slot) {
  std::lock_guard lock(mu);
  slot->registered = true;
  slot->live_position = live_sessions.insert(live_sessions.end(), slot);
}

void SessionContext::MarkIdle(SessionSlot* slot) {
  std::lock_guard lock(mu);
  if (!slot->registered || slot->idle) return;  // an evicted session is not idle again
  slot->idle_position = idle_sessions.insert(idle_sessions.end(), slot);
  slot->idle = true;
}

void SessionContext::MarkBusy(SessionSlot* slot) {
  std::lock_guard lock(mu);
  if (!slot->idle) return;
  idle_sessions.erase(slot->idle_position);
  slot->idle = false;
}

void SessionContext::Unregister(SessionSlot* slot) {
  std::lock_guard lock(mu);
  if (slot->idle) idle_sessions.erase(slot->idle_position);
  slot->idle = false;
  if (slot->registered) --open;
  slot->registered = false;
  live_sessions.erase(slot->live_position);
}

void StartPlainSession(tcp::socket socket, std::shared_ptr<SessionContext> context) {
  std::string remote = RemoteAddress(socket);
  std::make_shared<Session<PlainStream>>(std::move(context), std::move(remote), std::move(socket))
      ->Run();
}

void StartTlsSession(tcp::socket socket, ssl::context& tls,
                     std::shared_ptr<SessionContext> context) {
  std::string remote = RemoteAddress(socket);
  std::make_shared<Session<TlsStream>>(std::move(context), std::move(remote), std::move(socket),
                                       tls)
      ->Run();
}

}  // namespace aic::http_server
