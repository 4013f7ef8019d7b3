// The emulator front over real loopback HTTP: SigV4 verification in both modes, request
// decoding, request ids, counters and fault injection. Most tests run over RecordingBackend
// (keys and answers under the test's control); the last ones run over the real IAM backend.
#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <regex>
#include <stdexcept>

#include "aws_iam_connector/emulator.h"
#include "emulator/emulator_internal.h"
#include "emulator/emulator_test_client.h"
#include "emulator/state/xml_writer.h"

namespace aic::emulator {
namespace {

using std::chrono::system_clock;
using testing::FormPost;
using testing::MakeCredentials;
using testing::Reply;
using testing::Send;
using testing::Signed;
using testing::Url;

constexpr char kAccount[] = "123456789012";

// Knows the keys the test gives it; answers every action with a tiny document naming it and
// remembers the last request.
class RecordingBackend : public Backend {
 public:
  explicit RecordingBackend(std::function<system_clock::time_point()> now) : now_(std::move(now)) {
    AddKey("AKIDLONGTERM", "long-term-secret");
    AccessKeyRecord inactive = MakeRecord("AKIDINACTIVE", "inactive-secret");
    inactive.active = false;
    keys_.emplace(inactive.access_key_id, inactive);
    AccessKeyRecord temp = MakeRecord("ASIATEMPORARY", "temp-secret");
    temp.session_token = SecretString("the-session-token");
    temp.expiration = now_() + std::chrono::hours(1);
    temp.caller.temporary = true;
    temp.caller.arn = "arn:aws:sts::123456789012:assumed-role/r/s";
    keys_.emplace(temp.access_key_id, temp);
  }

  ActionResponse Handle(const ActionRequest& request) override {
    std::lock_guard lock(mu_);
    last_ = request;
    ++handled_;
    if (request.action == "Unknown") {
      return {400, ErrorResponseXml(kIamNamespace, "Sender", "InvalidAction", "nope",
                                    request.request_id)};
    }
    return {200, "<" + request.action + "Response><RequestId>" + request.request_id +
                     "</RequestId></" + request.action + "Response>"};
  }

  std::optional<AccessKeyRecord> LookupAccessKey(std::string_view id) override {
    std::lock_guard lock(mu_);
    auto it = keys_.find(std::string(id));
    if (it == keys_.end()) return std::nullopt;
    AccessKeyRecord r = it->second;
    if (r.expiration) r.active = now_() < *r.expiration;
    return r;
  }

  Status Reset() override {
    std::lock_guard lock(mu_);
    ++resets_;
    return Status::Ok();
  }

  std::optional<ActionRequest> last() {
    std::lock_guard lock(mu_);
    return last_;
  }
  int handled() {
    std::lock_guard lock(mu_);
    return handled_;
  }
  int resets() {
    std::lock_guard lock(mu_);
    return resets_;
  }

 private:
  AccessKeyRecord MakeRecord(std::string id, std::string_view secret) {
    AccessKeyRecord r;
    r.access_key_id = id;
    r.secret_access_key = SecretString(secret);
    r.caller.access_key_id = id;
    r.caller.account_id = kAccount;
    r.caller.arn = "arn:aws:iam::123456789012:user/" + id;
    r.caller.user_id = "AIDA" + id;
    return r;
  }
  void AddKey(std::string id, std::string_view secret) {
    keys_.emplace(id, MakeRecord(id, secret));
  }

  std::function<system_clock::time_point()> now_;
  std::mutex mu_;
  std::map<std::string, AccessKeyRecord> keys_;
  std::optional<ActionRequest> last_;
  int handled_ = 0;
  int resets_ = 0;
};

class EmulatorFrontTest : public ::testing::Test {
 protected:
  void StartWith(EmulatorOptions options) {
    auto started = StartEmulator(options, [this](auto now) -> Result<std::unique_ptr<Backend>> {
      auto backend = std::make_unique<RecordingBackend>(std::move(now));
      backend_ = backend.get();
      return std::unique_ptr<Backend>(std::move(backend));
    });
    if (!started.ok()) throw std::runtime_error(started.status().ToString());
    emulator_ = std::move(started).value();
  }
  void SetUp() override { StartWith({}); }

  int port() const { return emulator_->port(); }
  Credentials LongTerm() const { return MakeCredentials("AKIDLONGTERM", "long-term-secret"); }
  Reply Call(std::string form, const Credentials& c, std::string_view service = "iam",
             system_clock::time_point when = system_clock::now()) {
    return Send(Signed(FormPost(port(), std::move(form)), c, service, when));
  }

  static void ExpectAwsError(const Reply& r, int status, std::string_view code,
                             std::string_view ns = kIamNamespace) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.Code(), code) << r.body;
    EXPECT_EQ(r.Xml("Type"), status >= 500 ? "Receiver" : "Sender") << r.body;
    EXPECT_NE(r.body.find("<ErrorResponse xmlns=\"" + std::string(ns) + "\">"), std::string::npos)
        << r.body;
    EXPECT_FALSE(r.Xml("RequestId").empty()) << r.body;
    EXPECT_EQ(r.Xml("RequestId"), r.Header("x-amzn-RequestId"));
    EXPECT_EQ(r.Header("Content-Type"), "text/xml");
  }

  RecordingBackend* backend_ = nullptr;
  std::unique_ptr<Emulator> emulator_;
};

TEST_F(EmulatorFrontTest, StrictModeAcceptsASignedRequestAndPassesDecodedParams) {
  Reply r = Call("Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fteam%2Fa%2F&Marker=x+y%2Bz",
                 LongTerm());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("Content-Type"), "text/xml");
  const std::string id = r.Header("x-amzn-RequestId");
  EXPECT_TRUE(std::regex_match(
      id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << id;
  EXPECT_EQ(r.Xml("RequestId"), id);
  auto seen = backend_->last();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->service, "iam");
  EXPECT_EQ(seen->action, "ListUsers");
  EXPECT_EQ(seen->request_id, id);
  EXPECT_EQ(seen->params.at("Version"), "2010-05-08");
  EXPECT_EQ(seen->params.at("PathPrefix"), "/team/a/");
  EXPECT_EQ(seen->params.at("Marker"), "x y+z");
  EXPECT_EQ(seen->caller.arn, "arn:aws:iam::123456789012:user/AKIDLONGTERM");
  EXPECT_EQ(seen->caller.access_key_id, "AKIDLONGTERM");

  // Every response gets its own request id.
  Reply again = Call("Action=ListUsers&Version=2010-05-08", LongTerm());
  EXPECT_NE(again.Header("x-amzn-RequestId"), id);
}

TEST_F(EmulatorFrontTest, GetQueryStringsAreDecodedAndVerified) {
  HttpRequest get;
  get.method = "GET";
  get.url = Url(port(), "/?Action=GetUser&Version=2010-05-08&UserName=al%20ice");
  Reply r = Send(Signed(get, LongTerm()));
  ASSERT_EQ(r.status, 200) << r.body;
  auto seen = backend_->last();
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->action, "GetUser");
  EXPECT_EQ(seen->params.at("UserName"), "al ice");
}

TEST_F(EmulatorFrontTest, TheSignedServiceNameSelectsStsAndItsErrorNamespace) {
  Reply r = Call("Action=GetCallerIdentity&Version=2011-06-15", LongTerm(), "sts");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(backend_->last()->service, "sts");
  Reply bad = Call("Action=GetCallerIdentity&Version=2011-06-15",
                   MakeCredentials("AKIDLONGTERM", "wrong"), "sts");
  ExpectAwsError(bad, 403, "SignatureDoesNotMatch", kStsNamespace);
  // A scope for another service is refused.
  Reply s3 = Call("Action=ListUsers&Version=2010-05-08", LongTerm(), "s3");
  ExpectAwsError(s3, 403, "SignatureDoesNotMatch");
}

TEST_F(EmulatorFrontTest, StrictModeRefusesARequestAlteredAfterSigning) {
  HttpRequest request = Signed(FormPost(port(), "Action=ListUsers&Version=2010-05-08"), LongTerm());
  request.body = "Action=DeleteUser&Version=2010-05-08&UserName=victim";
  ExpectAwsError(Send(request), 403, "SignatureDoesNotMatch");
  request = Signed(FormPost(port(), "Action=ListUsers&Version=2010-05-08"), LongTerm());
  request.url = Url(port(), "/?Action=DeleteUser");
  ExpectAwsError(Send(request), 403, "SignatureDoesNotMatch");
  EXPECT_EQ(backend_->handled(), 0);
}

TEST_F(EmulatorFrontTest, StrictModeRefusesWrongSecretUnknownAndInactiveKeys) {
  ExpectAwsError(Call("Action=ListUsers", MakeCredentials("AKIDLONGTERM", "not-the-secret")), 403,
                 "SignatureDoesNotMatch");
  ExpectAwsError(Call("Action=ListUsers", MakeCredentials("AKIDUNKNOWN", "whatever")), 403,
                 "InvalidClientTokenId");
  ExpectAwsError(Call("Action=ListUsers", MakeCredentials("AKIDINACTIVE", "inactive-secret")), 403,
                 "InvalidClientTokenId");
  // No error message gives the secret away.
  Reply r = Call("Action=ListUsers", MakeCredentials("AKIDLONGTERM", "not-the-secret"));
  EXPECT_EQ(r.body.find("long-term-secret"), std::string::npos);
  EXPECT_EQ(r.body.find("not-the-secret"), std::string::npos);
  EXPECT_EQ(backend_->handled(), 0);
}

TEST_F(EmulatorFrontTest, StrictModeRefusesAnExpiredTimestamp) {
  auto old = system_clock::now() - std::chrono::minutes(10);
  ExpectAwsError(Call("Action=ListUsers", LongTerm(), "iam", old), 400, "RequestExpired");
  auto future = system_clock::now() + std::chrono::minutes(10);
  ExpectAwsError(Call("Action=ListUsers", LongTerm(), "iam", future), 400, "RequestExpired");
  // Within the window is fine.
  auto recent = system_clock::now() - std::chrono::minutes(3);
  EXPECT_EQ(Call("Action=ListUsers", LongTerm(), "iam", recent).status, 200);
}

TEST_F(EmulatorFrontTest, MissingOrMalformedSignaturesAreRefused) {
  ExpectAwsError(Send(FormPost(port(), "Action=ListUsers")), 403, "MissingAuthenticationToken");
  HttpRequest bad = FormPost(port(), "Action=ListUsers");
  bad.headers.push_back({"Authorization", "AWS4-HMAC-SHA256 Credential=AKIDLONGTERM/garbage"});
  bad.headers.push_back({"X-Amz-Date", "20250101T000000Z"});
  ExpectAwsError(Send(bad), 400, "IncompleteSignature");
  EXPECT_EQ(backend_->handled(), 0);
}

TEST_F(EmulatorFrontTest, OnlyTheTwoFederationCallsMayBeUnsigned) {
  // AWS serves AssumeRoleWithSAML and AssumeRoleWithWebIdentity unsigned (the token is the
  // credential); they reach the backend as STS with no caller.
  for (const char* action : {"AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"}) {
    Reply r = Send(FormPost(port(), std::string("Action=") + action + "&Version=2011-06-15"));
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    ASSERT_TRUE(backend_->last().has_value());
    EXPECT_EQ(backend_->last()->service, "sts");
    EXPECT_EQ(backend_->last()->action, action);
    EXPECT_TRUE(backend_->last()->caller.arn.empty());
  }
  ExpectAwsError(Send(FormPost(port(), "Action=GetCallerIdentity&Version=2011-06-15")), 403,
                 "MissingAuthenticationToken");
  ExpectAwsError(Send(FormPost(port(), "Action=AssumeRole&Version=2011-06-15")), 403,
                 "MissingAuthenticationToken");
}

TEST_F(EmulatorFrontTest, TemporaryKeysNeedTheirSessionTokenAndExpire) {
  auto temp = MakeCredentials("ASIATEMPORARY", "temp-secret", "the-session-token");
  Reply ok = Call("Action=GetCallerIdentity", temp, "sts");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(backend_->last()->caller.temporary);

  ExpectAwsError(
      Call("Action=GetCallerIdentity", MakeCredentials("ASIATEMPORARY", "temp-secret"), "sts"), 403,
      "InvalidClientTokenId", kStsNamespace);
  ExpectAwsError(Call("Action=GetCallerIdentity",
                      MakeCredentials("ASIATEMPORARY", "temp-secret", "another-token"), "sts"),
                 403, "InvalidClientTokenId", kStsNamespace);
  // A long-term key with a session token is refused too.
  ExpectAwsError(
      Call("Action=ListUsers", MakeCredentials("AKIDLONGTERM", "long-term-secret", "some-token")),
      403, "InvalidClientTokenId");

  // Two hours later (emulator clock) the token has expired, whether the client signs with the
  // emulator's clock or with its own.
  emulator_->SetClockOffset(std::chrono::hours(2));
  ExpectAwsError(Call("Action=GetCallerIdentity", temp, "sts", emulator_->Now()), 400,
                 "ExpiredToken", kStsNamespace);
  ExpectAwsError(Call("Action=GetCallerIdentity", temp, "sts"), 400, "ExpiredToken", kStsNamespace);
  // Long-term keys still work, signed with either clock.
  EXPECT_EQ(Call("Action=ListUsers", LongTerm(), "iam", emulator_->Now()).status, 200);
  EXPECT_EQ(Call("Action=ListUsers", LongTerm()).status, 200);
}

TEST_F(EmulatorFrontTest, AnyKeyModeAcceptsMadeUpKeysButNotUnsignedRequests) {
  EmulatorOptions options;
  options.mode = EmulatorOptions::SignatureMode::kAnyKey;
  StartWith(options);
  Reply r = Call("Action=ListUsers&Version=2010-05-08", MakeCredentials("AKIAMADEUP", "made-up"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto seen = backend_->last();
  EXPECT_EQ(seen->caller.arn, "arn:aws:iam::123456789012:root");
  EXPECT_EQ(seen->caller.access_key_id, "AKIAMADEUP");
  // A key the backend knows keeps its principal, even with a wrong secret.
  r = Call("Action=ListUsers", MakeCredentials("AKIDLONGTERM", "wrong"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(backend_->last()->caller.arn, "arn:aws:iam::123456789012:user/AKIDLONGTERM");
  EXPECT_EQ(Call("Action=GetCallerIdentity", MakeCredentials("x", "y"), "sts").status, 200);
  EXPECT_EQ(backend_->last()->service, "sts");

  ExpectAwsError(Send(FormPost(port(), "Action=ListUsers")), 403, "MissingAuthenticationToken");
  HttpRequest bad = FormPost(port(), "Action=ListUsers");
  bad.headers.push_back({"Authorization", "AWS4-HMAC-SHA256 Credential=AKIAMADEUP"});
  ExpectAwsError(Send(bad), 400, "IncompleteSignature");
}

TEST_F(EmulatorFrontTest, AnyKeyModeDoesNotCheckTheRequestClock) {
  EmulatorOptions options;
  options.mode = EmulatorOptions::SignatureMode::kAnyKey;
  StartWith(options);
  // Tools that freeze time sign with a clock far from the emulator's.
  auto frozen = system_clock::now() - std::chrono::hours(24 * 400);
  EXPECT_EQ(Call("Action=ListUsers", MakeCredentials("AKIAMADEUP", "x"), "iam", frozen).status,
            200);
  auto future = system_clock::now() + std::chrono::hours(5);
  EXPECT_EQ(Call("Action=ListUsers", LongTerm(), "iam", future).status, 200);
}

TEST_F(EmulatorFrontTest, MissingAndInvalidActionsAreRefusedAsAwsDoes) {
  ExpectAwsError(Call("Version=2010-05-08", LongTerm()), 400, "MissingAction");
  ExpectAwsError(Call("Action=&Version=2010-05-08", LongTerm()), 400, "MissingAction");
  ExpectAwsError(Call("Action=List%3CUsers%3E", LongTerm()), 400, "InvalidAction");
  ExpectAwsError(Call("Action=" + std::string(200, 'A'), LongTerm()), 400, "InvalidAction");
  EXPECT_EQ(backend_->handled(), 0);
  // A well-formed unknown name reaches the backend, which answers InvalidAction.
  ExpectAwsError(Call("Action=Unknown", LongTerm()), 400, "InvalidAction");
  EXPECT_EQ(backend_->handled(), 1);
}

TEST_F(EmulatorFrontTest, MalformedFormEncodingGets400ErrorXml) {
  ExpectAwsError(Call("Action=ListUsers&PathPrefix=%G1", LongTerm()), 400, "MalformedQueryString");
  ExpectAwsError(Call("Action=ListUsers&PathPrefix=%4", LongTerm()), 400, "MalformedQueryString");
  ExpectAwsError(Call("Action=ListUsers&=novalue", LongTerm()), 400, "MalformedQueryString");
  HttpRequest json;
  json.method = "POST";
  json.url = Url(port());
  json.headers.push_back({"Content-Type", "application/json"});
  json.body = R"({"Action":"ListUsers"})";
  ExpectAwsError(Send(Signed(json, LongTerm())), 400, "MalformedQueryString");
  std::string many = "Action=ListUsers";
  for (int i = 0; i < 1001; ++i) many += "&p" + std::to_string(i) + "=1";
  ExpectAwsError(Call(many, LongTerm()), 400, "MalformedQueryString");
  EXPECT_EQ(backend_->handled(), 0);
  EXPECT_TRUE(emulator_->CallCounts().empty());
}

TEST_F(EmulatorFrontTest, OversizedBodiesGet413) {
  EmulatorOptions options;
  options.max_body_bytes = 2048;
  StartWith(options);
  Reply r = Call("Action=ListUsers&Pad=" + std::string(4096, 'a'), LongTerm());
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(backend_->handled(), 0);
  EXPECT_EQ(Call("Action=ListUsers&Pad=" + std::string(1024, 'a'), LongTerm()).status, 200);
}

TEST_F(EmulatorFrontTest, CountersCountEveryRequestThatReachedAnAction) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Call("Action=ListUsers", LongTerm()).status, 200);
  ASSERT_EQ(Call("Action=GetUser&UserName=a", LongTerm()).status, 200);
  Call("Action=Unknown", LongTerm());                                   // counted
  Call("Action=ListGroups", MakeCredentials("AKIDLONGTERM", "wrong"));  // not: refused
  Call("Version=1", LongTerm());                                        // not: no action
  auto counts = emulator_->CallCounts();
  EXPECT_EQ(counts, (std::map<std::string, std::uint64_t>{
                        {"GetUser", 1}, {"ListUsers", 3}, {"Unknown", 1}}));
  emulator_->ResetCallCounts();
  EXPECT_TRUE(emulator_->CallCounts().empty());
  ASSERT_EQ(Call("Action=ListUsers", LongTerm()).status, 200);
  EXPECT_EQ(emulator_->CallCounts()["ListUsers"], 1u);
}

TEST_F(EmulatorFrontTest, FaultInjectionThrottlesAndFails) {
  emulator_->SetFaults(1.0, 0, 0);
  Reply r = Call("Action=ListUsers", LongTerm());
  ExpectAwsError(r, 400, "Throttling");
  EXPECT_EQ(r.Xml("Message"), "Rate exceeded");
  ExpectAwsError(Call("Action=GetCallerIdentity", LongTerm(), "sts"), 400, "Throttling",
                 kStsNamespace);
  emulator_->SetFaults(0, 1.0, 0);
  ExpectAwsError(Call("Action=ListUsers", LongTerm()), 500, "ServiceFailure");
  EXPECT_EQ(backend_->handled(), 0);
  // Refused calls still count: they reached the action.
  EXPECT_EQ(emulator_->CallCounts()["ListUsers"], 2u);
  emulator_->SetFaults(0, 0, 20);  // added latency only
  EXPECT_EQ(Call("Action=ListUsers", LongTerm()).status, 200);
  EXPECT_EQ(backend_->handled(), 1);
}

TEST_F(EmulatorFrontTest, FaultsGivenAtStartApply) {
  EmulatorOptions options;
  options.error_rate = 1.0;
  StartWith(options);
  ExpectAwsError(Call("Action=ListUsers", LongTerm()), 500, "ServiceFailure");
}

TEST_F(EmulatorFrontTest, AdminEndpointsAre404WhenAdminIsOff) {
  for (const char* target : {"/_emulator/counters", "/_emulator/reset", "/moto-api/reset"}) {
    HttpRequest get;
    get.method = "GET";
    get.url = Url(port(), target);
    EXPECT_EQ(Send(get).status, 404) << target;
    HttpRequest post = get;
    post.method = "POST";
    EXPECT_EQ(Send(post).status, 404) << target;
  }
  EXPECT_EQ(backend_->resets(), 0);
}

TEST(EmulatorStartTest, RejectsBadOptions) {
  EmulatorOptions options;
  options.account_id = "12345";
  EXPECT_EQ(Emulator::Start(options).status().code(), ErrorCode::kConfiguration);
  options = {};
  options.throttle_rate = 1.5;
  EXPECT_EQ(Emulator::Start(options).status().code(), ErrorCode::kConfiguration);
  options = {};
  options.latency_ms = -1;
  EXPECT_EQ(Emulator::Start(options).status().code(), ErrorCode::kConfiguration);
  options = {};
  options.threads = 0;
  EXPECT_EQ(Emulator::Start(options).status().code(), ErrorCode::kConfiguration);
}

// ---- Over the real IAM + STS backend.

TEST(EmulatorRealBackendTest, SeedCredentialsWorkAndSessionsExpireWithTheClock) {
  auto started = Emulator::Start({});
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  auto& emulator = *started;
  EXPECT_EQ(emulator->endpoint(), "http://127.0.0.1:" + std::to_string(emulator->port()) + "/");
  const int port = emulator->port();
  auto seed = MakeCredentials("test", "test");

  Reply who =
      Send(Signed(FormPost(port, "Action=GetCallerIdentity&Version=2011-06-15"), seed, "sts"));
  ASSERT_EQ(who.status, 200) << who.body;
  EXPECT_EQ(who.Xml("Arn"), "arn:aws:iam::123456789012:root");
  EXPECT_NE(who.body.find(std::string(kStsNamespace)), std::string::npos);

  Reply created = Send(
      Signed(FormPost(port, "Action=CreateUser&Version=2010-05-08&UserName=front-test"), seed));
  ASSERT_EQ(created.status, 200) << created.body;
  EXPECT_EQ(created.Xml("RequestId"), created.Header("x-amzn-RequestId"));
  Reply missing =
      Send(Signed(FormPost(port, "Action=GetUser&Version=2010-05-08&UserName=nobody"), seed));
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_EQ(missing.Code(), "NoSuchEntity");

  Reply role = Send(Signed(
      FormPost(port,
               "Action=CreateRole&Version=2010-05-08&RoleName=deployer&AssumeRolePolicyDocument="
               "%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22"
               "AWS%22%3A%22123456789012%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D"),
      seed));
  ASSERT_EQ(role.status, 200) << role.body;
  Reply assumed = Send(Signed(
      FormPost(port,
               "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012"
               "%3Arole%2Fdeployer&RoleSessionName=front&DurationSeconds=900"),
      seed, "sts"));
  ASSERT_EQ(assumed.status, 200) << assumed.body;
  auto temp = MakeCredentials(assumed.Xml("AccessKeyId"), assumed.Xml("SecretAccessKey"),
                              assumed.Xml("SessionToken"));
  ASSERT_TRUE(temp.access_key_id.starts_with("ASIA"));
  Reply as_role =
      Send(Signed(FormPost(port, "Action=GetCallerIdentity&Version=2011-06-15"), temp, "sts"));
  ASSERT_EQ(as_role.status, 200) << as_role.body;
  EXPECT_EQ(as_role.Xml("Arn"), "arn:aws:sts::123456789012:assumed-role/deployer/front");

  emulator->SetClockOffset(std::chrono::seconds(901));
  Reply expired =
      Send(Signed(FormPost(port, "Action=GetCallerIdentity&Version=2011-06-15"), temp, "sts"));
  EXPECT_EQ(expired.status, 400) << expired.body;
  EXPECT_EQ(expired.Code(), "ExpiredToken");

  auto counts = emulator->CallCounts();
  EXPECT_EQ(counts["GetCallerIdentity"], 2u);  // the expired call was refused before its action
  EXPECT_EQ(counts["CreateUser"], 1u);
  EXPECT_EQ(counts["AssumeRole"], 1u);

  ASSERT_TRUE(emulator->ResetState().ok());
  EXPECT_TRUE(emulator->CallCounts().empty());
  Reply gone =
      Send(Signed(FormPost(port, "Action=GetUser&Version=2010-05-08&UserName=front-test"), seed));
  EXPECT_EQ(gone.Code(), "NoSuchEntity") << gone.body;
}

}  // namespace
}  // namespace aic::emulator
