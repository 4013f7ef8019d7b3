// The REST API of SPEC section 5 through RestApi::Handle (no sockets), over the real AWS
// connector and the in-process IAM emulator: every route, status and error.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <latch>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/emulator.h"
#include "common/text_codec.h"
#include "server/rest_api.h"
#include "support/child_process.h"

namespace aic {
namespace {

using json = nlohmann::json;
using http_server::ServerRequest;
using http_server::ServerResponse;

constexpr char kSecret[] = "SuperSecretValue123";
constexpr char kAdmin[] = "idm-admin";
constexpr char kAdminPassword[] = "Adm1n-Pa55";

class ServerRestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto hash = HashPassword(SecretString(kAdminPassword));
    ASSERT_TRUE(hash.ok());
    admin_hash_ = new std::string(*hash);
  }
  static void TearDownTestSuite() { delete admin_hash_; }

  void SetUp() override {
    log_ = std::make_shared<std::ostringstream>();
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_);
    previous_logger_ = spdlog::default_logger();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("test", sink));

    EmulatorOptions options;
    options.mode = EmulatorOptions::SignatureMode::kAnyKey;
    auto emulator = Emulator::Start(options);
    ASSERT_TRUE(emulator.ok()) << emulator.status().ToString();
    emulator_ = std::move(*emulator);

    std::vector<RestSystem> systems;
    systems.push_back(MakeSystem("aws", emulator_->endpoint(), true));
    systems.push_back(MakeSystem("nocascade", emulator_->endpoint(), false));
    int closed_port = testing::PickFreePort();
    systems.push_back(
        MakeSystem("down", "http://127.0.0.1:" + std::to_string(closed_port) + "/", true));
    RestApiOptions api_options;
    api_options.admins = {AdminUser{kAdmin, *admin_hash_}};
    api_options.max_body_bytes = 4096;
    api_ = std::make_unique<RestApi>(api_options, std::move(systems));
  }

  void TearDown() override {
    api_.reset();
    emulator_.reset();
    spdlog::set_default_logger(previous_logger_);
    EXPECT_EQ(log_->str().find(kSecret), std::string::npos) << "secret in the log";
  }

  RestSystem MakeSystem(const std::string& name, const std::string& endpoint, bool cascade) {
    ConnectorConfig config;
    config.name = name;
    config.connector_ref = DefaultConnectorRef();
    config.aws.endpoint = endpoint;
    config.aws.sts_endpoint = endpoint;
    config.aws.access_key_id = "AKIAEXAMPLEKEY";
    config.aws.secret_key = SecretString(kSecret);
    config.aws.cascade_delete = cascade;
    config.aws.max_retries = 0;
    config.aws.connection_timeout_ms = 2000;
    auto system = MakeAwsRestSystem(config);
    EXPECT_TRUE(system.ok()) << system.status().ToString();
    return std::move(*system);
  }

  ServerResponse Call(const std::string& method, const std::string& target,
                      const std::string& body = "", std::vector<HttpHeader> headers = {},
                      bool auth = true) {
    ServerRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    if (auth) {
      r.headers.push_back({"X-OpenIDM-Username", kAdmin});
      r.headers.push_back({"X-OpenIDM-Password", kAdminPassword});
    }
    for (auto& h : headers) r.headers.push_back(h);
    r.headers.push_back({"Accept-API-Version", "resource=1.0"});
    ServerResponse response = api_->Handle(r);
    EXPECT_EQ(response.body.find(kSecret), std::string::npos) << "secret in a response";
    return response;
  }
  static json Body(const ServerResponse& r) { return json::parse(r.body); }
  // A request that only logs in (its path is unknown: 404 once authenticated).
  static ServerRequest LoginRequest(const std::string& remote, const std::string& user,
                                    const std::string& password) {
    ServerRequest r;
    r.method = "GET";
    r.target = "/openidm/nothing";
    r.remote_address = remote;
    r.headers = {{"X-OpenIDM-Username", user}, {"X-OpenIDM-Password", password}};
    return r;
  }
  // Options of a RestApi with the test admin and no connectors, for the login tests.
  static RestApiOptions LoginOnlyOptions() {
    RestApiOptions options;
    options.admins = {AdminUser{kAdmin, *admin_hash_}};
    options.log_requests = false;
    return options;
  }
  static void ExpectError(const ServerResponse& r, int code, const std::string& fragment = "") {
    EXPECT_EQ(r.status, code) << r.body;
    json b = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(b.is_object()) << r.body;
    EXPECT_EQ(b["code"], code);
    EXPECT_EQ(b["reason"], std::string(RestApi::ReasonFor(code)));
    EXPECT_TRUE(b["message"].is_string());
    if (!fragment.empty()) {
      EXPECT_NE(b["message"].get<std::string>().find(fragment), std::string::npos) << r.body;
    }
  }
  ServerResponse Create(const std::string& name, json extra = json::object()) {
    extra["__NAME__"] = name;
    return Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create", extra.dump());
  }

  static std::string* admin_hash_;
  std::shared_ptr<std::ostringstream> log_;
  std::shared_ptr<spdlog::logger> previous_logger_;
  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<RestApi> api_;
};

std::string* ServerRestTest::admin_hash_ = nullptr;

TEST_F(ServerRestTest, ErrorTableIsOnePlace) {
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kInvalidInput), 400);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kInvalidAttributeValue), 400);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kPasswordPolicyViolation), 400);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kUnknownUid), 404);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kAlreadyExists), 412);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kConnectionFailed), 503);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kRetryable), 503);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kTimeout), 503);
  EXPECT_EQ(RestApi::HttpStatusFor(ErrorCode::kInternal), 500);
  AwsErrorDetail aws;
  aws.action = "ListUsers";
  aws.code = "ServiceFailure";
  auto r = RestApi::ErrorResponse(Status(ErrorCode::kInternal, "boom", aws));
  ExpectError(r, 500, "ListUsers: ServiceFailure");
}

TEST_F(ServerRestTest, MissingOrWrongCredentialsAre401AndDoNothing) {
  emulator_->ResetCallCounts();
  auto none = Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create",
                   R"({"__NAME__": "mallory"})", {}, false);
  ExpectError(none, 401);
  auto wrong =
      Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create", R"({"__NAME__": "mallory"})",
           {{"X-OpenIDM-Username", kAdmin}, {"X-OpenIDM-Password", "nope"}}, false);
  ExpectError(wrong, 401);
  auto wrong_basic = Call("DELETE", "/openidm/system/aws/__ACCOUNT__/x", "",
                          {{"Authorization", "Basic aWRtLWFkbWluOm5vcGU="}}, false);
  ExpectError(wrong_basic, 401);
  EXPECT_TRUE(emulator_->CallCounts().empty());
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/mallory"), 404);
  // HTTP Basic with the right password works: "idm-admin:Adm1n-Pa55".
  auto basic = Call("POST", "/openidm/system/aws?_action=test", "",
                    {{"Authorization", "Basic aWRtLWFkbWluOkFkbTFuLVBhNTU="}}, false);
  EXPECT_EQ(basic.status, 200) << basic.body;
}

// Issue 10: an unknown name costs a full Argon2 verification, as a wrong password does (no
// name oracle); checked by counting verifications, not by timing.
TEST_F(ServerRestTest, UnknownNameRunsAFullVerification) {
  auto before = api_->password_verifications();
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/x", "",
                   {{"X-OpenIDM-Username", "nobody"}, {"X-OpenIDM-Password", "guess"}}, false),
              401);
  EXPECT_EQ(api_->password_verifications(), before + 1);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/x", "",
                   {{"X-OpenIDM-Username", kAdmin}, {"X-OpenIDM-Password", "guess"}}, false),
              401);
  EXPECT_EQ(api_->password_verifications(), before + 2);
  // Without credentials nothing is verified.
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/x", "", {}, false), 401);
  EXPECT_EQ(api_->password_verifications(), before + 2);
}

// Issue 10: failed logins are limited per client address: over the limit, 429 with Retry-After
// and no verification (even for the right password); another address is unaffected.
TEST_F(ServerRestTest, FailedLoginsAreRateLimitedPerClient) {
  RestApiOptions options = LoginOnlyOptions();
  options.auth_failures_per_minute = 3;
  RestApi api(options, {});
  auto login = [&](const std::string& remote, const std::string& user,
                   const std::string& password) {
    return api.Handle(LoginRequest(remote, user, password));
  };
  for (int i = 0; i < 3; ++i) {
    ExpectError(login("10.0.0.1:4000", i == 0 ? "nobody" : kAdmin, "guess"), 401);
  }
  EXPECT_EQ(api.password_verifications(), 3u);
  for (const char* password : {"guess", kAdminPassword}) {
    ServerResponse r = login("10.0.0.1:4001", kAdmin, password);
    ExpectError(r, 429);
    bool retry_after = false;
    for (const auto& h : r.headers)
      retry_after |= h.name == "Retry-After" && std::stoi(h.value) > 0;
    EXPECT_TRUE(retry_after);
  }
  EXPECT_EQ(api.password_verifications(), 3u);
  ExpectError(login("10.0.0.2:4000", kAdmin, kAdminPassword), 404);  // authenticated
  EXPECT_EQ(api.password_verifications(), 4u);
}

// Concurrent logins with the same credentials share one verification: a client that opens many
// connections at once is neither refused (503) nor charged one Argon2 run per connection.
TEST_F(ServerRestTest, ConcurrentIdenticalLoginsShareOneVerification) {
  RestApiOptions options = LoginOnlyOptions();
  options.max_concurrent_password_checks = 1;
  RestApi api(options, {});
  constexpr int kClients = 8;
  std::latch start(kClients);
  std::vector<int> statuses(kClients, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      ServerRequest r =
          LoginRequest("10.0.0.9:" + std::to_string(5000 + i), kAdmin, kAdminPassword);
      start.arrive_and_wait();
      statuses[i] = api.Handle(r).status;
    });
  }
  for (auto& t : clients) t.join();
  for (int status : statuses) EXPECT_EQ(status, 404);  // authenticated; the path is unknown
  EXPECT_EQ(api.password_verifications(), 1u);
}

TEST_F(ServerRestTest, CreateReadUpdatePatchDelete) {
  auto created = Create("bjensen", {{"Tags", {{{"Key", "Dept"}, {"Value", "Acct"}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  json c = Body(created);
  EXPECT_EQ(c["_id"], "bjensen");
  EXPECT_EQ(c["__NAME__"], "bjensen");
  EXPECT_EQ(c["Path"], "/");
  EXPECT_EQ(c["Arn"], "arn:aws:iam::123456789012:user/bjensen");
  EXPECT_TRUE(c["UserId"].is_string());

  auto read = Call("GET", "/openidm/system/aws/__ACCOUNT__/bjensen");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Body(read)["Tags"], json::parse(R"([{"Key": "Dept", "Value": "Acct"}])"));
  auto fields = Call("GET", "/openidm/system/aws/__ACCOUNT__/bjensen?_fields=Arn");
  ASSERT_EQ(fields.status, 200);
  EXPECT_EQ(Body(fields), json::parse(R"({"_id": "bjensen",
      "Arn": "arn:aws:iam::123456789012:user/bjensen"})"));
  // "*,extra": the default attributes and the extra one (accessKeys is not a default).
  auto star = Call("GET", "/openidm/system/aws/__ACCOUNT__/bjensen?_fields=*,accessKeys");
  ASSERT_EQ(star.status, 200) << star.body;
  json with_extra = Body(star);
  EXPECT_EQ(with_extra["accessKeys"], json::array());
  json defaults_only = Body(read);
  ASSERT_FALSE(defaults_only.contains("accessKeys"));
  with_extra.erase("accessKeys");
  EXPECT_EQ(with_extra, defaults_only);

  auto put = Call("PUT", "/openidm/system/aws/__ACCOUNT__/bjensen",
                  R"({"__NAME__": "bjensen", "Tags": [{"Key": "Project", "Value": "Meteor"}]})",
                  {{"If-Match", "*"}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Body(put)["Tags"], json::parse(R"([{"Key": "Project", "Value": "Meteor"}])"));

  auto patch = Call("PATCH", "/openidm/system/aws/__ACCOUNT__/bjensen",
                    R"([{"operation": "add", "field": "__PASSWORD__", "value": "Passw0rd@123!"}])",
                    {{"if-Match", "*"}});
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_FALSE(Body(patch).contains("__PASSWORD__"));
  EXPECT_EQ(patch.body.find("Passw0rd@123!"), std::string::npos);
  EXPECT_EQ(log_->str().find("Passw0rd@123!"), std::string::npos);

  // A user with a login profile: DeleteUser conflicts, the cascade runs.
  auto deleted = Call("DELETE", "/openidm/system/aws/__ACCOUNT__/bjensen");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  EXPECT_EQ(Body(deleted)["_id"], "bjensen");
  EXPECT_EQ(Body(deleted)["Tags"], json::parse(R"([{"Key": "Project", "Value": "Meteor"}])"));
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/bjensen"), 404);
  ExpectError(Call("DELETE", "/openidm/system/aws/__ACCOUNT__/bjensen"), 404);
}

TEST_F(ServerRestTest, DeleteOfAPlainUserIsOneReadAndOneDeleteUser) {
  ASSERT_EQ(Create("plain", {{"Tags", {{{"Key", "Dept"}, {"Value", "Ops"}}}}}).status, 201);
  emulator_->ResetCallCounts();
  auto deleted = Call("DELETE", "/openidm/system/aws/__ACCOUNT__/plain");
  ASSERT_EQ(deleted.status, 200) << deleted.body;
  json d = Body(deleted);
  EXPECT_EQ(d["_id"], "plain");
  EXPECT_EQ(d["Arn"], "arn:aws:iam::123456789012:user/plain");
  EXPECT_EQ(d["Path"], "/");
  EXPECT_TRUE(d["UserId"].is_string());
  EXPECT_EQ(d["Tags"], json::parse(R"([{"Key": "Dept", "Value": "Ops"}])"));
  EXPECT_EQ(emulator_->CallCounts(),
            (std::map<std::string, std::uint64_t>{{"GetUser", 1}, {"DeleteUser", 1}}));
  // Asking for the id alone is the budget's single DeleteUser.
  ASSERT_EQ(Create("plain2").status, 201);
  emulator_->ResetCallCounts();
  ASSERT_EQ(Call("DELETE", "/openidm/system/aws/__ACCOUNT__/plain2?_fields=_id").status, 200);
  EXPECT_EQ(emulator_->CallCounts(), (std::map<std::string, std::uint64_t>{{"DeleteUser", 1}}));
}

TEST_F(ServerRestTest, PutWithIfNoneMatchCreatesAndDuplicateIs412) {
  auto created = Call("PUT", "/openidm/system/aws/__ACCOUNT__/frank%40example.com",
                      R"({"__NAME__": "frank@example.com"})", {{"If-None-Match", "*"}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(Body(created)["_id"], "frank@example.com");
  auto read = Call("GET", "/openidm/system/aws/__ACCOUNT__/frank%40example.com");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Body(read)["__NAME__"], "frank@example.com");
  ExpectError(Create("frank@example.com"), 412);
  ExpectError(Create("FRANK@example.com"), 412);  // IAM names are case-insensitive
}

TEST_F(ServerRestTest, Queries) {
  for (const char* n : {"carol", "alice", "bob"}) ASSERT_EQ(Create(n).status, 201);
  auto ids = Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryId=query-all-ids");
  ASSERT_EQ(ids.status, 200) << ids.body;
  json b = Body(ids);
  EXPECT_EQ(b["resultCount"], 3);
  EXPECT_TRUE(b["pagedResultsCookie"].is_null());
  EXPECT_EQ(b["totalPagedResultsPolicy"], "NONE");
  EXPECT_EQ(b["totalPagedResults"], -1);
  EXPECT_EQ(b["remainingPagedResults"], -1);
  for (const auto& o : b["result"]) EXPECT_EQ(o.size(), 1u) << o;

  auto all = Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryId=query-all");
  ASSERT_EQ(all.status, 200);
  EXPECT_TRUE(Body(all)["result"][0].contains("Arn"));

  auto eq = Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryFilter=__NAME__%20eq%20%22alice%22");
  ASSERT_EQ(eq.status, 200) << eq.body;
  ASSERT_EQ(Body(eq)["resultCount"], 1);
  EXPECT_EQ(Body(eq)["result"][0]["_id"], "alice");

  auto sorted = Call("GET",
                     "/openidm/system/aws/__ACCOUNT__?_queryFilter=true&_sortKeys=-__NAME__"
                     "&_fields=__NAME__");
  ASSERT_EQ(sorted.status, 200) << sorted.body;
  EXPECT_EQ(Body(sorted)["result"][0]["_id"], "carol");
  EXPECT_EQ(Body(sorted)["result"][2]["_id"], "alice");

  // Paging: two pages of 2 and 1 joined by the cookie.
  auto page1 = Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryId=query-all-ids&_pageSize=2");
  ASSERT_EQ(page1.status, 200) << page1.body;
  json p1 = Body(page1);
  ASSERT_EQ(p1["resultCount"], 2);
  ASSERT_TRUE(p1["pagedResultsCookie"].is_string());
  std::string cookie = p1["pagedResultsCookie"];
  std::string encoded = text::PercentEncode(cookie);
  auto page2 = Call("GET",
                    "/openidm/system/aws/__ACCOUNT__?_queryId=query-all-ids&_pageSize=2"
                    "&_pagedResultsCookie=" +
                        encoded);
  ASSERT_EQ(page2.status, 200) << page2.body;
  EXPECT_EQ(Body(page2)["resultCount"], 1);
  EXPECT_TRUE(Body(page2)["pagedResultsCookie"].is_null());

  auto bad = Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryFilter=__NAME__%20eq");
  ExpectError(bad, 400, "position");
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryId=nope"), 400);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__"), 400);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryId=query-all-ids&_pageSize=x"),
              400);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__?_queryFilter=true&_fields=Nope"), 400);
}

TEST_F(ServerRestTest, GroupsAndPoliciesAreReadable) {
  auto policies = Call("GET", "/openidm/system/aws/__POLICY__?_queryId=query-all-ids");
  ASSERT_EQ(policies.status, 200) << policies.body;
  EXPECT_GT(Body(policies)["resultCount"].get<int>(), 0);
  auto groups = Call("GET", "/openidm/system/aws/__GROUP__?_queryId=query-all");
  ASSERT_EQ(groups.status, 200) << groups.body;
  ExpectError(Call("POST", "/openidm/system/aws/__POLICY__?_action=create", R"({"__NAME__": "p"})"),
              400);
}

TEST_F(ServerRestTest, BadRequests) {
  ExpectError(Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create", "{\"__NAME__\": "),
              400, "malformed JSON");
  ExpectError(Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create", ""), 400);
  ExpectError(
      Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create", std::string(10000, '[')), 413);
  ExpectError(Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create",
                   std::string(100, '[') + std::string(100, ']')),
              400, "nesting");
  ExpectError(Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create",
                   R"({"__NAME__": "bad name!"})"),
              400);
  ExpectError(Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=create",
                   R"({"__NAME__": "x", "Unknown": 1})"),
              400);
  ExpectError(Call("POST", "/openidm/system/aws/__ACCOUNT__?_action=frobnicate", "{}"), 400);
  ExpectError(Call("PATCH", "/openidm/system/aws/__ACCOUNT__/x", R"({"not": "an array"})"), 400);
}

TEST_F(ServerRestTest, ReadOnlyAttributeChangesAre400) {
  ASSERT_EQ(Create("ro").status, 201);
  auto put = Call("PUT", "/openidm/system/aws/__ACCOUNT__/ro",
                  R"({"__NAME__": "ro", "UserId": "AIDAFAKEFAKEFAKE"})");
  ExpectError(put, 400, "UserId");
  auto patch =
      Call("PATCH", "/openidm/system/aws/__ACCOUNT__/ro",
           R"([{"operation": "replace", "field": "Arn", "value": "arn:aws:iam::1:user/x"}])");
  ExpectError(patch, 400, "Arn");
  auto still = Call("GET", "/openidm/system/aws/__ACCOUNT__/ro");
  EXPECT_EQ(Body(still)["Arn"], "arn:aws:iam::123456789012:user/ro");
}

TEST_F(ServerRestTest, PasswordPolicyViolationIs400AndCreatesNothing) {
  auto r = Create("weak", {{"__PASSWORD__", "a"}});
  ExpectError(r, 400);
  EXPECT_EQ(r.body.find("\"a\""), std::string::npos);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/weak"), 404);
}

TEST_F(ServerRestTest, DeleteConflictWithoutCascadeIs409) {
  auto created = Call("POST", "/openidm/system/nocascade/__ACCOUNT__?_action=create",
                      R"({"__NAME__": "attached", "__PASSWORD__": "Str0ng-Passw0rd!"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto r = Call("DELETE", "/openidm/system/nocascade/__ACCOUNT__/attached");
  ExpectError(r, 409);
  EXPECT_EQ(Call("GET", "/openidm/system/aws/__ACCOUNT__/attached").status, 200);
  // The cascading connector removes the login profile first.
  EXPECT_EQ(Call("DELETE", "/openidm/system/aws/__ACCOUNT__/attached").status, 200);
}

TEST_F(ServerRestTest, EmulatorDownIs503) {
  ExpectError(Call("GET", "/openidm/system/down/__ACCOUNT__/bjensen"), 503);
  ExpectError(Call("GET", "/openidm/system/down/__ACCOUNT__?_queryId=query-all-ids"), 503);
  auto test = Call("POST", "/openidm/system/down?_action=test");
  ASSERT_EQ(test.status, 200);
  EXPECT_EQ(Body(test)["ok"], false);
  EXPECT_TRUE(Body(test)["error"].is_string());
}

TEST_F(ServerRestTest, UnknownPathsAre404) {
  ExpectError(Call("GET", "/openidm/system/nosuch/__ACCOUNT__/x"), 404, "nosuch");
  ExpectError(Call("GET", "/openidm/system/aws/__WIDGET__/x"), 404, "__WIDGET__");
  ExpectError(Call("GET", "/openidm/managed/user"), 404);
  ExpectError(Call("GET", "/elsewhere"), 404);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/a/b"), 404);
  ExpectError(Call("GET", "/openidm/config/provisioner.openicf/nosuch"), 404);
  ExpectError(Call("GET", "/openidm/system/aws/__ACCOUNT__/%zz"), 400);
}

TEST_F(ServerRestTest, TestActionsAndConfigEndpoint) {
  auto one = Call("POST", "/openidm/system/aws?_action=test");
  ASSERT_EQ(one.status, 200) << one.body;
  json t = Body(one);
  EXPECT_EQ(t["name"], "aws");
  EXPECT_EQ(t["enabled"], true);
  EXPECT_EQ(t["config"], "config/provisioner.openicf/aws");
  EXPECT_EQ(t["connectorRef"]["connectorName"],
            "org.forgerock.openicf.connectors.aws.AwsConnector");
  EXPECT_EQ(t["displayName"], "AWS Connector");
  EXPECT_NE(std::find(t["objectTypes"].begin(), t["objectTypes"].end(), "__ACCOUNT__"),
            t["objectTypes"].end());
  EXPECT_EQ(t["ok"], true);

  auto all = Call("POST", "/openidm/system?_action=test");
  ASSERT_EQ(all.status, 200);
  ASSERT_EQ(Body(all).size(), 3u);
  EXPECT_EQ(Body(all)[0]["ok"], true);
  EXPECT_EQ(Body(all)[2]["ok"], false);

  auto config = Call("GET", "/openidm/config/provisioner.openicf/aws");
  ASSERT_EQ(config.status, 200) << config.body;
  json c = Body(config);
  EXPECT_EQ(c["_id"], "provisioner.openicf/aws");
  EXPECT_EQ(c["configurationProperties"]["secretKey"], "****");
  EXPECT_EQ(c["configurationProperties"]["accessKeyId"], "AKIAEXAMPLEKEY");
  EXPECT_EQ(c["configurationProperties"]["pageSize"], 100);
  EXPECT_TRUE(c["objectTypes"].contains("__ACCOUNT__"));
  EXPECT_TRUE(c["objectTypes"]["__ACCOUNT__"]["properties"].contains("__NAME__"));
  ExpectError(Call("POST", "/openidm/system/aws?_action=nope"), 400);
  ExpectError(Call("DELETE", "/openidm/config/provisioner.openicf/aws"), 405);
}

TEST_F(ServerRestTest, OneLogLinePerRequestWithIamCalls) {
  ASSERT_EQ(Create("logged").status, 201);
  Call("GET", "/openidm/system/aws/__ACCOUNT__/logged");
  spdlog::default_logger()->flush();
  std::string log = log_->str();
  EXPECT_NE(log.find("method=POST path=/openidm/system/aws/__ACCOUNT__ status=201"),
            std::string::npos)
      << log;
  auto get_line = log.find("method=GET path=/openidm/system/aws/__ACCOUNT__/logged status=200");
  ASSERT_NE(get_line, std::string::npos) << log;
  std::string line = log.substr(get_line, log.find('\n', get_line) - get_line);
  EXPECT_NE(line.find("duration_ms="), std::string::npos);
  EXPECT_EQ(line.find("iam_calls=0"), std::string::npos) << line;
  EXPECT_EQ(log.find(kAdminPassword), std::string::npos);
}

}  // namespace
}  // namespace aic
