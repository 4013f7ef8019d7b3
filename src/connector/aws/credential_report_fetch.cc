// Fetching the credential report (GenerateCredentialReport + GetCredentialReport, polled on a
// timer) and the per-connector cache with one fetch in flight (credential_report.h).
#include <algorithm>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/text_codec.h"
#include "connector/aws/credential_report.h"

namespace aic::aws_internal {
namespace {

namespace net = boost::asio;
using SteadyClock = std::chrono::steady_clock;

// AWS's State of a report being generated, and GetCredentialReport's error codes.
constexpr std::string_view kStateInProgress = "INPROGRESS";
constexpr std::string_view kReportInProgress = "ReportInProgress";
constexpr std::string_view kReportNotPresent = "ReportNotPresent";
constexpr std::string_view kReportExpired = "ReportExpired";

std::string_view AwsCode(const Status& s) {
  return s.aws() ? std::string_view(s.aws()->code) : std::string_view();
}

// The error of `action`; an AccessDenied also says which permissions the usage needs.
Status ReportError(const Status& s, std::string_view action) {
  Status out = s.WithContext(action);
  if (s.code() == ErrorCode::kPermissionDenied) {
    out = out.WithContext(
        "the credential report (usage attributes) needs iam:GenerateCredentialReport and "
        "iam:GetCredentialReport");
  }
  return out;
}

// The waits between polls of one fetch.
struct Poll {
  SteadyClock::time_point deadline;
  std::chrono::milliseconds delay;
  std::chrono::milliseconds max_delay;
  std::chrono::milliseconds max_wait;
};

// Waits the next delay (at most until the deadline) on `timer`; kTimeout once the deadline
// has passed.
Task<Status> WaitForReport(net::steady_timer& timer, Poll& poll) {
  const auto now = SteadyClock::now();
  if (now >= poll.deadline) {
    co_return Status(ErrorCode::kTimeout, "the credential report is still being generated after " +
                                              std::to_string(poll.max_wait.count()) +
                                              " ms (kCredentialReportMaxWait); try again later");
  }
  const auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(poll.deadline - now);
  timer.expires_after(std::min(poll.delay, remaining));
  co_await timer.async_wait(net::use_awaitable);
  poll.delay = std::min(poll.delay * 2, poll.max_delay);
  co_return Status::Ok();
}

}  // namespace

Task<Result<ParsedCredentialReport>> FetchCredentialReport(
    IamClient& iam, const CredentialReportFetchOptions& options) {
  net::steady_timer timer(co_await net::this_coro::executor);
  Poll poll{SteadyClock::now() + options.max_wait,
            std::max(options.first_poll_delay, std::chrono::milliseconds(1)),
            options.max_poll_delay, options.max_wait};
  bool generate = true;
  bool regenerated = false;
  for (;;) {
    if (generate) {
      auto state = co_await iam.GenerateCredentialReport();
      if (!state.ok()) co_return ReportError(state.status(), "GenerateCredentialReport");
      if (state->state == kStateInProgress) {
        AIC_CO_RETURN_IF_ERROR(co_await WaitForReport(timer, poll));
        continue;
      }
      generate = false;  // STARTED or COMPLETE (or a state unknown to us: Get tells)
    }
    auto got = co_await iam.GetCredentialReport();
    if (got.ok()) {
      auto parsed = ParseCredentialReport(got->content, got->generated_time);
      if (!parsed.ok()) co_return parsed.status().WithContext("GetCredentialReport");
      co_return std::move(*parsed);
    }
    const std::string_view code = AwsCode(got.status());
    if (code == kReportInProgress) {
      AIC_CO_RETURN_IF_ERROR(co_await WaitForReport(timer, poll));
      continue;
    }
    if ((code == kReportNotPresent || code == kReportExpired) && !regenerated) {
      regenerated = true;  // expired between our Generate and Get: one more Generate
      generate = true;
      continue;
    }
    co_return ReportError(got.status(), "GetCredentialReport");
  }
}

// ---- Cache -----------------------------------------------------------------------------------

using SharedReport = std::shared_ptr<const ParsedCredentialReport>;

// One fetch in flight: its waiters receive from `done`, which the fetching caller closes once
// `result` is set (a closed channel completes every pending and later receive at once).
struct CredentialReportCache::Fetch {
  explicit Fetch(const net::any_io_executor& executor) : done(executor) {}
  net::experimental::concurrent_channel<void(boost::system::error_code)> done;
  std::optional<Result<SharedReport>> result;  // guarded by the cache's mu_
};

CredentialReportCache::CredentialReportCache(NowFn now, CredentialReportFetchOptions options)
    : now_(std::move(now)), options_(options) {}

CredentialReportCache::~CredentialReportCache() = default;

CredentialReportCache::Clock::time_point CredentialReportCache::Now() const {
  return now_ ? now_() : Clock::now();
}

std::shared_ptr<const ParsedCredentialReport> CredentialReportCache::Fresh() {
  if (report_ && Now() < expires_) return report_;
  return nullptr;
}

Task<Result<SharedReport>> CredentialReportCache::Get(IamClient& iam) {
  const net::any_io_executor executor = co_await net::this_coro::executor;
  std::shared_ptr<Fetch> fetch;
  bool leader = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (SharedReport fresh = Fresh()) co_return fresh;
    if (!in_flight_) {
      in_flight_ = std::make_shared<Fetch>(executor);
      leader = true;
    }
    fetch = in_flight_;
  }
  if (!leader) {
    boost::system::error_code closed;
    co_await fetch->done.async_receive(net::redirect_error(net::use_awaitable, closed));
    std::lock_guard<std::mutex> lock(mu_);
    co_return *fetch->result;
  }

  // Publishes `result` to the waiters, also when this coroutine is destroyed before the fetch
  // ends (its caller went away): the waiters then get an error instead of waiting forever.
  struct Publisher {
    CredentialReportCache* cache;
    std::shared_ptr<Fetch> fetch;
    bool published = false;
    void Publish(const Result<SharedReport>& result) {
      {
        std::lock_guard<std::mutex> lock(cache->mu_);
        if (result.ok()) {
          const Clock::time_point now = cache->Now();
          std::optional<text::TimePoint> generated = text::ParseIso8601((*result)->generated_time);
          cache->report_ = *result;
          cache->expires_ = std::max(generated.value_or(now) + kCredentialReportLifetime,
                                     now + kCredentialReportMinReuse);
        }
        if (cache->in_flight_ == fetch) cache->in_flight_.reset();
        fetch->result = result;
      }
      fetch->done.close();  // outside mu_: a waiter may resume inline
      published = true;
    }
    ~Publisher() {
      if (!published) {
        Publish(Status(ErrorCode::kInternal, "the credential report fetch was abandoned"));
      }
    }
  };
  Publisher publisher{this, fetch, false};
  auto got = co_await FetchCredentialReport(iam, options_);
  Result<SharedReport> result =
      got.ok() ? Result<SharedReport>(
                     std::make_shared<const ParsedCredentialReport>(std::move(got).value()))
               : Result<SharedReport>(got.status());
  publisher.Publish(result);
  co_return result;
}

}  // namespace aic::aws_internal
