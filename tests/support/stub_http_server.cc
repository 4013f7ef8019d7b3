#include "stub_http_server.h"

#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

namespace aic::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// Largest request header block the stub accepts.
constexpr std::uint32_t kStubMaxHeaderBytes = 64 * 1024;

std::string_view FindHeader(const std::vector<HttpHeader>& headers, std::string_view name) {
  for (const auto& h : headers) {
    if (EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return {};
}

struct Connection {
  explicit Connection(asio::io_context& ioc) : socket(ioc) {}
  tcp::socket socket;
  int id = 0;
  std::thread thread;
  std::atomic<bool> done{false};
};

}  // namespace

std::string_view StubRequest::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

class StubHttpServer::Impl {
 public:
  explicit Impl(Handler handler) : handler_(std::move(handler)), acceptor_(ioc_) {
    boost::system::error_code ec;
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("StubHttpServer: cannot listen: " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~Impl() {
    stopping_ = true;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);  // wakes the blocking accept()
    if (accept_thread_.joinable()) accept_thread_.join();
    std::vector<std::shared_ptr<Connection>> conns;
    {
      std::lock_guard lock(mu_);
      conns.swap(connections_);
    }
    for (auto& c : conns) ::shutdown(c->socket.native_handle(), SHUT_RDWR);
    for (auto& c : conns) {
      if (c->thread.joinable()) c->thread.join();
    }
    boost::system::error_code ec;
    acceptor_.close(ec);
  }

  int port() const { return port_; }

  int request_count() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(requests_.size());
  }
  int connection_count() const {
    std::lock_guard lock(mu_);
    return accepted_;
  }
  int max_concurrent_connections() const {
    std::lock_guard lock(mu_);
    return max_open_;
  }
  int open_connections() const {
    std::lock_guard lock(mu_);
    return open_;
  }
  std::vector<StubRequest> requests() const {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void AcceptLoop() {
    while (!stopping_) {
      auto conn = std::make_shared<Connection>(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(conn->socket, ec);
      if (stopping_) break;
      if (ec) {
        if (ec == asio::error::invalid_argument || ec == asio::error::bad_descriptor) break;
        continue;
      }
      ReapFinished();
      {
        std::lock_guard lock(mu_);
        conn->id = ++accepted_;
        ++open_;
        max_open_ = std::max(max_open_, open_);
        connections_.push_back(conn);
      }
      Connection* raw = conn.get();
      conn->thread = std::thread([this, raw] { Serve(*raw); });
    }
  }

  // Joins and drops connections whose thread has finished.
  void ReapFinished() {
    std::vector<std::shared_ptr<Connection>> finished;
    {
      std::lock_guard lock(mu_);
      auto it = std::partition(connections_.begin(), connections_.end(),
                               [](const auto& c) { return !c->done.load(); });
      finished.assign(it, connections_.end());
      connections_.erase(it, connections_.end());
    }
    for (auto& c : finished) {
      if (c->thread.joinable()) c->thread.join();
    }
  }

  void Serve(Connection& conn) {
    beast::flat_buffer buffer;
    boost::system::error_code ec;
    while (!stopping_) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(kStubMaxRequestBodyBytes);
      parser.header_limit(kStubMaxHeaderBytes);
      http::read(conn.socket, buffer, parser, ec);
      if (ec) break;
      const auto& req = parser.get();

      StubRequest sr;
      sr.method = std::string(req.method_string());
      sr.target = std::string(req.target());
      for (const auto& field : req) {
        sr.headers.push_back({std::string(field.name_string()), std::string(field.value())});
      }
      sr.body = req.body();
      sr.connection_id = conn.id;
      {
        std::lock_guard lock(mu_);
        requests_.push_back(sr);
      }

      HttpResponse out;
      try {
        out = handler_(sr);
      } catch (const std::exception& e) {
        out = StubTextResponse(500, std::string("stub handler threw: ") + e.what());
      }

      bool keep_alive = req.keep_alive();
      http::response<http::string_body> res;
      res.version(req.version());
      res.result(static_cast<unsigned>(out.status));
      for (const auto& h : out.headers) {
        if (EqualsIgnoreCase(h.name, "Content-Length") ||
            EqualsIgnoreCase(h.name, "Transfer-Encoding")) {
          continue;
        }
        if (EqualsIgnoreCase(h.name, "Connection")) {
          if (EqualsIgnoreCase(h.value, "close")) keep_alive = false;
          continue;
        }
        res.insert(h.name, h.value);
      }
      res.body() = std::move(out.body);
      res.keep_alive(keep_alive);
      res.prepare_payload();
      http::write(conn.socket, res, ec);
      if (ec || !keep_alive) break;
    }
    // Shut down (FIN to the client) but keep the descriptor until the thread is joined, so the
    // destructor's shutdown() can never hit a reused descriptor.
    conn.socket.shutdown(tcp::socket::shutdown_both, ec);
    {
      std::lock_guard lock(mu_);
      --open_;
    }
    conn.done = true;
  }

  Handler handler_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<Connection>> connections_;
  std::vector<StubRequest> requests_;
  int accepted_ = 0;
  int open_ = 0;
  int max_open_ = 0;
};

StubHttpServer::StubHttpServer(Handler handler)
    : impl_(std::make_unique<Impl>(std::move(handler))) {}
StubHttpServer::~StubHttpServer() = default;

int StubHttpServer::port() const { return impl_->port(); }
std::string StubHttpServer::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port()) + "/";
}
int StubHttpServer::request_count() const { return impl_->request_count(); }
int StubHttpServer::connection_count() const { return impl_->connection_count(); }
int StubHttpServer::max_concurrent_connections() const {
  return impl_->max_concurrent_connections();
}
int StubHttpServer::open_connections() const { return impl_->open_connections(); }
std::vector<StubRequest> StubHttpServer::requests() const { return impl_->requests(); }

HttpResponse StubXmlResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.push_back({"Content-Type", "text/xml"});
  r.body = std::move(body);
  return r;
}

HttpResponse StubTextResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.push_back({"Content-Type", "text/plain"});
  r.body = std::move(body);
  return r;
}

}  // namespace aic::testing
