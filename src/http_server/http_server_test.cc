#include "http_server/http_server.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace aic::http_server {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = boost::asio::ip::tcp;

// Guards against a hung test: a socket read gives up after this long.
constexpr int kClientTimeoutSeconds = 10;

ServerResponse Echo(const ServerRequest& r) {
  ServerResponse out;
  out.headers.push_back({"Content-Type", "text/plain"});
  out.headers.push_back({"X-Method", r.method});
  out.headers.push_back({"X-Path", std::string(r.Path())});
  out.headers.push_back({"X-Query", std::string(r.Query())});
  out.headers.push_back({"X-Test", std::string(r.Header("x-test"))});
  out.headers.push_back({"X-Remote", r.remote_address});
  out.body = r.body;
  return out;
}

template <class Handler>  // RequestHandler or AsyncRequestHandler
std::unique_ptr<HttpServer> StartOrDie(HttpServerOptions options, Handler handler) {
  auto server = HttpServer::Start(std::move(options), std::move(handler));
  if (!server.ok()) throw std::runtime_error(server.status().ToString());
  return std::move(server).value();
}

void SetReadTimeout(tcp::socket& socket) {
  timeval tv{kClientTimeoutSeconds, 0};
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

tcp::socket Connect(net::io_context& ioc, int port) {
  tcp::socket socket(ioc);
  socket.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
  SetReadTimeout(socket);
  return socket;
}

// Writes raw bytes (then half-closes when `half_close`) and reads everything until the server
// closes the connection.
std::string RawExchange(int port, const std::string& bytes, bool half_close = false) {
  net::io_context ioc;
  auto socket = Connect(ioc, port);
  net::write(socket, net::buffer(bytes));
  if (half_close) socket.shutdown(tcp::socket::shutdown_send);
  std::string out;
  char buf[4096];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = socket.read_some(net::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  return out;
}

http::response<http::string_body> Send(tcp::socket& socket, beast::flat_buffer& buffer,
                                       http::request<http::string_body> request) {
  request.prepare_payload();
  http::write(socket, request);
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  return response;
}

http::request<http::string_body> Post(std::string target, std::string body) {
  http::request<http::string_body> r{http::verb::post, target, 11};
  r.set(http::field::host, "127.0.0.1");
  r.set("X-Test", "yes");
  r.body() = std::move(body);
  return r;
}

TEST(HttpServerTest, AnswersGetAndPostWithHeadersBodyAndRemoteAddress) {
  auto server = StartOrDie({}, Echo);
  ASSERT_GT(server->port(), 0);
  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  beast::flat_buffer buffer;
  auto response = Send(socket, buffer, Post("/a/b?x=1&y=2", "hello body"));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "hello body");
  EXPECT_EQ(response["X-Method"], "POST");
  EXPECT_EQ(response["X-Path"], "/a/b");
  EXPECT_EQ(response["X-Query"], "x=1&y=2");
  EXPECT_EQ(response["X-Test"], "yes");
  EXPECT_TRUE(response["X-Remote"].starts_with("127.0.0.1:"));
  EXPECT_EQ(response[http::field::content_length], "10");

  http::request<http::string_body> get{http::verb::get, "/", 11};
  get.set(http::field::host, "127.0.0.1");
  response = Send(socket, buffer, get);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response["X-Method"], "GET");
  EXPECT_EQ(response.body(), "");
}

TEST(HttpServerTest, KeepAliveServesManyRequestsOnOneConnection) {
  std::mutex mu;
  std::set<std::string> remotes;
  int calls = 0;
  auto server = StartOrDie({}, [&](const ServerRequest& r) {
    std::lock_guard lock(mu);
    remotes.insert(r.remote_address);
    ++calls;
    return Echo(r);
  });
  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  beast::flat_buffer buffer;
  for (int i = 0; i < 5; ++i) {
    auto response = Send(socket, buffer, Post("/", "n" + std::to_string(i)));
    ASSERT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "n" + std::to_string(i));
    EXPECT_TRUE(response.keep_alive());
  }
  std::lock_guard lock(mu);
  EXPECT_EQ(calls, 5);
  EXPECT_EQ(remotes.size(), 1u);  // one connection served all five
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  auto server = StartOrDie({}, Echo);
  std::string two =
      "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
      "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\ntwo";
  std::string out = RawExchange(server->port(), two);
  auto first = out.find("\r\n\r\none");
  auto second = out.find("\r\n\r\ntwo");
  ASSERT_NE(first, std::string::npos) << out;
  ASSERT_NE(second, std::string::npos) << out;
  EXPECT_LT(first, second);
}

TEST(HttpServerTest, ConnectionCloseIsHonoured) {
  auto server = StartOrDie({}, Echo);
  std::string out =
      RawExchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 OK\r\n")) << out;
  EXPECT_NE(out.find("Connection: close"), std::string::npos) << out;
}

TEST(HttpServerTest, OversizedBodyGets413AndNeverReachesTheHandler) {
  std::atomic<int> calls{0};
  HttpServerOptions options;
  options.max_body_bytes = 100;
  auto server = StartOrDie(options, [&](const ServerRequest& r) {
    ++calls;
    return Echo(r);
  });
  std::string body(1000, 'x');
  std::string out = RawExchange(
      server->port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + body);
  EXPECT_TRUE(out.starts_with("HTTP/1.1 413 ")) << out;
  // Chunked bodies are bounded too.
  std::string chunk(150, 'y');
  out = RawExchange(server->port(),
                    "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n96\r\n" +
                        chunk + "\r\n0\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 413 ")) << out;
  EXPECT_EQ(calls.load(), 0);
  // A body at the limit is fine.
  out =
      RawExchange(server->port(),
                  "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 100\r\n\r\n" +
                      std::string(100, 'z'));
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 ")) << out;
  EXPECT_EQ(calls.load(), 1);
}

TEST(HttpServerTest, OversizedHeadersGet431) {
  HttpServerOptions options;
  options.max_header_bytes = 1024;
  auto server = StartOrDie(options, Echo);
  std::string out = RawExchange(
      server->port(), "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(4000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 431 ")) << out;
}

TEST(HttpServerTest, MalformedRequestsGet400AndTheServerGoesOn) {
  auto server = StartOrDie({}, Echo);
  const std::vector<std::string> bad = {
      "GARBAGE\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
      "GET / HTTP/1.1\r\nBad Header Name: x\r\n\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      std::string("GET /\0 HTTP/1.1\r\n\r\n", 20),
  };
  for (const auto& b : bad) {
    std::string out = RawExchange(server->port(), b);
    EXPECT_TRUE(out.starts_with("HTTP/1.1 400 ")) << "input: " << b << "\noutput: " << out;
  }
  // A client that sends half a request and leaves gets nothing, and nothing breaks.
  EXPECT_EQ(RawExchange(server->port(), "GET / HT", /*half_close=*/true), "");
  std::string out =
      RawExchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 ")) << out;
}

TEST(HttpServerTest, HandlerExceptionGives500WithoutDetails) {
  auto server = StartOrDie({}, [](const ServerRequest& r) -> ServerResponse {
    if (r.Path() == "/throw") throw std::runtime_error("secret-detail-xyz");
    if (r.Path() == "/bad-status") return {42, {}, "x"};
    if (r.Path() == "/inject") return {200, {{"X-A", "1\r\nX-Injected: yes"}}, "ok"};
    return Echo(r);
  });
  std::string out =
      RawExchange(server->port(), "GET /throw HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 500 ")) << out;
  EXPECT_EQ(out.find("secret-detail-xyz"), std::string::npos) << out;
  out = RawExchange(server->port(),
                    "GET /bad-status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 500 ")) << out;
  out = RawExchange(server->port(), "GET /inject HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 ")) << out;
  EXPECT_EQ(out.find("X-Injected"), std::string::npos) << out;
}

TEST(HttpServerTest, ExpectContinueIsAnswered) {
  auto server = StartOrDie({}, Echo);
  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  net::write(socket,
             net::buffer(std::string("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                     "Connection: close\r\nContent-Length: 5\r\n\r\n")));
  std::string interim(25, '\0');
  net::read(socket, net::buffer(interim));
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
  net::write(socket, net::buffer(std::string("abcde")));
  std::string out;
  char buf[1024];
  for (;;) {
    boost::system::error_code ec;
    std::size_t n = socket.read_some(net::buffer(buf), ec);
    out.append(buf, n);
    if (ec) break;
  }
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 ")) << out;
  EXPECT_TRUE(out.ends_with("abcde")) << out;
}

TEST(HttpServerTest, ServesConcurrentClientsOnSeveralThreads) {
  std::mutex mu;
  std::set<std::thread::id> handler_threads;
  HttpServerOptions options;
  options.threads = 4;
  auto server = StartOrDie(options, [&](const ServerRequest& r) {
    {
      std::lock_guard lock(mu);
      handler_threads.insert(std::this_thread::get_id());
    }
    return Echo(r);
  });
  constexpr int kClients = 8;
  constexpr int kRequests = 25;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      net::io_context ioc;
      auto socket = Connect(ioc, server->port());
      beast::flat_buffer buffer;
      for (int i = 0; i < kRequests; ++i) {
        std::string body = std::to_string(c) + "-" + std::to_string(i);
        auto response = Send(socket, buffer, Post("/", body));
        if (response.result_int() == 200 && response.body() == body) ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
  std::lock_guard lock(mu);
  EXPECT_GE(handler_threads.size(), 1u);
  EXPECT_LE(handler_threads.size(), 4u);
}

TEST(HttpServerTest, IdleConnectionsAreClosed) {
  HttpServerOptions options;
  options.header_timeout = std::chrono::seconds(1);
  options.idle_timeout = std::chrono::seconds(1);
  auto server = StartOrDie(options, Echo);
  // Sends nothing: the server hangs up (the client's own read timeout is much longer).
  EXPECT_EQ(RawExchange(server->port(), ""), "");
  // A kept-alive connection waiting for its next request is closed after idle_timeout.
  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  beast::flat_buffer buffer;
  ASSERT_EQ(Send(socket, buffer, Post("/", "a")).result_int(), 200);
  char c;
  boost::system::error_code ec;
  socket.read_some(net::buffer(&c, 1), ec);
  EXPECT_EQ(ec, net::error::eof);
}

TEST(HttpServerTest, BeyondTheLimitIdleConnectionsAreEvictedElseNewOnesClosed) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  HttpServerOptions options;
  options.max_connections = 1;
  auto server = StartOrDie(options, [&](const ServerRequest& r) {
    if (r.Path() == "/block") {
      entered.set_value();
      released.wait();
    }
    return Echo(r);
  });
  net::io_context ioc;
  auto first = Connect(ioc, server->port());
  http::request<http::string_body> block{http::verb::get, "/block", 11};
  block.set(http::field::host, "x");
  http::write(first, block);
  entered.get_future().wait();
  // The only connection is busy in the handler: a new one is closed at once.
  EXPECT_EQ(RawExchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "");
  release.set_value();
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(first, buffer, response);
  ASSERT_EQ(response.result_int(), 200);
  // Now `first` waits idle for its next request: a new connection evicts it and is served.
  std::string out;
  for (int attempt = 0; attempt < 100 && out.empty(); ++attempt) {
    out = RawExchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    if (out.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 ")) << out;
  char c;
  boost::system::error_code ec;
  first.read_some(net::buffer(&c, 1), ec);
  EXPECT_TRUE(ec);  // evicted
}

// The attack of issue 10: many idle connections (and some sending a header byte by byte) fill
// the connection cap; a real client must still be answered. The server evicts the longest-idle
// connections to admit new ones (before: connections beyond the cap were closed at once).
TEST(HttpServerTest, IdleAndSlowConnectionsDoNotLockOutARealClient) {
  RaiseFileDescriptorLimit();  // the test holds both ends of every connection
  HttpServerOptions options;
  options.max_connections = 100;
  auto server = StartOrDie(options, Echo);
  net::io_context ioc;
  std::vector<tcp::socket> slow;
  for (int i = 0; i < 5; ++i) {
    slow.push_back(Connect(ioc, server->port()));
    net::write(slow.back(), net::buffer(std::string("GET / HT")));
  }
  std::vector<tcp::socket> idle;
  for (int i = 0; i < 1000; ++i) idle.push_back(Connect(ioc, server->port()));
  for (auto& s : slow) net::write(s, net::buffer(std::string("T")));

  auto client = Connect(ioc, server->port());
  beast::flat_buffer buffer;
  auto response = Send(client, buffer, Post("/real", "served"));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "served");
}

// A slow-loris client that keeps sending header bytes is cut at header_timeout, however long
// the keep-alive idle timeout is.
TEST(HttpServerTest, SlowHeaderIsCutAtTheHeaderTimeout) {
  HttpServerOptions options;
  options.header_timeout = std::chrono::seconds(1);
  options.idle_timeout = std::chrono::seconds(300);
  options.body_timeout = std::chrono::seconds(300);
  auto server = StartOrDie(options, Echo);
  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  const std::string header = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(1000, 'a');
  bool closed = false;
  for (std::size_t i = 0; i < header.size() && !closed; ++i) {  // at most ~20 s
    boost::system::error_code ec;
    net::write(socket, net::buffer(header.data() + i, 1), ec);
    pollfd pfd{socket.native_handle(), POLLIN, 0};
    if (ec || (::poll(&pfd, 1, 20) > 0)) closed = true;  // readable = EOF (no answer is sent)
  }
  EXPECT_TRUE(closed);
}

// Header-stage authorisation: a refused request is answered at once, without 100 Continue and
// without waiting for a body that never comes; its body never reaches the handler.
TEST(HttpServerTest, AuthorizerRefusesBeforeTheBodyIsRead) {
  std::atomic<int> calls{0};
  std::atomic<int> checked_body_bytes{0};
  HttpServerOptions options;
  options.max_body_bytes = 1024 * 1024;
  options.authorize =
      [&](ServerRequest r) -> boost::asio::awaitable<std::optional<ServerResponse>> {
    checked_body_bytes += static_cast<int>(r.body.size());
    if (r.Header("X-Key") == "k") co_return std::nullopt;
    co_return ServerResponse{401, {{"Content-Type", "text/plain"}}, "no\n"};
  };
  auto server = StartOrDie(options, [&](const ServerRequest& r) {
    ++calls;
    return Echo(r);
  });
  // The body (1 MB announced) is never sent; the client's read timeout (10 s) is far below the
  // body timeout (60 s), so only an answer before the body passes.
  std::string out = RawExchange(server->port(),
                                "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                "Content-Length: 1048576\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 401 ")) << out;
  EXPECT_EQ(out.find("100 Continue"), std::string::npos) << out;
  out =
      RawExchange(server->port(), "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n" +
                                      std::string(1000, 'x'));
  EXPECT_TRUE(out.starts_with("HTTP/1.1 401 ")) << out;
  EXPECT_EQ(calls.load(), 0);
  out = RawExchange(server->port(),
                    "POST / HTTP/1.1\r\nHost: x\r\nX-Key: k\r\nConnection: close\r\n"
                    "Content-Length: 4\r\n\r\nbody");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 200 ")) << out;
  EXPECT_TRUE(out.ends_with("body")) << out;
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(checked_body_bytes.load(), 0);
}

TEST(HttpServerTest, StartRejectsBadOptions) {
  HttpServerOptions options;
  options.threads = 0;
  EXPECT_EQ(HttpServer::Start(options, Echo).status().code(), ErrorCode::kConfiguration);
  options = {};
  options.header_timeout = std::chrono::seconds(0);
  EXPECT_EQ(HttpServer::Start(options, Echo).status().code(), ErrorCode::kConfiguration);
  options = {};
  options.host = "no-such-host.invalid";
  EXPECT_EQ(HttpServer::Start(options, Echo).status().code(), ErrorCode::kConfiguration);
  options = {};
  options.tls_cert_file = "/nonexistent/cert.pem";
  EXPECT_EQ(HttpServer::Start(options, Echo).status().code(), ErrorCode::kConfiguration);
  options.tls_key_file = "/nonexistent/key.pem";
  auto bad_tls = HttpServer::Start(options, Echo);
  EXPECT_EQ(bad_tls.status().code(), ErrorCode::kConfiguration);
  EXPECT_NE(bad_tls.status().message().find("/nonexistent/cert.pem"), std::string::npos);
  EXPECT_EQ(HttpServer::Start({}, RequestHandler()).status().code(), ErrorCode::kConfiguration);
  EXPECT_EQ(HttpServer::Start({}, AsyncRequestHandler()).status().code(),
            ErrorCode::kConfiguration);
}

TEST(HttpServerTest, PortInUseIsAConfigurationError) {
  auto first = StartOrDie({}, Echo);
  HttpServerOptions options;
  options.port = first->port();
  auto second = HttpServer::Start(options, Echo);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), ErrorCode::kConfiguration);
}

TEST(HttpServerTest, StopClosesListenerAndConnections) {
  auto server = StartOrDie({}, Echo);
  int port = server->port();
  net::io_context ioc;
  auto socket = Connect(ioc, port);
  server->Stop();
  char c;
  boost::system::error_code ec;
  socket.read_some(net::buffer(&c, 1), ec);
  EXPECT_TRUE(ec);  // the open connection was closed
  tcp::socket again(ioc);
  again.connect({net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
  EXPECT_TRUE(ec);  // nobody listens any more
  server->Stop();   // idempotent
}

// ---- Coroutine handlers (AsyncRequestHandler).

// Waits `delay` on a timer of the request's executor (the worker thread is free meanwhile).
net::awaitable<void> Wait(std::chrono::milliseconds delay) {
  net::steady_timer timer(co_await net::this_coro::executor, delay);
  co_await timer.async_wait(net::use_awaitable);
}

// One worker thread, 100 connections, each request delayed 200 ms by a timer: blocking the thread
// would take 20 s; waiting on timers takes about 0.2 s. The bound only proves nobody blocks.
TEST(HttpServerAsyncTest, HandlersWaitingOnTimersDoNotHoldTheThread) {
  HttpServerOptions options;
  options.threads = 1;
  auto server = StartOrDie(options, [](ServerRequest r) -> net::awaitable<ServerResponse> {
    co_await Wait(std::chrono::milliseconds(200));
    co_return Echo(r);
  });
  constexpr int kClients = 100;
  std::atomic<int> ok{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      net::io_context ioc;
      auto socket = Connect(ioc, server->port());
      beast::flat_buffer buffer;
      auto response = Send(socket, buffer, Post("/", "client-" + std::to_string(c)));
      if (response.result_int() == 200 && response.body() == "client-" + std::to_string(c)) ++ok;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), kClients);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

// A coroutine that throws, before or after suspending, or a handler that throws instead of
// making its coroutine: a generic 500, and the kept-alive connection goes on.
TEST(HttpServerAsyncTest, ThrowingHandlersGive500WithoutDetails) {
  auto server = StartOrDie({}, [](ServerRequest r) -> net::awaitable<ServerResponse> {
    if (r.Path() == "/throw-now") throw std::runtime_error("secret-detail-xyz");
    co_await Wait(std::chrono::milliseconds(1));
    if (r.Path() == "/throw-later") throw std::runtime_error("secret-detail-xyz");
    co_return Echo(r);
  });
  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  beast::flat_buffer buffer;
  for (const char* path : {"/throw-now", "/throw-later"}) {
    auto response = Send(socket, buffer, Post(path, "x"));
    EXPECT_EQ(response.result_int(), 500) << path;
    EXPECT_EQ(response.body().find("secret-detail-xyz"), std::string::npos) << path;
  }
  auto response = Send(socket, buffer, Post("/ok", "still here"));
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "still here");

  auto eager =
      StartOrDie({}, AsyncRequestHandler([](ServerRequest) -> net::awaitable<ServerResponse> {
                   throw std::runtime_error("secret-detail-xyz");
                 }));
  std::string out =
      RawExchange(eager->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_TRUE(out.starts_with("HTTP/1.1 500 ")) << out;
  EXPECT_EQ(out.find("secret-detail-xyz"), std::string::npos) << out;
}

// A connection whose handler is suspended is busy: at the connection cap a new connection is
// closed at once rather than evicting it.
TEST(HttpServerAsyncTest, ASuspendedHandlerKeepsItsConnectionBusy) {
  std::promise<std::shared_ptr<net::steady_timer>> gate_made;
  HttpServerOptions options;
  options.max_connections = 1;
  auto server = StartOrDie(options, [&](ServerRequest r) -> net::awaitable<ServerResponse> {
    if (r.Path() == "/block") {
      auto gate = std::make_shared<net::steady_timer>(co_await net::this_coro::executor,
                                                      net::steady_timer::time_point::max());
      gate_made.set_value(gate);
      boost::system::error_code ec;  // operation_aborted: the test opened the gate
      co_await gate->async_wait(net::redirect_error(net::use_awaitable, ec));
    }
    co_return Echo(r);
  });
  net::io_context ioc;
  auto first = Connect(ioc, server->port());
  http::request<http::string_body> block{http::verb::get, "/block", 11};
  block.set(http::field::host, "x");
  http::write(first, block);
  auto gate = gate_made.get_future().get();
  EXPECT_EQ(RawExchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "");
  net::post(gate->get_executor(), [gate] { gate->cancel(); });
  gate.reset();  // the timer must not outlive the server's io_context
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(first, buffer, response);
  EXPECT_EQ(response.result_int(), 200);
}

// Stop() while 20 handlers wait on an hour-long timer: it returns at once, every connection is
// closed and every coroutine frame is destroyed (the `held` copies are released; under ASan no
// frame leaks and nothing is used after the io_context is gone).
TEST(HttpServerAsyncTest, StopDestroysSuspendedHandlers) {
  constexpr int kSuspended = 20;
  auto token = std::make_shared<int>(0);
  std::atomic<int> entered{0};
  std::promise<void> all_entered;
  HttpServerOptions options;
  options.threads = 1;
  auto server = StartOrDie(options, [&](ServerRequest) -> net::awaitable<ServerResponse> {
    std::shared_ptr<int> held = token;
    if (++entered == kSuspended) all_entered.set_value();
    co_await Wait(std::chrono::hours(1));
    co_return ServerResponse{200, {}, "never"};
  });
  net::io_context ioc;
  std::vector<tcp::socket> sockets;
  for (int i = 0; i < kSuspended; ++i) {
    sockets.push_back(Connect(ioc, server->port()));
    http::write(sockets.back(), Post("/", "wait"));
  }
  all_entered.get_future().wait();
  EXPECT_EQ(token.use_count(), 1 + kSuspended);
  const auto start = std::chrono::steady_clock::now();
  server->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(token.use_count(), 1);
  for (auto& socket : sockets) {
    char c;
    boost::system::error_code ec;
    socket.read_some(net::buffer(&c, 1), ec);
    EXPECT_TRUE(ec);  // closed without an answer
  }
}

int ThreadsOfThisProcess() {
  return static_cast<int>(std::distance(std::filesystem::directory_iterator("/proc/self/task"),
                                        std::filesystem::directory_iterator()));
}

// On an outside event loop the server starts no thread, serves on that loop, and Stop() closes
// the connections and waits for a running handler to return instead of destroying it; the
// loop goes on serving its other work.
TEST(HttpServerAsyncTest, OnAnOutsideLoopStopWaitsForRunningHandlers) {
  net::io_context loop(1);
  auto guard = net::make_work_guard(loop);
  std::thread loop_thread([&loop] { loop.run(); });
  auto token = std::make_shared<int>(0);
  std::atomic<bool> finished{false};
  std::promise<void> entered;
  HttpServerOptions options;
  options.io_context = &loop;
  const int threads_before = ThreadsOfThisProcess();
  auto server = StartOrDie(options, [&](ServerRequest r) -> net::awaitable<ServerResponse> {
    EXPECT_TRUE(loop.get_executor().running_in_this_thread());
    if (r.Path() == "/slow") {
      std::shared_ptr<int> held = token;
      entered.set_value();
      co_await Wait(std::chrono::milliseconds(300));
      finished = true;
    }
    co_return Echo(r);
  });
  EXPECT_EQ(ThreadsOfThisProcess(), threads_before);

  net::io_context ioc;
  auto socket = Connect(ioc, server->port());
  beast::flat_buffer buffer;
  for (int i = 0; i < 3; ++i) {
    auto response = Send(socket, buffer, Post("/", "on the loop " + std::to_string(i)));
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "on the loop " + std::to_string(i));
  }
  auto slow = Connect(ioc, server->port());
  http::write(slow, Post("/slow", "x"));
  entered.get_future().wait();
  server->Stop();
  EXPECT_TRUE(finished.load());     // Stop() waited for the handler
  EXPECT_EQ(token.use_count(), 1);  // and its frame is gone
  char c;
  boost::system::error_code ec;
  slow.read_some(net::buffer(&c, 1), ec);
  EXPECT_TRUE(ec);  // closed without an answer
  socket.read_some(net::buffer(&c, 1), ec);
  EXPECT_TRUE(ec);  // the idle connection was closed too

  std::promise<void> ran;
  net::post(loop, [&ran] { ran.set_value(); });
  ran.get_future().wait();  // the loop still runs
  guard.reset();
  loop_thread.join();
}

// A self-signed certificate and key for 127.0.0.1, written as PEM files in a temp folder.
class TlsFiles {
 public:
  TlsFiles() {
    dir_ = std::filesystem::temp_directory_path() /
           ("aic_http_tls_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    FILE* f = std::fopen(cert_path().c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
    f = std::fopen(key_path().c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  ~TlsFiles() { std::filesystem::remove_all(dir_); }
  std::string cert_path() const { return (dir_ / "cert.pem").string(); }
  std::string key_path() const { return (dir_ / "key.pem").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

TEST(HttpServerTest, ServesHttpsWhenCertificateAndKeyAreSet) {
  TlsFiles files;
  HttpServerOptions options;
  options.tls_cert_file = files.cert_path();
  options.tls_key_file = files.key_path();
  auto server = StartOrDie(options, Echo);
  EXPECT_TRUE(server->tls());

  net::io_context ioc;
  ssl::context client_tls(ssl::context::tls_client);
  client_tls.load_verify_file(files.cert_path());
  client_tls.set_verify_mode(ssl::verify_peer);
  beast::ssl_stream<tcp::socket> stream(ioc, client_tls);
  stream.next_layer().connect(
      {net::ip::make_address("127.0.0.1"), static_cast<unsigned short>(server->port())});
  SetReadTimeout(stream.next_layer());
  stream.handshake(ssl::stream_base::client);
  beast::flat_buffer buffer;
  for (int i = 0; i < 2; ++i) {  // keep-alive over TLS too
    auto request = Post("/tls", "secure" + std::to_string(i));
    request.prepare_payload();
    http::write(stream, request);
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "secure" + std::to_string(i));
  }

  // Plain HTTP against the TLS port gets no HTTP answer.
  std::string out =
      RawExchange(server->port(), "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_FALSE(out.starts_with("HTTP/1.1 200")) << out;
}

}  // namespace
}  // namespace aic::http_server
