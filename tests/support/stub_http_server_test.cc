#include "support/stub_http_server.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>

namespace aic::testing {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// A raw Beast client, so the stub is tested independently of the transport under test.
class RawClient {
 public:
  explicit RawClient(int port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  http::response<http::string_body> Post(const std::string& target, const std::string& body,
                                         bool keep_alive = true) {
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set("X-Test", "yes");
    req.body() = body;
    req.keep_alive(keep_alive);
    req.prepare_payload();
    http::write(socket_, req);
    http::response<http::string_body> res;
    http::read(socket_, buffer_, res);
    return res;
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

TEST(StubHttpServerTest, RecordsRequestsAndReusesConnection) {
  StubHttpServer stub([](const StubRequest& r) {
    auto res = StubXmlResponse(200, "<ok>" + r.body + "</ok>");
    res.headers.push_back({"X-Reply", "1"});
    return res;
  });
  EXPECT_EQ(stub.url(), "http://127.0.0.1:" + std::to_string(stub.port()) + "/");
  RawClient client(stub.port());
  for (int i = 0; i < 3; ++i) {
    auto res = client.Post("/a?b=c", "x" + std::to_string(i));
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), "<ok>x" + std::to_string(i) + "</ok>");
    EXPECT_EQ(res["X-Reply"], "1");
    EXPECT_EQ(res[http::field::content_type], "text/xml");
  }
  EXPECT_EQ(stub.request_count(), 3);
  EXPECT_EQ(stub.connection_count(), 1);
  auto reqs = stub.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/a?b=c");
  EXPECT_EQ(reqs[2].body, "x2");
  EXPECT_EQ(reqs[1].Header("x-test"), "yes");
  EXPECT_EQ(reqs[1].connection_id, 1);
}

TEST(StubHttpServerTest, ServesConnectionsConcurrentlyWithSlowHandler) {
  StubHttpServer stub([](const StubRequest&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return StubTextResponse(200, "slow");
  });
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      RawClient c(stub.port());
      if (c.Post("/", "").body() == "slow") ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(stub.connection_count(), 4);
  // A one-thread server would never have two connections open at once.
  EXPECT_GE(stub.max_concurrent_connections(), 2);
}

TEST(StubHttpServerTest, HandlerExceptionBecomes500AndConnectionCloseHonoured) {
  StubHttpServer stub([](const StubRequest& r) -> HttpResponse {
    if (r.body == "boom") throw std::runtime_error("kaput");
    auto res = StubTextResponse(503, "bye");
    res.headers.push_back({"Connection", "close"});
    return res;
  });
  {
    RawClient c(stub.port());
    auto res = c.Post("/", "boom");
    EXPECT_EQ(res.result_int(), 500);
    EXPECT_NE(res.body().find("kaput"), std::string::npos);
    auto res2 = c.Post("/", "other");
    EXPECT_EQ(res2.result_int(), 503);
    EXPECT_FALSE(res2.keep_alive());
  }
  EXPECT_EQ(stub.request_count(), 2);
}

TEST(StubHttpServerTest, DestructorStopsWithIdleConnectionOpen) {
  auto stub = std::make_unique<StubHttpServer>(
      [](const StubRequest&) { return StubTextResponse(200, ""); });
  RawClient c(stub->port());
  c.Post("/", "");
  stub.reset();  // must not hang on the idle keep-alive connection
  SUCCEED();
}

}  // namespace
}  // namespace aic::testing
