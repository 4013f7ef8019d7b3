#include "http_server/http_server.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <cerrno>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>
#include <utility>

#include "http_server/http_session.h"

namespace aic::http_server {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

namespace {
// After an accept error (e.g. out of file descriptors) the listener waits this long.
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};
// The soft descriptor limit tried when the hard limit is unlimited (Linux's usual nr_open).
constexpr rlim_t kInfiniteFileLimitFallback = 1024 * 1024;

// A plain handler as a coroutine that never suspends; it owns what it uses.
net::awaitable<ServerResponse> CallPlainHandler(std::shared_ptr<const RequestHandler> handler,
                                                ServerRequest request) {
  co_return (*handler)(request);
}
}  // namespace

std::string_view ServerRequest::Header(std::string_view name) const {
  for (const auto& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return {};
}

std::string_view ServerRequest::Path() const {
  std::string_view t = target;
  return t.substr(0, t.find('?'));
}

std::string_view ServerRequest::Query() const {
  std::string_view t = target;
  auto q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

struct HttpServer::Impl {
  Impl(int threads, net::io_context* outside)
      : on_outside_loop(outside != nullptr),
        own_ioc(outside != nullptr ? nullptr : std::make_unique<net::io_context>(threads)),
        ioc(outside != nullptr ? outside : own_ioc.get()),
        acceptor(std::make_unique<tcp::acceptor>(net::make_strand(*ioc))),
        retry_timer(std::make_unique<net::steady_timer>(acceptor->get_executor())) {}

  // Each handler holds the session context, so Stop() on an outside loop can wait for the
  // last one (see StopOnOutsideLoop).
  void Accept() {
    acceptor->async_accept(
        net::make_strand(*ioc),
        [this, hold = context](boost::system::error_code ec, tcp::socket socket) {
          if (ec == net::error::operation_aborted || !acceptor->is_open()) return;
          if (ec) {
            spdlog::warn("http server: accept failed: {}", ec.message());
            // Out of descriptors: make room by closing the longest-idle
            // connection.
            if (ec == net::error::no_descriptors || ec.value() == ENFILE) {
              context->EvictOldestIdle();
            }
            retry_timer->expires_after(kAcceptRetryDelay);
            retry_timer->async_wait([this, hold](boost::system::error_code wait_ec) {
              if (!wait_ec && acceptor->is_open()) Accept();
            });
            return;
          }
          boost::system::error_code ignored;
          if (!context->Admit()) {
            socket.close(ignored);
            Accept();
            return;
          }
          // A response is written whole; Nagle would only hold its last segment back.
          socket.set_option(tcp::no_delay(true), ignored);
          if (tls_context) {
            StartTlsSession(std::move(socket), *tls_context, context);
          } else {
            StartPlainSession(std::move(socket), context);
          }
          Accept();
        });
  }

  // Own loop: Stop() destroys the acceptor and the timer, then the io_context and with it every
  // session (closing its socket), before the TLS context and the shared session context go.
  // Outside loop: Stop() closes the acceptor and every session and waits until the session
  // context is destroyed (`context_gone`), i.e. no handler or session is left.
  std::unique_ptr<ssl::context> tls_context;
  std::shared_ptr<SessionContext> context;
  std::future<void> context_gone;
  const bool on_outside_loop;
  std::unique_ptr<net::io_context> own_ioc;  // null on an outside loop, and once stopped
  net::io_context* ioc;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<net::steady_timer> retry_timer;
  std::vector<std::thread> workers;
  int port = 0;
  std::once_flag stopped;
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() { Stop(); }

int HttpServer::port() const { return impl_->port; }

bool HttpServer::tls() const { return impl_->tls_context != nullptr; }

std::size_t HttpServer::max_connections() const { return impl_->context->max_connections; }

std::size_t RaiseFileDescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return kReservedFileDescriptors * 2;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0 && limit.rlim_max == RLIM_INFINITY) {
      raised.rlim_cur = kInfiniteFileLimitFallback;
      if (raised.rlim_cur > limit.rlim_cur) setrlimit(RLIMIT_NOFILE, &raised);
    }
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  if (limit.rlim_cur == RLIM_INFINITY) return kInfiniteFileLimitFallback;
  return static_cast<std::size_t>(limit.rlim_cur);
}

void HttpServer::Stop() {
  if (impl_->on_outside_loop) {
    if (impl_->ioc->get_executor().running_in_this_thread()) {
      spdlog::critical("http server: Stop() called from a thread of its event loop");
      std::abort();
    }
    std::call_once(impl_->stopped, [this] { StopOnOutsideLoop(); });
    return;
  }
  std::call_once(impl_->stopped, [this] {
    impl_->ioc->stop();
    for (auto& t : impl_->workers) {
      if (t.joinable()) t.join();
    }
    boost::system::error_code ignored;
    impl_->acceptor->close(ignored);
    impl_->retry_timer.reset();
    impl_->acceptor.reset();
    // Destroys every pending session, closing its connection, and every suspended handler
    // coroutine (never resumed).
    impl_->own_ioc.reset();
  });
}

void HttpServer::StopOnOutsideLoop() {
  Impl& impl = *impl_;
  // Close the listener on its strand (an accept handler may be running there).
  std::promise<void> closed;
  net::post(impl.acceptor->get_executor(), [&impl, &closed] {
    boost::system::error_code ignored;
    impl.acceptor->close(ignored);
    impl.retry_timer->cancel();
    closed.set_value();
  });
  closed.get_future().wait();
  impl.context->StopAll();
  impl.context.reset();
  impl.context_gone.wait();  // every session and handler has ended
  impl.retry_timer.reset();
  impl.acceptor.reset();
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options,
                                                      RequestHandler handler) {
  if (!handler) return Status(ErrorCode::kConfiguration, "http server: no request handler");
  auto shared = std::make_shared<const RequestHandler>(std::move(handler));
  return Start(std::move(options), [shared](ServerRequest request) {
    return CallPlainHandler(shared, std::move(request));
  });
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(HttpServerOptions options,
                                                      AsyncRequestHandler handler) {
  if (!handler) return Status(ErrorCode::kConfiguration, "http server: no request handler");
  if (options.threads < 1 || options.threads > kMaxThreads) {
    return Status(ErrorCode::kConfiguration,
                  "http server: threads must be between 1 and " + std::to_string(kMaxThreads));
  }
  if (options.port < 0 || options.port > 65535) {
    return Status(ErrorCode::kConfiguration, "http server: port must be between 0 and 65535");
  }
  if (options.max_body_bytes == 0 || options.max_header_bytes == 0 ||
      options.max_connections == 0 || options.idle_timeout.count() <= 0 ||
      options.header_timeout.count() <= 0 || options.body_timeout.count() <= 0) {
    return Status(ErrorCode::kConfiguration, "http server: limits must be positive");
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return Status(ErrorCode::kConfiguration,
                  "http server: TLS needs both a certificate file and a key file");
  }

  auto impl = std::make_unique<Impl>(options.threads, options.io_context);
  auto gone = std::make_shared<std::promise<void>>();
  impl->context_gone = gone->get_future();
  impl->context = std::shared_ptr<SessionContext>(new SessionContext, [gone](SessionContext* c) {
    delete c;
    gone->set_value();
  });
  impl->context->handler = std::move(handler);
  impl->context->max_body_bytes = options.max_body_bytes;
  impl->context->max_header_bytes = options.max_header_bytes;
  impl->context->authorize = std::move(options.authorize);
  impl->context->header_timeout = options.header_timeout;
  impl->context->idle_timeout = options.idle_timeout;
  impl->context->body_timeout = options.body_timeout;
  std::size_t fd_limit = RaiseFileDescriptorLimit();
  std::size_t fd_cap =
      fd_limit > 2 * kReservedFileDescriptors ? fd_limit - kReservedFileDescriptors : fd_limit / 2;
  impl->context->max_connections =
      std::max<std::size_t>(1, std::min(options.max_connections, fd_cap));

  if (!options.tls_cert_file.empty()) {
    auto tls = std::make_unique<ssl::context>(ssl::context::tls_server);
    tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                     ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                     ssl::context::single_dh_use);
    boost::system::error_code ec;
    tls->use_certificate_chain_file(options.tls_cert_file, ec);
    if (ec) {
      return Status(ErrorCode::kConfiguration, "http server: cannot load TLS certificate " +
                                                   options.tls_cert_file + ": " + ec.message());
    }
    tls->use_private_key_file(options.tls_key_file, ssl::context::pem, ec);
    if (ec) {
      return Status(ErrorCode::kConfiguration, "http server: cannot load TLS key " +
                                                   options.tls_key_file + ": " + ec.message());
    }
    impl->tls_context = std::move(tls);
  }

  const std::string where = options.host + ":" + std::to_string(options.port);
  boost::system::error_code ec;
  tcp::resolver resolver(*impl->ioc);
  auto results = resolver.resolve(options.host, std::to_string(options.port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Status(ErrorCode::kConfiguration,
                  "http server: cannot resolve host " + options.host + ": " + ec.message());
  }
  tcp::endpoint endpoint = results.begin()->endpoint();
  impl->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor->bind(endpoint, ec);
  if (!ec) impl->acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    return Status(ErrorCode::kConfiguration,
                  "http server: cannot listen on " + where + ": " + ec.message());
  }
  impl->port = impl->acceptor->local_endpoint().port();

  Impl* raw = impl.get();
  net::post(raw->acceptor->get_executor(), [raw] { raw->Accept(); });
  if (raw->own_ioc) {
    raw->workers.reserve(options.threads);
    for (int i = 0; i < options.threads; ++i) {
      raw->workers.emplace_back([raw] { raw->ioc->run(); });
    }
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

}  // namespace aic::http_server
