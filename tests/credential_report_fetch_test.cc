// FetchCredentialReport and CredentialReportCache (src/connector/aws/credential_report.h) over
// real HTTP against the scripted loopback stub server: polling while AWS generates the report
// (on a timer), one regenerate after ReportExpired, the total wait bound, AccessDenied, and the
// cache's lifetime and single flight, with the exact calls counted.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/task.h"
#include "common/task_group.h"
#include "common/text_codec.h"
#include "connector/aws/credential_report.h"
#include "iam/query_client.h"
#include "support/stub_http_server.h"

namespace aic::aws_internal {
namespace {

using testing::StubHttpServer;
using testing::StubRequest;
using testing::StubXmlResponse;

constexpr char kNs[] = "https://iam.amazonaws.com/doc/2010-05-08/";
constexpr char kReport[] =
    "user,arn,mfa_active,password_last_used\n"
    "<root_account>,arn:aws:iam::123456789012:root,true,N/A\n"
    "alice,arn:aws:iam::123456789012:user/alice,false,2026-01-02T03:04:05+00:00\n";
constexpr char kGenerated[] = "2026-01-05T00:00:00Z";

std::string Action(const StubRequest& r) {
  const std::string key = "Action=";
  auto pos = r.body.find(key);
  if (pos == std::string::npos) return "";
  auto end = r.body.find('&', pos);
  return r.body.substr(pos + key.size(), end == std::string::npos ? end : end - pos - key.size());
}

HttpResponse Generated(const std::string& state) {
  return StubXmlResponse(
      200, std::string("<GenerateCredentialReportResponse xmlns=\"") + kNs +
               "\"><GenerateCredentialReportResult><State>" + state +
               "</State></GenerateCredentialReportResult><ResponseMetadata><RequestId>r1"
               "</RequestId></ResponseMetadata></GenerateCredentialReportResponse>");
}

HttpResponse Report(const std::string& generated = kGenerated) {
  return StubXmlResponse(
      200, std::string("<GetCredentialReportResponse xmlns=\"") + kNs +
               "\"><GetCredentialReportResult><Content>" + text::Base64Encode(kReport) +
               "</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>" + generated +
               "</GeneratedTime></GetCredentialReportResult><ResponseMetadata><RequestId>r2"
               "</RequestId></ResponseMetadata></GetCredentialReportResponse>");
}

HttpResponse Error(int status, const std::string& code, const std::string& message) {
  return StubXmlResponse(status, std::string("<ErrorResponse xmlns=\"") + kNs +
                                     "\"><Error><Type>Sender</Type><Code>" + code +
                                     "</Code><Message>" + message +
                                     "</Message></Error><RequestId>e1</RequestId></ErrorResponse>");
}

// Answers each action from a script (one answer per call, the last one repeated), counting.
class ScriptedIam {
 public:
  using Script = std::map<std::string, std::vector<HttpResponse>>;
  explicit ScriptedIam(Script script)
      : script_(std::move(script)), server_([this](const StubRequest& r) { return Answer(r); }) {
    auto transport = MakeCurlTransport(TransportOptions{});
    EXPECT_TRUE(transport.ok());
    Credentials creds;
    creds.access_key_id = "AKIDSTUBTEST";
    creds.secret_access_key = SecretString("StubSecretKeyNeverLogged");
    QueryClientOptions options;
    options.endpoint = server_.url();
    options.retry.max_retries = 0;
    auto query = std::make_shared<QueryClient>(
        options, std::shared_ptr<HttpTransport>(std::move(transport).value()),
        MakeStaticCredentialsProvider(std::move(creds)));
    iam_ = std::make_unique<IamClient>(query);
  }
  IamClient& iam() { return *iam_; }
  std::map<std::string, int> Counts() {
    std::lock_guard<std::mutex> lock(mu_);
    return counts_;
  }

 private:
  HttpResponse Answer(const StubRequest& r) {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string action = Action(r);
    const int n = counts_[action]++;
    auto it = script_.find(action);
    if (it == script_.end() || it->second.empty()) return Error(400, "InvalidAction", action);
    return it->second[std::min<std::size_t>(n, it->second.size() - 1)];
  }
  Script script_;
  std::mutex mu_;
  std::map<std::string, int> counts_;
  StubHttpServer server_;
  std::unique_ptr<IamClient> iam_;
};

CredentialReportFetchOptions Fast(std::chrono::milliseconds max_wait = std::chrono::seconds(10)) {
  CredentialReportFetchOptions o;
  o.max_wait = max_wait;
  o.first_poll_delay = std::chrono::milliseconds(2);
  o.max_poll_delay = std::chrono::milliseconds(10);
  return o;
}

using Counts = std::map<std::string, int>;

TEST(CredentialReportFetchTest, OneGenerateAndOneGetWhenComplete) {
  ScriptedIam stub(
      {{"GenerateCredentialReport", {Generated("COMPLETE")}}, {"GetCredentialReport", {Report()}}});
  auto got = Wait(FetchCredentialReport(stub.iam(), Fast()));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->generated_time, kGenerated);
  ASSERT_NE(got->Find("alice"), nullptr);
  EXPECT_EQ(got->Find("alice")->password_last_used, "2026-01-02T03:04:05Z");
  EXPECT_TRUE(got->root->mfa_active);
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 1}, {"GetCredentialReport", 1}}));
}

TEST(CredentialReportFetchTest, StartedGoesStraightToGet) {
  ScriptedIam stub(
      {{"GenerateCredentialReport", {Generated("STARTED")}}, {"GetCredentialReport", {Report()}}});
  ASSERT_TRUE(Wait(FetchCredentialReport(stub.iam(), Fast())).ok());
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 1}, {"GetCredentialReport", 1}}));
}

TEST(CredentialReportFetchTest, PollsWhileInProgress) {
  // INPROGRESS twice from Generate, then ReportInProgress once from Get: Generate is asked
  // again while it says INPROGRESS, Get again while it says ReportInProgress.
  ScriptedIam stub(
      {{"GenerateCredentialReport",
        {Generated("INPROGRESS"), Generated("INPROGRESS"), Generated("COMPLETE")}},
       {"GetCredentialReport", {Error(404, "ReportInProgress", "not ready"), Report()}}});
  auto got = Wait(FetchCredentialReport(stub.iam(), Fast()));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 3}, {"GetCredentialReport", 2}}));
}

TEST(CredentialReportFetchTest, ExpiredAfterGenerateRegeneratesOnce) {
  ScriptedIam stub({{"GenerateCredentialReport", {Generated("COMPLETE"), Generated("STARTED")}},
                    {"GetCredentialReport", {Error(410, "ReportExpired", "expired"), Report()}}});
  ASSERT_TRUE(Wait(FetchCredentialReport(stub.iam(), Fast())).ok());
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 2}, {"GetCredentialReport", 2}}));

  ScriptedIam gone({{"GenerateCredentialReport", {Generated("COMPLETE")}},
                    {"GetCredentialReport", {Error(410, "ReportNotPresent", "not present")}}});
  auto got = Wait(FetchCredentialReport(gone.iam(), Fast()));
  ASSERT_FALSE(got.ok());
  ASSERT_TRUE(got.status().aws().has_value());
  EXPECT_EQ(got.status().aws()->code, "ReportNotPresent");
  EXPECT_TRUE(got.status().message().starts_with("GetCredentialReport: "))
      << got.status().message();
  EXPECT_EQ(gone.Counts(), (Counts{{"GenerateCredentialReport", 2}, {"GetCredentialReport", 2}}));
}

TEST(CredentialReportFetchTest, WaitIsBoundedByMaxWait) {
  ScriptedIam stub({{"GenerateCredentialReport", {Generated("INPROGRESS")}}});
  const auto start = std::chrono::steady_clock::now();
  auto got = Wait(FetchCredentialReport(stub.iam(), Fast(std::chrono::milliseconds(150))));
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kTimeout);
  EXPECT_EQ(got.status().message(),
            "the credential report is still being generated after 150 ms "
            "(kCredentialReportMaxWait); try again later");
  EXPECT_GE(took, std::chrono::milliseconds(150));
  EXPECT_LT(took, std::chrono::seconds(5));
  EXPECT_EQ(stub.Counts().count("GetCredentialReport"), 0u);
  EXPECT_GE(stub.Counts()["GenerateCredentialReport"], 2);
}

TEST(CredentialReportFetchTest, AccessDeniedNamesThePermissions) {
  ScriptedIam stub({{"GenerateCredentialReport",
                     {Error(403, "AccessDenied",
                            "User: arn:aws:iam::123456789012:user/r is not authorized to perform: "
                            "iam:GenerateCredentialReport on resource: *")}}});
  auto got = Wait(FetchCredentialReport(stub.iam(), Fast()));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(got.status().message(),
            "the credential report (usage attributes) needs iam:GenerateCredentialReport and "
            "iam:GetCredentialReport: GenerateCredentialReport: User: "
            "arn:aws:iam::123456789012:user/r is not authorized to perform: "
            "iam:GenerateCredentialReport on resource: *");
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 1}}));
}

TEST(CredentialReportFetchTest, MalformedReportIsAnError) {
  ScriptedIam stub({{"GenerateCredentialReport", {Generated("COMPLETE")}},
                    {"GetCredentialReport",
                     {StubXmlResponse(200, std::string("<GetCredentialReportResponse xmlns=\"") +
                                               kNs + "\"><GetCredentialReportResult><Content>" +
                                               text::Base64Encode("name\nx\n") +
                                               "</Content></GetCredentialReportResult>"
                                               "</GetCredentialReportResponse>")}}});
  auto got = Wait(FetchCredentialReport(stub.iam(), Fast()));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(got.status().message(),
            "GetCredentialReport: credential report line 1: no \"user\" column in the header");
}

// ---- Cache -----------------------------------------------------------------------------------

struct FakeClock {
  std::atomic<std::int64_t> seconds{0};
  CredentialReportCache::Clock::time_point Now() const {
    return *text::ParseIso8601(kGenerated) + std::chrono::seconds(seconds.load());
  }
};

TEST(CredentialReportCacheTest, KeptForItsLifetime) {
  ScriptedIam stub(
      {{"GenerateCredentialReport", {Generated("COMPLETE")}}, {"GetCredentialReport", {Report()}}});
  FakeClock clock;
  CredentialReportCache cache([&clock] { return clock.Now(); }, Fast());
  auto first = Wait(cache.Get(stub.iam()));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  clock.seconds = kCredentialReportLifetime.count() - 1;
  auto second = Wait(cache.Get(stub.iam()));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->get(), second->get());  // the same parsed report, not fetched again
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 1}, {"GetCredentialReport", 1}}));
  clock.seconds = kCredentialReportLifetime.count();  // generated_time + 4 h: fetched again
  auto third = Wait(cache.Get(stub.iam()));
  ASSERT_TRUE(third.ok());
  EXPECT_NE(first->get(), third->get());
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 2}, {"GetCredentialReport", 2}}));
}

TEST(CredentialReportCacheTest, OldReportKeptAtLeastMinReuse) {
  // AWS serves a report older than its lifetime by our clock: kept kCredentialReportMinReuse.
  ScriptedIam stub({{"GenerateCredentialReport", {Generated("COMPLETE")}},
                    {"GetCredentialReport", {Report("2020-01-01T00:00:00Z")}}});
  FakeClock clock;
  CredentialReportCache cache([&clock] { return clock.Now(); }, Fast());
  ASSERT_TRUE(Wait(cache.Get(stub.iam())).ok());
  clock.seconds = kCredentialReportMinReuse.count() - 1;
  ASSERT_TRUE(Wait(cache.Get(stub.iam())).ok());
  EXPECT_EQ(stub.Counts()["GetCredentialReport"], 1);
  clock.seconds = kCredentialReportMinReuse.count();
  ASSERT_TRUE(Wait(cache.Get(stub.iam())).ok());
  EXPECT_EQ(stub.Counts()["GetCredentialReport"], 2);
}

TEST(CredentialReportCacheTest, FailureIsNotKept) {
  ScriptedIam stub(
      {{"GenerateCredentialReport", {Error(403, "AccessDenied", "denied"), Generated("COMPLETE")}},
       {"GetCredentialReport", {Report()}}});
  CredentialReportCache cache(nullptr, Fast());
  auto denied = Wait(cache.Get(stub.iam()));
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(Wait(cache.Get(stub.iam())).ok());
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 2}, {"GetCredentialReport", 1}}));
}

Task<Status> GetInto(CredentialReportCache& cache, IamClient& iam,
                     std::vector<const ParsedCredentialReport*>& seen) {
  auto got = co_await cache.Get(iam);
  if (!got.ok()) co_return got.status();
  seen.push_back(got->get());
  co_return Status::Ok();
}

Task<Status> ManyConcurrentGets(CredentialReportCache& cache, IamClient& iam, int n,
                                std::vector<const ParsedCredentialReport*>& seen) {
  co_return co_await RunBounded(n, static_cast<std::size_t>(n),
                                [&](std::size_t) { return GetInto(cache, iam, seen); });
}

TEST(CredentialReportCacheTest, ConcurrentReadersShareOneFetch) {
  // Readers of one coroutine (interleaved at their awaits) and readers on other threads: however
  // they overlap, one fetch serves them all (they wait for the one in flight, or find its
  // result kept).
  ScriptedIam stub({{"GenerateCredentialReport", {Generated("INPROGRESS"), Generated("COMPLETE")}},
                    {"GetCredentialReport", {Report()}}});
  CredentialReportCache cache(nullptr, Fast());
  std::vector<const ParsedCredentialReport*> seen;
  std::mutex seen_mu;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::vector<const ParsedCredentialReport*> mine;
      Status s = Wait(ManyConcurrentGets(cache, stub.iam(), 8, mine));
      if (!s.ok()) ++failures;
      std::lock_guard<std::mutex> lock(seen_mu);
      seen.insert(seen.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(seen.size(), 32u);
  for (const auto* r : seen) EXPECT_EQ(r, seen.front());
  EXPECT_EQ(stub.Counts(), (Counts{{"GenerateCredentialReport", 2}, {"GetCredentialReport", 1}}));
}

}  // namespace
}  // namespace aic::aws_internal
