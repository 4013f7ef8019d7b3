// QueryClient::CallAsync over real loopback HTTP: many calls in flight on one event-loop thread,
// retries of throttled calls on timers with counted attempts, errors returned at once.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <future>
#include <latch>
#include <string>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/runtime.h"
#include "iam/query_client.h"
#include "support/rendezvous.h"
#include "support/stub_http_server.h"

namespace aic {
namespace {

namespace net = boost::asio;
using testing::Rendezvous;
using testing::StubHttpServer;
using testing::StubRequest;
using testing::StubXmlResponse;

constexpr char kUserXml[] =
    "<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User>"
    "<Path>/</Path><UserName>u</UserName><UserId>AIDAU</UserId>"
    "<Arn>arn:aws:iam::123456789012:user/u</Arn><CreateDate>2024-01-02T03:04:05Z</CreateDate>"
    "</User></GetUserResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
    "</GetUserResponse>";

std::string ErrorXml(const std::string& type, const std::string& code) {
  return "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>" + type +
         "</Type><Code>" + code + "</Code><Message>m</Message></Error>" +
         "<RequestId>e</RequestId></ErrorResponse>";
}

std::shared_ptr<QueryClient> MakeQuery(Runtime& runtime, const std::string& url,
                                       int max_connections) {
  TransportOptions transport_options;
  transport_options.max_connections = max_connections;
  auto transport = MakeCurlTransport(transport_options, &runtime);
  EXPECT_TRUE(transport.ok()) << transport.status().ToString();
  Credentials creds;
  creds.access_key_id = "AKIDSTUBTEST";
  creds.secret_access_key = SecretString("StubSecretKeyNeverLogged");
  QueryClientOptions options;
  options.endpoint = url;
  options.retry.max_retries = 3;
  options.retry.base_delay = std::chrono::milliseconds(1);
  options.retry.max_delay = std::chrono::milliseconds(5);
  return std::make_shared<QueryClient>(options,
                                       std::shared_ptr<HttpTransport>(std::move(transport).value()),
                                       MakeStaticCredentialsProvider(std::move(creds)));
}

// Runs `n` CallAsync(action) coroutines on the runtime and returns how many succeeded.
int CallMany(Runtime& runtime, QueryClient& query, const std::string& action, int n,
             std::vector<Status>* failures = nullptr) {
  std::atomic<int> ok{0};
  std::mutex mu;
  std::latch done(n);
  for (int i = 0; i < n; ++i) {
    net::co_spawn(
        runtime.executor(),
        [&]() -> net::awaitable<void> {
          QueryParams params;  // (GCC 12 cannot brace-initialise it inside co_await)
          params.emplace_back(std::string("UserName"), std::string("u"));
          auto r = co_await query.CallAsync(action, std::move(params));
          if (r.ok()) {
            ++ok;
          } else if (failures != nullptr) {
            std::lock_guard lock(mu);
            failures->push_back(r.status());
          }
          done.count_down();
        },
        net::detached);
  }
  done.wait();
  return ok.load();
}

TEST(QueryClientAsyncTest, OneLoopThreadCarriesManyCallsAtOnce) {
  constexpr int kCalls = 32;
  Rendezvous rendezvous(kCalls);
  StubHttpServer stub([&](const StubRequest&) {
    return rendezvous.Wait() ? StubXmlResponse(200, kUserXml)
                             : StubXmlResponse(400, ErrorXml("Sender", "Alone"));
  });
  Runtime runtime(1);
  auto query = MakeQuery(runtime, stub.url(), kCalls);
  EXPECT_EQ(CallMany(runtime, *query, "GetUser", kCalls), kCalls);
  EXPECT_EQ(query->CallStats("GetUser").calls, kCalls);
  EXPECT_EQ(query->CallStats("GetUser").attempts, kCalls);
}

TEST(QueryClientAsyncTest, ThrottledCallsAreRetriedOnTimersAndCounted) {
  std::atomic<int> seen{0};
  StubHttpServer stub([&](const StubRequest&) {
    // The first two tries of each call are throttled (calls run one at a time here).
    return (seen++ % 3 < 2) ? StubXmlResponse(400, ErrorXml("Sender", "Throttling"))
                            : StubXmlResponse(200, kUserXml);
  });
  Runtime runtime(1);
  auto query = MakeQuery(runtime, stub.url(), 1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(CallMany(runtime, *query, "GetUser", 1), 1);
  EXPECT_EQ(query->CallStats("GetUser").calls, 3);
  EXPECT_EQ(query->CallStats("GetUser").attempts, 9);
  EXPECT_EQ(stub.request_count(), 9);
}

TEST(QueryClientAsyncTest, RetriesRunOutAndOtherErrorsReturnAtOnce) {
  StubHttpServer stub([&](const StubRequest& r) {
    return r.body.find("Action=GetUser") != std::string::npos
               ? StubXmlResponse(400, ErrorXml("Sender", "Throttling"))
               : StubXmlResponse(404, ErrorXml("Sender", "NoSuchEntity"));
  });
  Runtime runtime(1);
  auto query = MakeQuery(runtime, stub.url(), 2);
  std::vector<Status> failures;
  EXPECT_EQ(CallMany(runtime, *query, "GetUser", 1, &failures), 0);
  EXPECT_EQ(CallMany(runtime, *query, "GetLoginProfile", 1, &failures), 0);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].code(), ErrorCode::kRetryable) << failures[0].ToString();
  EXPECT_FALSE(failures[0].maybe_applied());  // throttled tries were refused, not applied
  EXPECT_EQ(failures[1].code(), ErrorCode::kUnknownUid) << failures[1].ToString();
  EXPECT_EQ(query->CallStats("GetUser").attempts, 4);  // 1 + max_retries
  EXPECT_EQ(query->CallStats("GetLoginProfile").attempts, 1);
}

}  // namespace
}  // namespace aic
