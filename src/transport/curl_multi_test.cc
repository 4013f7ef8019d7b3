// The asynchronous side of the libcurl transport: many requests in flight on one event-loop
// thread, the FIFO bound of max_connections, and the blocking Send refused on a loop thread.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <future>
#include <latch>

#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/runtime.h"
#include "support/rendezvous.h"
#include "support/stub_http_server.h"

namespace aic {
namespace {

namespace net = boost::asio;
using aic::testing::Rendezvous;
using aic::testing::StubHttpServer;
using aic::testing::StubRequest;
using aic::testing::StubTextResponse;
using std::chrono::seconds;

HttpRequest Post(const std::string& url, std::string body) {
  HttpRequest r;
  r.url = url;
  r.body = std::move(body);
  return r;
}

TEST(CurlMultiTest, OneLoopThreadHasManyRequestsInFlight) {
  constexpr int kRequests = 48;
  Rendezvous rendezvous(kRequests);
  StubHttpServer stub([&](const StubRequest&) { return rendezvous.Meet(); });
  Runtime runtime(1);
  TransportOptions options;
  options.max_connections = kRequests;
  auto transport = MakeCurlTransport(options, &runtime);
  ASSERT_TRUE(transport.ok()) << transport.status().ToString();
  HttpTransport& t = **transport;
  std::atomic<int> met{0};
  std::latch done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    net::co_spawn(
        runtime.executor(),
        [&, i]() -> net::awaitable<void> {
          auto r = co_await t.AsyncSend(Post(stub.url(), std::to_string(i)), net::use_awaitable);
          if (r.ok() && r->status == 200 && r->body == "met") ++met;
          done.count_down();
        },
        net::detached);
  }
  done.wait();
  EXPECT_EQ(met.load(), kRequests);
  EXPECT_EQ(rendezvous.max_present(), kRequests);
}

TEST(CurlMultiTest, RequestsBeyondMaxConnectionsWaitTheirTurn) {
  constexpr int kRequests = 40;
  std::atomic<int> in_flight{0};
  std::atomic<int> max_in_flight{0};
  StubHttpServer stub([&](const StubRequest& r) {
    int now = ++in_flight;
    int seen = max_in_flight.load();
    while (now > seen && !max_in_flight.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    --in_flight;
    return StubTextResponse(200, r.body);
  });
  Runtime runtime(2);
  TransportOptions options;
  options.max_connections = 3;
  auto transport = MakeCurlTransport(options, &runtime);
  ASSERT_TRUE(transport.ok());
  std::atomic<int> ok{0};
  std::latch done(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    (*transport)->AsyncSend(Post(stub.url(), std::to_string(i)), [&, i](Result<HttpResponse> r) {
      if (r.ok() && r->body == std::to_string(i)) ++ok;
      done.count_down();
    });
  }
  done.wait();
  EXPECT_EQ(ok.load(), kRequests);
  EXPECT_LE(max_in_flight.load(), 3);
  EXPECT_LE(stub.connection_count(), 3);  // kept alive and reused
}

TEST(CurlMultiTest, BlockingSendOnALoopThreadIsRefused) {
  StubHttpServer stub([](const StubRequest&) { return StubTextResponse(200, "x"); });
  Runtime runtime(1);
  auto transport = MakeCurlTransport({}, &runtime);
  ASSERT_TRUE(transport.ok());
  std::promise<Status> refused;
  net::post(runtime.executor(),
            [&] { refused.set_value((*transport)->Send(Post(stub.url(), "x")).status()); });
  Status s = refused.get_future().get();
  EXPECT_EQ(s.code(), ErrorCode::kInternal) << s.ToString();
  // From another thread it works.
  EXPECT_TRUE((*transport)->Send(Post(stub.url(), "x")).ok());
}

TEST(CurlMultiTest, DestroyingTheTransportFinishesRequestsInFlight) {
  constexpr int kRequests = 8;
  StubHttpServer stub([](const StubRequest& r) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return StubTextResponse(200, r.body);
  });
  Runtime runtime(1);
  std::atomic<int> ok{0};
  std::latch done(kRequests);
  {
    TransportOptions options;
    options.max_connections = 2;
    auto transport = MakeCurlTransport(options, &runtime);
    ASSERT_TRUE(transport.ok());
    for (int i = 0; i < kRequests; ++i) {
      (*transport)->AsyncSend(Post(stub.url(), "b"), [&](Result<HttpResponse> r) {
        if (r.ok() && r->body == "b") ++ok;
        done.count_down();
      });
    }
  }  // the transport is gone; its requests are not
  done.wait();
  EXPECT_EQ(ok.load(), kRequests);
}

// A kept-alive connection is paused between transfers (curl's CURL_POLL_REMOVE cancels its
// waits) and watched again by the next transfer. The cancelled wait used to complete after the
// new one was asked for, and the socket was then never watched: the transfer hung until its
// request timeout. Here every transfer reuses a connection, so a lost wait fails the test.
TEST(CurlMultiTest, ReusedConnectionsAreAlwaysWatchedAgain) {
  constexpr int kClients = 8;
  constexpr int kRequestsEach = 400;
  StubHttpServer stub([](const StubRequest& r) { return StubTextResponse(200, r.body); });
  Runtime runtime(4);
  TransportOptions options;
  options.max_connections = 4;
  options.request_timeout = std::chrono::milliseconds(5000);  // far beyond a local reply
  auto transport = MakeCurlTransport(options, &runtime);
  ASSERT_TRUE(transport.ok());
  HttpTransport& t = **transport;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  std::latch done(kClients);
  for (int c = 0; c < kClients; ++c) {
    net::co_spawn(
        net::make_strand(runtime.executor()),
        [&, c]() -> net::awaitable<void> {
          for (int i = 0; i < kRequestsEach; ++i) {
            const std::string body = std::to_string(c) + "/" + std::to_string(i);
            auto r = co_await t.AsyncSend(Post(stub.url(), body), net::use_awaitable);
            (r.ok() && r->body == body ? ok : failed)++;
          }
          done.count_down();
        },
        net::detached);
  }
  done.wait();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), kClients * kRequestsEach);
}

TEST(CurlMultiTest, InvalidRequestCompletesAsynchronously) {
  Runtime runtime(1);
  auto transport = MakeCurlTransport({}, &runtime);
  ASSERT_TRUE(transport.ok());
  std::promise<std::pair<Status, std::thread::id>> result;
  (*transport)->AsyncSend(Post("ftp://example/", "x"), [&](Result<HttpResponse> r) {
    result.set_value({r.status(), std::this_thread::get_id()});
  });
  auto [status, thread] = result.get_future().get();
  EXPECT_EQ(status.code(), ErrorCode::kInvalidInput);
  EXPECT_NE(thread, std::this_thread::get_id());  // on the loop, not inside AsyncSend
}

}  // namespace
}  // namespace aic
