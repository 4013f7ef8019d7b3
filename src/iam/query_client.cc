#include "iam/query_client.h"

#include <spdlog/spdlog.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <functional>

#include "aws_iam_connector/sigv4.h"
#include "common/blocking_pool.h"

namespace aic {

QueryClient::QueryClient(QueryClientOptions options, std::shared_ptr<HttpTransport> transport,
                         std::shared_ptr<CredentialsProvider> credentials)
    : options_(std::move(options)),
      transport_(std::move(transport)),
      credentials_(std::move(credentials)) {
  if (options_.requests_per_second > 0) {
    rate_limiter_ = std::make_unique<RateLimiter>(options_.requests_per_second);
  }
}

void QueryClient::CountAttempt(std::string_view action, bool first) {
  std::lock_guard<std::mutex> lock(stats_mu_);
  auto it = stats_.find(action);
  if (it == stats_.end()) it = stats_.emplace(std::string(action), QueryCallStats{}).first;
  if (first) ++it->second.calls;
  ++it->second.attempts;
}

QueryCallStats QueryClient::CallStats(std::string_view action) const {
  std::lock_guard<std::mutex> lock(stats_mu_);
  auto it = stats_.find(action);
  return it == stats_.end() ? QueryCallStats{} : it->second;
}

std::map<std::string, QueryCallStats> QueryClient::AllCallStats() const {
  std::lock_guard<std::mutex> lock(stats_mu_);
  return {stats_.begin(), stats_.end()};
}

void QueryClient::ResetCallStats() {
  std::lock_guard<std::mutex> lock(stats_mu_);
  stats_.clear();
}

Result<HttpRequest> QueryClient::BuildRequest(std::string_view action, const std::string& body,
                                              const Result<Credentials>& creds) const {
  if (!transport_) return Status(ErrorCode::kConfiguration, "QueryClient has no transport");
  if (!creds.ok()) return creds.status().WithContext(action);

  HttpRequest request;
  request.method = "POST";
  request.url = options_.endpoint;
  request.body = body;
  request.SetHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  Status signed_ok = sigv4::SignRequest(request, creds.value(), options_.region, options_.service,
                                        std::chrono::system_clock::now());
  if (!signed_ok.ok()) {
    WipeString(request.body);
    return signed_ok.WithContext(action);
  }
  return request;
}

Result<Credentials> QueryClient::CurrentCredentials() const {
  if (!credentials_) return Status(ErrorCode::kConfiguration, "QueryClient has no credentials");
  return credentials_->Get();
}

Result<QueryResponse> QueryClient::ReadResponse(std::string_view action,
                                                const Result<HttpResponse>& response) const {
  if (!response.ok()) return response.status().WithContext(action);
  const HttpResponse& http = response.value();
  if (http.status < 200 || http.status >= 300) {
    Status error =
        NameRefusedAction(options_.service, ParseQueryError(action, http.status, http.body));
    spdlog::debug("{} failed: HTTP {} {}", action, http.status, error.ToString());
    return error;
  }
  return ParseQueryResponse(action, http.status, http.body);
}

Result<QueryResponse> QueryClient::CallOnce(std::string_view action, const std::string& body) {
  // Fresh credentials for every attempt: a temporary key may have been refreshed meanwhile.
  Result<HttpRequest> request = BuildRequest(action, body, CurrentCredentials());
  if (!request.ok()) return request.status();
  Result<HttpResponse> response = transport_->Send(request.value());
  WipeString(request.value().body);  // may carry a password
  return ReadResponse(action, response);
}

Result<QueryResponse> QueryClient::Call(std::string_view action, const QueryParams& params) {
  std::string body = FormEncodeQuery(action, options_.version, params);
  bool first = true;
  std::function<Result<QueryResponse>()> attempt = [&]() -> Result<QueryResponse> {
    CountAttempt(action, first);
    first = false;
    return CallOnce(action, body);
  };
  Result<QueryResponse> result =
      CallWithRetries<QueryResponse>(options_.retry, rate_limiter_.get(), attempt);
  WipeString(body);  // may carry a password (CreateLoginProfile, UpdateLoginProfile)
  if (!result.ok()) {
    spdlog::debug("{}: {}", action, result.status().ToString());
  }
  return result;
}

boost::asio::awaitable<Result<QueryResponse>> QueryClient::CallAsync(std::string action,
                                                                     QueryParams params) {
  namespace net = boost::asio;
  std::string body = FormEncodeQuery(action, options_.version, params);
  WipeParams(params);
  net::steady_timer timer(co_await net::this_coro::executor);
  RetryState retries(options_.retry);
  for (;;) {
    if (rate_limiter_) {
      timer.expires_after(rate_limiter_->Reserve());
      co_await timer.async_wait(net::use_awaitable);
    }
    CountAttempt(action, retries.tries() == 0);
    Result<QueryResponse> result = Status(ErrorCode::kInternal, "not sent");
    Result<Credentials> creds = Status(ErrorCode::kConfiguration, "QueryClient has no credentials");
    if (credentials_) {
      std::optional<Result<Credentials>> now = credentials_->TryGetNow();
      if (now) {
        creds = std::move(*now);
      } else {  // an AssumeRole refresh: it blocks, so it runs off the event loop
        std::shared_ptr<CredentialsProvider> provider = credentials_;
        creds = co_await BlockingPool::Shared().Run([&provider] { return provider->Get(); });
      }
    }
    Result<HttpRequest> request = BuildRequest(action, body, creds);
    if (request.ok()) {
      Result<HttpResponse> response =
          co_await transport_->AsyncSend(std::move(request).value(), net::use_awaitable);
      result = ReadResponse(action, response);
    } else {
      result = request.status();
    }
    if (result.ok()) {
      WipeString(body);
      co_return result;
    }
    if (std::optional<Status> last = retries.Failed(result.status())) {
      WipeString(body);
      spdlog::debug("{}: {}", action, last->ToString());
      co_return *last;
    }
    timer.expires_after(retries.NextDelay());
    co_await timer.async_wait(net::use_awaitable);
  }
}

}  // namespace aic
