// The libcurl transport against real loopback servers (the stub server and raw sockets).
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "aws_iam_connector/http_transport.h"
#include "support/child_process.h"
#include "support/stub_http_server.h"

namespace aic {
namespace {

using aic::testing::StubHttpServer;
using aic::testing::StubRequest;
using aic::testing::StubTextResponse;
using std::chrono::milliseconds;

std::unique_ptr<HttpTransport> MakeTransport(TransportOptions options = {}) {
  auto t = MakeCurlTransport(options);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(t).value() : nullptr;
}

HttpRequest Post(const std::string& url, std::string body) {
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"});
  r.body = std::move(body);
  return r;
}

HttpResponse Echo(const StubRequest& r) {
  auto res = StubTextResponse(200, r.method + " " + r.target + " " + r.body);
  res.headers.push_back({"X-Amzn-RequestId", "req-" + std::to_string(r.connection_id)});
  return res;
}

TEST(CurlTransportTest, SequentialRequestsReuseOneConnection) {
  StubHttpServer stub(Echo);
  auto t = MakeTransport();
  for (int i = 0; i < 20; ++i) {
    auto r = t->Send(Post(stub.url(), "Action=GetUser&n=" + std::to_string(i)));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "POST / Action=GetUser&n=" + std::to_string(i));
    EXPECT_EQ(r->Header("x-amzn-requestid"), "req-1");
  }
  EXPECT_EQ(stub.request_count(), 20);
  EXPECT_EQ(stub.connection_count(), 1);
  auto reqs = stub.requests();
  EXPECT_EQ(reqs[0].Header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
}

TEST(CurlTransportTest, MaxConnectionsBoundsConcurrentConnections) {
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};
  StubHttpServer stub([&](const StubRequest& r) {
    int now = ++in_flight;
    int seen = max_in_flight.load();
    while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(milliseconds(50));
    --in_flight;
    return Echo(r);
  });
  TransportOptions options;
  options.max_connections = 2;
  auto t = MakeTransport(options);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 4;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < kPerThread; ++j) {
        std::string body = std::to_string(i) + "-" + std::to_string(j);
        auto r = t->Send(Post(stub.url(), body));
        if (r.ok() && r->status == 200 && r->body == "POST / " + body) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), kThreads * kPerThread);
  EXPECT_EQ(stub.request_count(), kThreads * kPerThread);
  EXPECT_LE(stub.max_concurrent_connections(), 2);
  EXPECT_LE(stub.connection_count(), 2);  // the two connections were kept and reused
  EXPECT_LE(max_in_flight.load(), 2);
  EXPECT_EQ(max_in_flight.load(), 2);  // and the pool really used both
}

TEST(CurlTransportTest, SlowServerTimesOut) {
  StubHttpServer stub([](const StubRequest& r) {
    std::this_thread::sleep_for(milliseconds(1500));
    return Echo(r);
  });
  TransportOptions options;
  options.request_timeout = milliseconds(200);
  auto t = MakeTransport(options);
  auto r = t->Send(Post(stub.url(), "Action=Slow"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kTimeout) << r.status().ToString();
  EXPECT_TRUE(r.status().maybe_applied());  // the request was sent: the server may act on it
  EXPECT_EQ(stub.request_count(), 1);
}

TEST(CurlTransportTest, RefusedConnectionIsConnectionFailed) {
  int port = aic::testing::PickFreePort();
  ASSERT_GT(port, 0);
  auto t = MakeTransport();
  auto r = t->Send(Post("http://127.0.0.1:" + std::to_string(port) + "/", "Action=GetUser"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
  EXPECT_NE(r.status().message().find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(r.status().message().find("Action=GetUser"), std::string::npos);  // no body
  EXPECT_FALSE(r.status().maybe_applied());                                   // nothing was sent
}

// The server reads the whole request, then hangs up without a word (its answer is lost).
TEST(CurlTransportTest, ConnectionDroppedAfterTheRequestMayHaveBeenApplied) {
  namespace asio = boost::asio;
  using tcp = asio::ip::tcp;
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const int port = acceptor.local_endpoint().port();
  std::thread server([&] {
    tcp::socket s(ioc);
    boost::system::error_code ec;
    acceptor.accept(s, ec);
    if (ec) return;
    asio::streambuf buf;
    asio::read_until(s, buf, "Action=CreateUser", ec);
    s.close(ec);
  });
  auto t = MakeTransport();
  auto r = t->Send(Post("http://127.0.0.1:" + std::to_string(port) + "/", "Action=CreateUser"));
  server.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
  EXPECT_TRUE(r.status().maybe_applied());
}

TEST(CurlTransportTest, ResponseOverLimitWithContentLengthFails) {
  StubHttpServer stub(
      [](const StubRequest&) { return StubTextResponse(200, std::string(3 << 20, 'x')); });
  TransportOptions options;
  options.max_response_bytes = 1 << 20;
  auto t = MakeTransport(options);
  auto r = t->Send(Post(stub.url(), ""));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal);
  EXPECT_NE(r.status().message().find("exceeds"), std::string::npos) << r.status().ToString();
  // A response at the limit is fine.
  StubHttpServer exact(
      [](const StubRequest&) { return StubTextResponse(200, std::string(1 << 20, 'y')); });
  auto ok = t->Send(Post(exact.url(), ""));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->body.size(), std::size_t{1} << 20);
}

// A raw server that streams an endless body without Content-Length (read until close), to
// prove the transport stops reading at the limit instead of buffering everything.
TEST(CurlTransportTest, StreamedResponseIsCutAtTheLimit) {
  namespace asio = boost::asio;
  using tcp = asio::ip::tcp;
  constexpr std::size_t kStreamBytes = 256u << 20;  // what the server would send if allowed
  constexpr std::size_t kLimit = 1u << 20;
  asio::io_context ioc;
  tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const int port = acceptor.local_endpoint().port();
  std::atomic<std::size_t> sent{0};
  std::thread server([&] {
    tcp::socket s(ioc);
    boost::system::error_code ec;
    acceptor.accept(s, ec);
    if (ec) return;
    asio::streambuf buf;
    asio::read_until(s, buf, "\r\n\r\n", ec);
    std::string head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
    asio::write(s, asio::buffer(head), ec);
    std::string chunk(64 * 1024, 'z');
    while (!ec && sent < kStreamBytes) {
      sent += asio::write(s, asio::buffer(chunk), ec);
    }
  });
  TransportOptions options;
  options.max_response_bytes = kLimit;
  auto t = MakeTransport(options);
  auto r = t->Send(Post("http://127.0.0.1:" + std::to_string(port) + "/", ""));
  server.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInternal) << r.status().ToString();
  // The client hung up early: the server managed only the limit plus socket buffers.
  EXPECT_LT(sent.load(), kStreamBytes / 4);
}

TEST(CurlTransportTest, MethodsHeadersAndStatusesPassThrough) {
  StubHttpServer stub([](const StubRequest& r) {
    if (r.target == "/fail")
      return StubTextResponse(503, "<Error><Code>ServiceUnavailable</Code></Error>");
    auto res = Echo(r);
    res.headers.push_back({"X-Multi", "a"});
    res.headers.push_back({"X-Multi", "b"});
    return res;
  });
  auto t = MakeTransport();
  HttpRequest get;
  get.method = "GET";
  get.url = stub.url() + "path?x=1";
  get.headers.push_back({"X-Amz-Date", "20150830T123600Z"});
  get.headers.push_back({"X-Empty", ""});
  auto r = t->Send(get);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "GET /path?x=1 ");
  int multi = 0;
  for (const auto& h : r->headers) multi += EqualsIgnoreCase(h.name, "X-Multi");
  EXPECT_EQ(multi, 2);

  HttpRequest put = Post(stub.url() + "p", "data");
  put.method = "PUT";
  ASSERT_TRUE(t->Send(put).ok());
  HttpRequest del;
  del.method = "DELETE";
  del.url = stub.url() + "d";
  ASSERT_TRUE(t->Send(del).ok());

  auto fail = t->Send(Post(stub.url() + "fail", ""));
  ASSERT_TRUE(fail.ok());  // an HTTP error status is a response, not a transport error
  EXPECT_EQ(fail->status, 503);

  auto reqs = stub.requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_EQ(reqs[0].Header("X-Amz-Date"), "20150830T123600Z");
  bool has_empty = false;
  for (const auto& h : reqs[0].headers) has_empty |= EqualsIgnoreCase(h.name, "X-Empty");
  EXPECT_TRUE(has_empty);
  EXPECT_EQ(reqs[1].method, "PUT");
  EXPECT_EQ(reqs[1].body, "data");
  EXPECT_EQ(reqs[2].method, "DELETE");
  EXPECT_EQ(stub.connection_count(), 1);
}

TEST(CurlTransportTest, LargeBodyIsSentWithoutExpectContinue) {
  StubHttpServer stub(Echo);
  auto t = MakeTransport();
  std::string body(2 << 20, 'b');  // curl would add "Expect: 100-continue" above 1 MiB
  auto r = t->Send(Post(stub.url(), body));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto reqs = stub.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_TRUE(reqs[0].Header("Expect").empty());
  EXPECT_EQ(reqs[0].body.size(), body.size());
}

TEST(CurlTransportTest, ServerClosingTheConnectionIsHandled) {
  StubHttpServer stub([](const StubRequest& r) {
    auto res = Echo(r);
    res.headers.push_back({"Connection", "close"});
    return res;
  });
  auto t = MakeTransport();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(t->Send(Post(stub.url(), "x")).ok());
  EXPECT_EQ(stub.connection_count(), 3);
}

TEST(CurlTransportTest, BadRequestsAreInvalidInput) {
  auto t = MakeTransport();
  for (const char* url : {"", "not a url", "ftp://127.0.0.1/", "file:///etc/passwd", "http://",
                          "https://exa mple.com/"}) {
    auto r = t->Send(Post(url, ""));
    ASSERT_FALSE(r.ok()) << url;
    EXPECT_EQ(r.status().code(), ErrorCode::kInvalidInput) << url << ": " << r.status().ToString();
  }
  StubHttpServer stub(Echo);
  HttpRequest injected = Post(stub.url(), "");
  injected.headers.push_back({"X-Evil", "a\r\nX-Injected: 1"});
  EXPECT_EQ(t->Send(injected).status().code(), ErrorCode::kInvalidInput);
  HttpRequest bad_method = Post(stub.url(), "");
  bad_method.method = "GET /x HTTP/1.1\r\n";
  EXPECT_EQ(t->Send(bad_method).status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(stub.request_count(), 0);
}

TEST(CurlTransportTest, OptionsAreValidated) {
  TransportOptions zero;
  zero.max_connections = 0;
  EXPECT_EQ(MakeCurlTransport(zero).status().code(), ErrorCode::kConfiguration);
  TransportOptions creds_without_proxy;
  creds_without_proxy.proxy_username = "u";
  EXPECT_EQ(MakeCurlTransport(creds_without_proxy).status().code(), ErrorCode::kConfiguration);
  TransportOptions bad_port;
  bad_port.proxy_host = "127.0.0.1";
  bad_port.proxy_port = 70000;
  EXPECT_EQ(MakeCurlTransport(bad_port).status().code(), ErrorCode::kConfiguration);
  TransportOptions negative;
  negative.request_timeout = milliseconds(-1);
  EXPECT_EQ(MakeCurlTransport(negative).status().code(), ErrorCode::kConfiguration);
}

TEST(CurlTransportTest, EnvironmentProxyIsIgnoredWithoutProxyHost) {
  // A proxy variable pointing at a dead port must not divert the request.
  int dead = aic::testing::PickFreePort();
  std::string proxy = "http://127.0.0.1:" + std::to_string(dead);
  ::setenv("http_proxy", proxy.c_str(), 1);
  ::setenv("HTTP_PROXY", proxy.c_str(), 1);
  StubHttpServer stub(Echo);
  auto t = MakeTransport();
  auto r = t->Send(Post(stub.url(), "x"));
  ::unsetenv("http_proxy");
  ::unsetenv("HTTP_PROXY");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(stub.request_count(), 1);
}

}  // namespace
}  // namespace aic
