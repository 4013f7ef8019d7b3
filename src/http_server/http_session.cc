#include "http_server/http_session.h"

#include <spdlog/spdlog.h>

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
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... StreamArgs>
  Session(std::shared_ptr<SessionContext> context, std::string remote, StreamArgs&&... args)
      : stream_(std::forward<StreamArgs>(args)...),
        context_(std::move(context)),
        remote_(std::move(remote)) {}

  ~Session() { context_->open_connections.fetch_sub(1, std::memory_order_relaxed); }

  void Run() {
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kIsTls<Stream>) {
        self->Tcp().expires_after(kHandshakeTimeout);
        self->stream_.async_handshake(ssl::stream_base::server, [self](beast::error_code ec) {
          ec ? self->Close(false) : self->ReadHeader();
        });
      } else {
        self->ReadHeader();
      }
    });
  }

 private:
  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }

  void ReadHeader() {
    parser_.emplace();
    parser_->body_limit(context_->max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(context_->max_header_bytes));
    Tcp().expires_after(context_->idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              self->OnHeader(ec);
                            });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& header = parser_->get();
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
    Tcp().expires_after(context_->idle_timeout);
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

  void OnRequest() {
    http::request<http::string_body> request = parser_->release();
    parser_.reset();
    ServerRequest in;
    in.method = std::string(request.method_string());
    in.target = std::string(request.target());
    in.headers.reserve(8);
    for (const auto& field : request) {
      in.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    in.body = std::move(request.body());
    in.remote_address = remote_;

    ServerResponse out;
    try {
      out = context_->handler(in);
    } catch (const std::exception& e) {
      spdlog::error("http handler failed for {} {}: exception", in.method, in.Path());
      out = ServerResponse{500, {{"Content-Type", "text/plain"}}, "internal server error\n"};
    } catch (...) {
      spdlog::error("http handler failed for {} {}: unknown exception", in.method, in.Path());
      out = ServerResponse{500, {{"Content-Type", "text/plain"}}, "internal server error\n"};
    }

    response_ = {};
    response_.version(request.version());
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
    response_.keep_alive(request.keep_alive());
    response_.prepare_payload();
    Write();
  }

  void Write() {
    Tcp().expires_after(kWriteTimeout);
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                        if (ec) return self->Close(false);
                        if (!self->response_.keep_alive()) return self->Close(true);
                        self->ReadHeader();
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
      if (graceful) Tcp().socket().shutdown(tcp::socket::shutdown_send, ec);
      Tcp().socket().close(ec);
    }
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
