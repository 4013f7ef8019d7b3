// StsClient and the AssumeRole provider over real loopback HTTP: a stub server that serves
// AssumeRole XML and counts calls exactly, and moto's server for AWS-shaped behaviour.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/assume_role_provider.h"
#include "aws_iam_connector/credentials_factory.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/sts_client.h"
#include "common/text_codec.h"
#include "support/child_process.h"
#include "support/stub_http_server.h"

namespace aic {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

constexpr char kRole[] = "arn:aws:iam::123456789012:role/ConnectorRole";
constexpr char kBaseKeyId[] = "AKIDBASEEXAMPLE";
constexpr char kBaseSecret[] = "BaseSecretKeyNeverLogged0123456789abcdef";
constexpr char kTempSecretPrefix[] = "TempSecretNeverLogged";
constexpr char kTempTokenPrefix[] = "TempSessionTokenNeverLogged";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The value of form field `name` in an x-www-form-urlencoded body (still encoded).
std::string FormField(const std::string& body, const std::string& name) {
  std::string key = name + "=";
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find('&', pos);
    if (end == std::string::npos) end = body.size();
    if (body.compare(pos, key.size(), key) == 0) {
      return body.substr(pos + key.size(), end - pos - key.size());
    }
    pos = end + 1;
  }
  return "<absent>";
}

std::shared_ptr<HttpTransport> Transport() {
  auto t = MakeCurlTransport(TransportOptions{});
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::shared_ptr<HttpTransport>(std::move(t).value());
}

Credentials BaseCredentials() {
  Credentials c;
  c.access_key_id = kBaseKeyId;
  c.secret_access_key = SecretString(kBaseSecret);
  return c;
}

StsClientOptions Options(const std::string& endpoint) {
  StsClientOptions o;
  o.endpoint = endpoint;
  o.retry.max_retries = 0;
  return o;
}

// Captures everything logged through spdlog's default logger while alive.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  std::string text() const { return out_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream out_;
};

// A stub STS: AssumeRole answers with credentials valid for DurationSeconds from the test
// clock; "AccessDeniedRole" in the role ARN answers AccessDenied; "EmptyRole" answers a body
// without credentials.
class StubSts {
 public:
  StubSts() : server_([this](const testing::StubRequest& r) { return Handle(r); }) {}

  std::string url() const { return server_.url(); }
  int assume_role_calls() const { return assume_role_calls_.load(); }
  std::vector<testing::StubRequest> requests() const { return server_.requests(); }
  system_clock::time_point Now() const {
    return system_clock::time_point(system_clock::duration(now_.load()));
  }
  void Advance(system_clock::duration d) { now_ += d.count(); }
  std::atomic<int> handler_delay_ms{0};

 private:
  HttpResponse Handle(const testing::StubRequest& r) {
    std::string action = FormField(r.body, "Action");
    if (action != "AssumeRole") {
      return testing::StubXmlResponse(400,
                                      "<ErrorResponse><Error><Type>Sender</Type><Code>"
                                      "InvalidAction</Code><Message>no</Message></Error>"
                                      "<RequestId>r0</RequestId></ErrorResponse>");
    }
    int n = ++assume_role_calls_;
    if (handler_delay_ms.load() > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(handler_delay_ms.load()));
    }
    std::string role = FormField(r.body, "RoleArn");
    if (role.find("AccessDeniedRole") != std::string::npos) {
      return testing::StubXmlResponse(
          403,
          "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
          "<Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::"
          "123456789012:user/base is not authorized to perform: sts:AssumeRole</Message>"
          "</Error><RequestId>req-denied</RequestId></ErrorResponse>");
    }
    if (role.find("EmptyRole") != std::string::npos) {
      return testing::StubXmlResponse(
          200,
          "<AssumeRoleResponse><AssumeRoleResult></AssumeRoleResult><ResponseMetadata>"
          "<RequestId>req-empty</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }
    int duration = std::stoi(FormField(r.body, "DurationSeconds"));
    std::string n_text = std::to_string(n);
    return testing::StubXmlResponse(
        200,
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        "<AssumeRoleResult><AssumedRoleUser>"
        "<Arn>arn:aws:sts::123456789012:assumed-role/ConnectorRole/s" +
            n_text +
            "</Arn>"
            "<AssumedRoleId>AROASTUB:s" +
            n_text +
            "</AssumedRoleId></AssumedRoleUser>"
            "<Credentials><AccessKeyId>ASIASTUB" +
            n_text +
            "</AccessKeyId>"
            "<SecretAccessKey>" +
            kTempSecretPrefix + n_text +
            "</SecretAccessKey>"
            "<SessionToken>" +
            kTempTokenPrefix + n_text +
            "</SessionToken>"
            "<Expiration>" +
            text::FormatIso8601(Now() + seconds(duration)) +
            "</Expiration>"
            "</Credentials></AssumeRoleResult>"
            "<ResponseMetadata><RequestId>req-" +
            n_text +
            "</RequestId></ResponseMetadata>"
            "</AssumeRoleResponse>");
  }

  std::atomic<system_clock::rep> now_{system_clock::now().time_since_epoch().count()};
  std::atomic<int> assume_role_calls_{0};
  testing::StubHttpServer server_;
};

TEST(StsStubTest, AssumeRoleSendsASignedFormAndParsesTheAwsDocsSample) {
  std::string sample =
      ReadFile(std::string(AIC_TESTDATA_DIR) + "/iam-responses/aws-docs/AssumeRole.xml");
  ASSERT_FALSE(sample.empty());
  testing::StubHttpServer server(
      [&](const testing::StubRequest&) { return testing::StubXmlResponse(200, sample); });
  auto sts = MakeStsClient(Options(server.url()), Transport(),
                           MakeStaticCredentialsProvider(BaseCredentials()));
  AssumeRoleRequest request{kRole, "idm-session", "ext:id/42", 1800};
  auto r = sts->AssumeRole(request);
  ASSERT_TRUE(r.ok()) << r.status().ToString();

  EXPECT_EQ(r->credentials.access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_TRUE(r->credentials.secret_access_key.Equals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"));
  // The sample wraps the token over lines; the whitespace is not part of it.
  EXPECT_EQ(r->credentials.session_token.size(), 336u);
  EXPECT_EQ(r->credentials.session_token.Reveal().substr(0, 12), "AQoDYXdzEPT/");
  EXPECT_EQ(r->credentials.session_token.Reveal().find_first_of(" \n"), std::string::npos);
  ASSERT_TRUE(r->credentials.expiration.has_value());
  EXPECT_EQ(text::FormatIso8601(*r->credentials.expiration), "2019-11-09T13:34:41Z");
  EXPECT_EQ(r->assumed_role_arn, "arn:aws:sts::123456789012:assumed-role/demo/TestAR");
  EXPECT_EQ(r->assumed_role_id, "ARO123EXAMPLE123:TestAR");

  ASSERT_EQ(server.request_count(), 1);
  const auto req = server.requests()[0];
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(FormField(req.body, "Action"), "AssumeRole");
  EXPECT_EQ(FormField(req.body, "Version"), "2011-06-15");
  EXPECT_EQ(FormField(req.body, "RoleArn"),
            "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FConnectorRole");
  EXPECT_EQ(FormField(req.body, "RoleSessionName"), "idm-session");
  EXPECT_EQ(FormField(req.body, "ExternalId"), "ext%3Aid%2F42");
  EXPECT_EQ(FormField(req.body, "DurationSeconds"), "1800");
  std::string auth(req.Header("Authorization"));
  EXPECT_NE(auth.find("Credential=AKIDBASEEXAMPLE/"), std::string::npos) << auth;
  EXPECT_NE(auth.find("/us-east-1/sts/aws4_request"), std::string::npos) << auth;
  EXPECT_TRUE(req.Header("X-Amz-Security-Token").empty());
  EXPECT_EQ(req.body.find(kBaseSecret), std::string::npos);
}

TEST(StsStubTest, OptionalParametersAreOmittedAndBadOnesRefusedBeforeSending) {
  StubSts stub;
  auto sts = MakeStsClient(Options(stub.url()), Transport(),
                           MakeStaticCredentialsProvider(BaseCredentials()));
  AssumeRoleRequest bad{kRole, "has space", "", 0};
  EXPECT_EQ(sts->AssumeRole(bad).status().code(), ErrorCode::kInvalidInput);
  bad = {"arn:aws:iam::1:role/x", "ok-name", "", 0};
  EXPECT_EQ(sts->AssumeRole(bad).status().code(), ErrorCode::kInvalidInput);
  bad = {kRole, "ok-name", "", 60};
  EXPECT_EQ(sts->AssumeRole(bad).status().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(stub.assume_role_calls(), 0);
}

TEST(StsStubTest, AwsErrorsAndIncompleteResponsesComeBackAsValues) {
  StubSts stub;
  LogCapture logs;
  auto sts = MakeStsClient(Options(stub.url()), Transport(),
                           MakeStaticCredentialsProvider(BaseCredentials()));
  auto denied = sts->AssumeRole({"arn:aws:iam::123456789012:role/AccessDeniedRole", "s1", "", 900});
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(denied.status().aws().has_value());
  EXPECT_EQ(denied.status().aws()->action, "AssumeRole");
  EXPECT_EQ(denied.status().aws()->code, "AccessDenied");
  EXPECT_EQ(denied.status().aws()->request_id, "req-denied");
  EXPECT_EQ(denied.status().aws()->http_status, 403);

  auto empty = sts->AssumeRole({"arn:aws:iam::123456789012:role/EmptyRole", "s1", "", 900});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), ErrorCode::kInternal);
  EXPECT_NE(empty.status().message().find("req-empty"), std::string::npos);

  // Through the provider the error names the role.
  AssumeRoleSettings settings;
  settings.role_arn = "arn:aws:iam::123456789012:role/AccessDeniedRole";
  auto provider = AssumeRoleCredentialsProvider::Create(sts, settings);
  ASSERT_TRUE(provider.ok());
  auto failed = (*provider)->Get();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(failed.status().ToString().find(settings.role_arn), std::string::npos);
  EXPECT_EQ(failed.status().ToString().find(kBaseSecret), std::string::npos);
  EXPECT_EQ(logs.text().find(kBaseSecret), std::string::npos);
}

class StubRefreshTest : public ::testing::Test {
 protected:
  std::shared_ptr<AssumeRoleCredentialsProvider> Make(int duration_seconds) {
    auto sts = MakeStsClient(Options(stub_.url()), Transport(),
                             MakeStaticCredentialsProvider(BaseCredentials()));
    AssumeRoleSettings settings;
    settings.role_arn = kRole;
    settings.external_id = "external-42";
    settings.duration_seconds = duration_seconds;
    auto p = AssumeRoleCredentialsProvider::Create(sts, settings, [this] { return stub_.Now(); });
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return *p;
  }
  StubSts stub_;
};

TEST_F(StubRefreshTest, AdvancingPastTheWindowCausesExactlyOneNewAssumeRole) {
  auto p = Make(3600);  // window: 300 s
  auto first = p->Get();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->access_key_id, "ASIASTUB1");
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(p->Get().ok());
  EXPECT_EQ(stub_.assume_role_calls(), 1);

  stub_.Advance(seconds(3600 - 300 - 1));
  EXPECT_EQ(p->Get()->access_key_id, "ASIASTUB1");
  EXPECT_EQ(stub_.assume_role_calls(), 1);

  stub_.Advance(seconds(2));  // now inside the window
  for (int i = 0; i < 20; ++i) ASSERT_EQ(p->Get()->access_key_id, "ASIASTUB2");
  EXPECT_EQ(stub_.assume_role_calls(), 2);
  EXPECT_EQ(p->assumed_role_arn(), "arn:aws:sts::123456789012:assumed-role/ConnectorRole/s2");
  EXPECT_EQ(FormField(stub_.requests().back().body, "ExternalId"), "external-42");
  EXPECT_EQ(FormField(stub_.requests().back().body, "DurationSeconds"), "3600");

  stub_.Advance(seconds(4000));  // long past expiry
  EXPECT_EQ(p->Get()->access_key_id, "ASIASTUB3");
  EXPECT_EQ(stub_.assume_role_calls(), 3);
}

TEST_F(StubRefreshTest, SixteenThreadsAtRefreshTimeCauseExactlyOneAssumeRole) {
  auto p = Make(900);  // window: 225 s
  ASSERT_TRUE(p->Get().ok());
  ASSERT_EQ(stub_.assume_role_calls(), 1);
  stub_.Advance(seconds(900 - 100));  // inside the window
  stub_.handler_delay_ms = 100;       // keep the refresh in flight while the others arrive
  constexpr int kThreads = 16;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::string> keys(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (!go.load()) std::this_thread::yield();
      auto c = p->Get();
      keys[i] = c.ok() ? c->access_key_id : c.status().ToString();
    });
  }
  while (ready.load() < kThreads) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(stub_.assume_role_calls(), 2);
  for (const auto& k : keys) EXPECT_EQ(k, "ASIASTUB2");
}

TEST_F(StubRefreshTest, SecretsNeverReachTheLogsOrErrors) {
  LogCapture logs;
  spdlog::set_level(spdlog::level::trace);
  auto p = Make(3600);
  auto c = p->Get();
  ASSERT_TRUE(c.ok());
  stub_.Advance(seconds(3500));
  ASSERT_TRUE(p->Get().ok());
  spdlog::info("credentials in a log line: {} {}", c->secret_access_key, c->session_token);
  std::string text = logs.text();
  EXPECT_NE(text.find("AssumeRole"), std::string::npos);  // the capture works
  EXPECT_NE(text.find("****"), std::string::npos);
  for (const std::string& secret :
       {std::string(kBaseSecret), std::string(kTempSecretPrefix), std::string(kTempTokenPrefix)}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  }
}

// ---- moto -------------------------------------------------------------------------------

class MotoStsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    port_ = testing::PickFreePort();
    testing::ChildOptions options;
    options.capture_stdout = false;
    options.quiet_stderr = true;
    auto child = testing::ChildProcess::Start(
        {"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", std::to_string(port_)}, options);
    ASSERT_TRUE(child.ok()) << child.status().ToString();
    moto_ = std::move(child).value().release();
    ASSERT_TRUE(testing::WaitForPort(port_, std::chrono::seconds(30))) << "moto did not start";
  }
  static void TearDownTestSuite() {
    delete moto_;
    moto_ = nullptr;
  }
  void SetUp() override {
    if (moto_ == nullptr) GTEST_SKIP() << "moto not running";
  }
  static std::string Url() { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

  static inline int port_ = 0;
  static inline testing::ChildProcess* moto_ = nullptr;
};

TEST_F(MotoStsTest, GetCallerIdentityWithBaseCredentials) {
  auto sts =
      MakeStsClient(Options(Url()), Transport(), MakeStaticCredentialsProvider(BaseCredentials()));
  auto id = sts->GetCallerIdentity();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->account, "123456789012");
  EXPECT_EQ(id->arn.rfind("arn:aws:", 0), 0u) << id->arn;
  EXPECT_FALSE(id->user_id.empty());
}

TEST_F(MotoStsTest, AssumeRoleReturnsTemporaryCredentialsThatWork) {
  auto sts =
      MakeStsClient(Options(Url()), Transport(), MakeStaticCredentialsProvider(BaseCredentials()));
  auto before = system_clock::now();
  auto r = sts->AssumeRole({kRole, "moto-session", "ext-1", 1800});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->credentials.access_key_id.empty());
  EXPECT_NE(r->credentials.access_key_id, kBaseKeyId);
  EXPECT_FALSE(r->credentials.secret_access_key.empty());
  EXPECT_FALSE(r->credentials.session_token.empty());
  ASSERT_TRUE(r->credentials.expiration.has_value());
  auto lifetime = *r->credentials.expiration - before;
  EXPECT_GT(lifetime, seconds(1800 - 120));
  EXPECT_LT(lifetime, seconds(1800 + 120));
  EXPECT_EQ(r->assumed_role_arn,
            "arn:aws:sts::123456789012:assumed-role/ConnectorRole/moto-session");
  EXPECT_NE(r->assumed_role_id.find(":moto-session"), std::string::npos) << r->assumed_role_id;

  // Signing with the temporary credentials (session token included) identifies as the role.
  auto as_role =
      MakeStsClient(Options(Url()), Transport(), MakeStaticCredentialsProvider(r->credentials));
  auto id = as_role->GetCallerIdentity();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->arn, r->assumed_role_arn);
}

TEST_F(MotoStsTest, FactoryWithRoleArnAssumesTheRoleThroughStsEndpoint) {
  CredentialsSettings settings;
  settings.access_key_id = kBaseKeyId;
  settings.secret_key = SecretString(kBaseSecret);
  settings.assume_role.role_arn = kRole;
  settings.assume_role.role_session_name = "factory-session";
  settings.assume_role.external_id = "ext-2";
  settings.assume_role.duration_seconds = 900;
  settings.sts = Options(Url());
  auto transport = Transport();
  LogCapture logs;
  auto setup = MakeCredentialsSetup(settings, transport);
  ASSERT_TRUE(setup.ok()) << setup.status().ToString();
  ASSERT_NE(setup->assume_role, nullptr);
  EXPECT_EQ(setup->assume_role->assume_role_calls(), 0);  // lazy

  auto c = setup->provider->Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(c->session_token.empty());
  EXPECT_EQ(setup->assume_role->assume_role_calls(), 1);
  EXPECT_EQ(setup->assume_role->assumed_role_arn(),
            "arn:aws:sts::123456789012:assumed-role/ConnectorRole/factory-session");
  auto id = MakeStsClient(Options(Url()), transport, setup->provider)->GetCallerIdentity();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->arn, setup->assume_role->assumed_role_arn());
  EXPECT_EQ(setup->assume_role->assume_role_calls(), 1);  // cached

  std::string text = logs.text();
  EXPECT_NE(text.find("factory-session"), std::string::npos);
  EXPECT_EQ(text.find(kBaseSecret), std::string::npos);
  EXPECT_EQ(text.find(std::string(c->secret_access_key.Reveal())), std::string::npos);
  EXPECT_EQ(text.find(std::string(c->session_token.Reveal())), std::string::npos);
}

TEST(StsStubTest, UnreachableStsEndpointIsAConnectionError) {
  int closed_port = testing::PickFreePort();
  auto sts = MakeStsClient(Options("http://127.0.0.1:" + std::to_string(closed_port) + "/"),
                           Transport(), MakeStaticCredentialsProvider(BaseCredentials()));
  auto r = sts->AssumeRole({kRole, "session", "", 900});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kConnectionFailed) << r.status().ToString();
}

}  // namespace
}  // namespace aic
