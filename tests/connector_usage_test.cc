// Usage attributes of __ACCOUNT__ from the IAM credential report (SPEC 11, docs/usage.md)
// through the ConnectorFacade, against the in-process emulator over loopback (admin endpoints
// and IAM enforcement on). The scenario: a console user with MFA whose key was used ten days
// ago and who signed in three days ago, a user with an unused old key and a key used now, a
// user with nothing. Every value is checked against IAM's own answers (GetUser,
// GetLoginProfile, ListAccessKeys, GetAccessKeyLastUsed), and every read's IAM calls are
// counted exactly: the report costs one GenerateCredentialReport and one GetCredentialReport
// per connector lifetime of the report, and nothing unless a usage attribute is asked.
#include <gtest/gtest.h>
#include <openssl/hmac.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/task.h"
#include "common/text_codec.h"
#include "iam/query_client.h"

namespace aic {
namespace {

using connector::ConnectorFacade;
using connector::QuerySpec;
using connector::RawOperationOptions;
using json = nlohmann::json;
using Counts = std::map<std::string, std::uint64_t>;

constexpr std::string_view kAccount = "__ACCOUNT__";
constexpr char kUsage[] =
    "__NAME__,mfaActive,passwordEnabled,passwordLastChanged,passwordNextRotation,lastActivity,"
    "accessKeyUsage";
constexpr int kMaxPasswordAgeDays = 90;
constexpr std::int64_t kDay = 86400;
const char kPassword[] = "Console!passw0rd";
// Lets a user call IAM's read actions on itself (enforcement is on), and the reader below
// everything the connector reads except the credential report.
const char kSelfRead[] =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]})";
const char kReadNoReport[] =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},)"
    R"({"Effect":"Deny","Action":["iam:GenerateCredentialReport","iam:GetCredentialReport"],"Resource":"*"}]})";

// RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s steps) of a base32 seed, as an authenticator app
// computes it (the emulator checks the codes' form; AWS checks their value).
std::string Totp(std::string_view base32_seed, std::int64_t step) {
  std::string key;
  int bits = 0, value = 0;
  for (char c : base32_seed) {
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const char* p = std::strchr(alphabet, c);
    if (c == '=' || p == nullptr) continue;
    value = (value << 5) | static_cast<int>(p - alphabet);
    bits += 5;
    if (bits >= 8) {
      key += static_cast<char>((value >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  unsigned char message[8];
  for (int i = 7; i >= 0; --i, step >>= 8) message[i] = static_cast<unsigned char>(step & 0xFF);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message, sizeof message, digest,
       &length);
  const int offset = digest[length - 1] & 0x0F;
  const std::uint32_t code = ((digest[offset] & 0x7Fu) << 24) | (digest[offset + 1] << 16) |
                             (digest[offset + 2] << 8) | digest[offset + 3];
  char out[8];
  std::snprintf(out, sizeof out, "%06u", code % 1000000u);
  return out;
}

std::string PlusDays(const std::string& date, int days) {
  return text::FormatIso8601(*text::ParseIso8601(date) + std::chrono::seconds(days * kDay));
}

class ConnectorUsageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    EmulatorOptions options;
    options.admin = true;
    options.enforce_iam = true;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = e->release();
  }
  static void TearDownTestSuite() {
    delete emulator_;
    emulator_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(emulator_->ResetState().ok());
    connector_ = Make("test", SecretString("test"));
    facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
    auto t = MakeCurlTransport(TransportOptions{});
    ASSERT_TRUE(t.ok());
    http_ = std::shared_ptr<HttpTransport>(std::move(*t));
    Credentials root;
    root.access_key_id = "test";
    root.secret_access_key = SecretString("test");
    QueryClientOptions q;
    q.endpoint = emulator_->endpoint();
    raw_ = std::make_unique<QueryClient>(q, http_, MakeStaticCredentialsProvider(root));
    BuildScenario();
    emulator_->ResetCallCounts();
  }
  void TearDown() override { emulator_->SetClockOffset(std::chrono::seconds(0)); }

  static std::unique_ptr<AwsConnector> Make(const std::string& key, SecretString secret,
                                            const std::string& region = "us-east-1") {
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = key;
    c.secret_key = std::move(secret);
    c.region = region;
    c.max_retries = 0;
    auto made = AwsConnector::Create(c);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? std::move(*made) : nullptr;
  }
  IamClient& iam() { return connector_->iam(); }
  Counts TakeCounts() {
    Counts c = emulator_->CallCounts();
    emulator_->ResetCallCounts();
    return c;
  }
  void MoveClock(std::int64_t seconds) { emulator_->SetClockOffset(std::chrono::seconds(seconds)); }

  // A signed IAM call with the user's own key, in `region`: the key's last use.
  void UseKey(const AccessKey& key, const std::string& region) {
    auto own = Make(key.access_key_id, key.secret_access_key, region);
    auto me = Wait(own->iam().GetUser(key.user_name));
    ASSERT_TRUE(me.ok()) << me.status().ToString();
  }
  void SignIn(const std::string& user, const std::string& password) {
    HttpRequest r;
    r.url = emulator_->endpoint() + "_emulator/console-sign-in";
    r.SetHeader("Content-Type", "application/json");
    r.body = json{{"userName", user}, {"password", password}}.dump();
    auto reply = http_->Send(r);
    ASSERT_TRUE(reply.ok()) << reply.status().ToString();
    ASSERT_EQ(reply->status, 200) << reply->body;
  }
  void EnableVirtualMfa(const std::string& user) {
    auto made = raw_->Call("CreateVirtualMFADevice", {{"VirtualMFADeviceName", user + "-mfa"}});
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    pugi::xml_node device = made->result.child("VirtualMFADevice");
    const std::string serial = device.child_value("SerialNumber");
    const std::string seed = device.child_value("Base32StringSeed");
    ASSERT_FALSE(seed.empty());
    const std::int64_t step =
        std::chrono::duration_cast<std::chrono::seconds>(emulator_->Now().time_since_epoch())
            .count() /
        30;
    auto enabled = raw_->Call("EnableMFADevice", {{"UserName", user},
                                                  {"SerialNumber", serial},
                                                  {"AuthenticationCode1", Totp(seed, step - 1)},
                                                  {"AuthenticationCode2", Totp(seed, step)}});
    ASSERT_TRUE(enabled.ok()) << enabled.status().ToString();
  }
  // IAM's own record of a key's last use (GetAccessKeyLastUsed).
  json KeyLastUsed(const std::string& key_id) {
    auto got = raw_->Call("GetAccessKeyLastUsed", {{"AccessKeyId", key_id}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok()) return json();
    pugi::xml_node last = got->result.child("AccessKeyLastUsed");
    std::string date = last.child_value("LastUsedDate");
    return {{"LastUsedDate", date.empty() ? json(nullptr) : json(text::NormalizeIso8601(date))},
            {"Region", last.child_value("Region")},
            {"ServiceName", last.child_value("ServiceName")}};
  }

  // alice: password (policy: 90 days), MFA, key A used 10 days ago in eu-west-1, console
  // sign-in 3 days ago. bob: key B1 made 20 days ago and never used, key B2 used now. carol:
  // nothing.
  void BuildScenario() {
    PasswordPolicy policy;
    policy.minimum_password_length = 8;
    policy.max_password_age = kMaxPasswordAgeDays;
    ASSERT_TRUE(Wait(iam().UpdateAccountPasswordPolicy(policy)).ok());
    for (const char* u : {"alice", "bob", "carol"}) {
      ASSERT_TRUE(Wait(iam().CreateUser(u)).ok());
      ASSERT_TRUE(Wait(iam().PutUserPolicy(u, "self", kSelfRead)).ok());
    }
    MoveClock(-20 * kDay);
    auto b1 = Wait(iam().CreateAccessKey("bob"));
    ASSERT_TRUE(b1.ok());
    bob_unused_ = b1->access_key_id;
    MoveClock(-12 * kDay);
    ASSERT_TRUE(Wait(iam().CreateLoginProfile("alice", SecretString(kPassword), false)).ok());
    auto a = Wait(iam().CreateAccessKey("alice"));
    ASSERT_TRUE(a.ok());
    alice_key_ = a->access_key_id;
    EnableVirtualMfa("alice");
    MoveClock(-10 * kDay);
    UseKey(*a, "eu-west-1");
    MoveClock(-3 * kDay);
    SignIn("alice", kPassword);
    MoveClock(0);
    auto b2 = Wait(iam().CreateAccessKey("bob"));
    ASSERT_TRUE(b2.ok());
    bob_used_ = b2->access_key_id;
    UseKey(*b2, "us-west-2");
  }

  static RawOperationOptions Fields(std::string fields) {
    RawOperationOptions o;
    if (!fields.empty()) o.fields = std::move(fields);
    return o;
  }
  Result<json> Read(std::string_view id, std::string fields = "") {
    return Wait(facade_->Get(kAccount, id, Fields(std::move(fields))));
  }
  Result<connector::QueryResult> Search(std::string filter, std::string fields) {
    QuerySpec q;
    q.query_filter = std::move(filter);
    return Wait(facade_->Query(kAccount, q, Fields(std::move(fields))));
  }
  // ListAccessKeys' entry of `key_id` (these calls count: take the counts first).
  AccessKeyMetadata Key(const std::string& user, const std::string& key_id) {
    auto keys = Wait(iam().ListAccessKeys(user));
    EXPECT_TRUE(keys.ok());
    for (const auto& k : keys->items) {
      if (k.access_key_id == key_id) return k;
    }
    ADD_FAILURE() << key_id;
    return {};
  }

  static Emulator* emulator_;
  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<ConnectorFacade> facade_;
  std::shared_ptr<HttpTransport> http_;
  std::unique_ptr<QueryClient> raw_;
  std::string alice_key_, bob_unused_, bob_used_;
};

Emulator* ConnectorUsageTest::emulator_ = nullptr;

TEST_F(ConnectorUsageTest, GetWithUsageExactValuesAndCalls) {
  auto alice = Read("alice", std::string(kUsage) + ",accessKeys,PasswordLastUsed");
  ASSERT_TRUE(alice.ok()) << alice.status().ToString();
  // The usual calls (GetUser, ListAccessKeys) + one report.
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 1},
                                  {"ListAccessKeys", 1},
                                  {"GenerateCredentialReport", 1},
                                  {"GetCredentialReport", 1}}));

  // IAM's own answers.
  auto user = Wait(iam().GetUser("alice"));
  auto profile = Wait(iam().GetLoginProfile("alice"));
  ASSERT_TRUE(user.ok() && profile.ok());
  const AccessKeyMetadata key = Key("alice", alice_key_);
  const json used = KeyLastUsed(alice_key_);
  ASSERT_FALSE(user->password_last_used.empty());
  ASSERT_TRUE(used["LastUsedDate"].is_string());
  // The sign-in (3 days ago) is later than the key's use (10 days ago).
  ASSERT_GT(user->password_last_used, used["LastUsedDate"].get<std::string>());

  const json& a = *alice;
  EXPECT_EQ(a["mfaActive"], true);
  EXPECT_EQ(a["passwordEnabled"], true);
  EXPECT_EQ(a["passwordLastChanged"], profile->create_date);
  EXPECT_EQ(a["passwordNextRotation"], PlusDays(profile->create_date, kMaxPasswordAgeDays));
  EXPECT_EQ(a["lastActivity"], user->password_last_used);
  EXPECT_EQ(a["PasswordLastUsed"], user->password_last_used);
  const json slot = {{"slot", 1},
                     {"active", true},
                     {"LastRotated", key.create_date},
                     {"LastUsedDate", used["LastUsedDate"]},
                     {"LastUsedRegion", "eu-west-1"},
                     {"LastUsedService", "iam"}};
  EXPECT_EQ(a["accessKeyUsage"], json::array({slot})) << a.dump(2);
  EXPECT_EQ(used["Region"], "eu-west-1");
  EXPECT_EQ(used["ServiceName"], "iam");
  // accessKeys asked together with usage: each key joined to its slot.
  EXPECT_EQ(a["accessKeys"], json::array({{{"AccessKeyId", alice_key_},
                                           {"Status", "Active"},
                                           {"CreateDate", key.create_date},
                                           {"LastUsedDate", used["LastUsedDate"]},
                                           {"LastUsedService", "iam"},
                                           {"LastUsedRegion", "eu-west-1"},
                                           {"LastRotated", key.create_date}}}))
      << a["accessKeys"].dump(2);
  TakeCounts();

  // A second read within the report's lifetime: no report call.
  auto again = Read("alice", kUsage);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 1}}));
  EXPECT_EQ((*again)["lastActivity"], a["lastActivity"]);

  // accessKeys alone, and the default attributes: the report is not read.
  auto keys_only = Read("alice", "accessKeys");
  ASSERT_TRUE(keys_only.ok());
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 1}, {"ListAccessKeys", 1}}));
  EXPECT_EQ(
      (*keys_only)["accessKeys"],
      json::array(
          {{{"AccessKeyId", alice_key_}, {"Status", "Active"}, {"CreateDate", key.create_date}}}));
  auto defaults = Read("alice");
  ASSERT_TRUE(defaults.ok());
  const Counts counts = TakeCounts();
  EXPECT_EQ(counts.count("GenerateCredentialReport") + counts.count("GetCredentialReport"), 0u);
  for (const char* attr : {"mfaActive", "lastActivity", "accessKeyUsage", "passwordEnabled"}) {
    EXPECT_FALSE(defaults->contains(attr)) << attr;
  }
}

TEST_F(ConnectorUsageTest, KeysJoinedToTheirSlotsByCreateDate) {
  auto bob = Read("bob", std::string(kUsage) + ",accessKeys");
  ASSERT_TRUE(bob.ok()) << bob.status().ToString();
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 1},
                                  {"ListAccessKeys", 1},
                                  {"GenerateCredentialReport", 1},
                                  {"GetCredentialReport", 1}}));
  const AccessKeyMetadata unused = Key("bob", bob_unused_);
  const AccessKeyMetadata used_key = Key("bob", bob_used_);
  const json used = KeyLastUsed(bob_used_);
  EXPECT_TRUE(KeyLastUsed(bob_unused_)["LastUsedDate"].is_null());
  const json& b = *bob;
  EXPECT_EQ(b["mfaActive"], false);
  EXPECT_EQ(b["passwordEnabled"], false);
  EXPECT_EQ(b["passwordLastChanged"], nullptr);
  EXPECT_EQ(b["passwordNextRotation"], nullptr);
  EXPECT_EQ(b["lastActivity"], used["LastUsedDate"]);
  EXPECT_EQ(b["accessKeyUsage"], json::array({{{"slot", 1},
                                               {"active", true},
                                               {"LastRotated", unused.create_date},
                                               {"LastUsedDate", nullptr},
                                               {"LastUsedRegion", nullptr},
                                               {"LastUsedService", nullptr}},
                                              {{"slot", 2},
                                               {"active", true},
                                               {"LastRotated", used_key.create_date},
                                               {"LastUsedDate", used["LastUsedDate"]},
                                               {"LastUsedRegion", "us-west-2"},
                                               {"LastUsedService", "iam"}}}))
      << b.dump(2);
  std::map<std::string, json> by_id;
  for (const auto& k : b["accessKeys"]) by_id[k["AccessKeyId"].get<std::string>()] = k;
  ASSERT_EQ(by_id.size(), 2u);
  EXPECT_EQ(by_id[bob_unused_]["LastUsedDate"], nullptr);
  EXPECT_EQ(by_id[bob_unused_]["LastRotated"], unused.create_date);
  EXPECT_EQ(by_id[bob_used_]["LastUsedDate"], used["LastUsedDate"]);
  EXPECT_EQ(by_id[bob_used_]["LastUsedService"], "iam");
  EXPECT_EQ(by_id[bob_used_]["LastUsedRegion"], "us-west-2");
  EXPECT_EQ(by_id[bob_used_]["LastRotated"], used_key.create_date);

  auto carol = Read("carol", kUsage);
  ASSERT_TRUE(carol.ok());
  EXPECT_EQ(*carol, (json{{"_id", "carol"},
                          {"__NAME__", "carol"},
                          {"mfaActive", false},
                          {"passwordEnabled", false},
                          {"passwordLastChanged", nullptr},
                          {"passwordNextRotation", nullptr},
                          {"lastActivity", nullptr},
                          {"accessKeyUsage", json::array()}}));
}

TEST_F(ConnectorUsageTest, ReportLagsChangesMadeAfterIt) {
  ASSERT_TRUE(Read("carol", kUsage).ok());
  // After the report: a new user and a new key for carol. Within the report's lifetime the
  // connector answers from it: the new user's usage is unknown (null), the new key has no slot.
  ASSERT_TRUE(Wait(iam().CreateUser("dave")).ok());
  auto key = Wait(iam().CreateAccessKey("carol"));
  ASSERT_TRUE(key.ok());
  TakeCounts();
  auto dave = Read("dave", kUsage);
  ASSERT_TRUE(dave.ok());
  for (const char* attr : {"mfaActive", "passwordEnabled", "passwordLastChanged",
                           "passwordNextRotation", "lastActivity", "accessKeyUsage"}) {
    EXPECT_TRUE((*dave)[attr].is_null()) << attr;
  }
  auto carol = Read("carol", "accessKeys,lastActivity");
  ASSERT_TRUE(carol.ok());
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 2}, {"ListAccessKeys", 1}}));
  ASSERT_EQ((*carol)["accessKeys"].size(), 1u);
  const json& k = (*carol)["accessKeys"][0];
  for (const char* f : {"LastUsedDate", "LastUsedService", "LastUsedRegion", "LastRotated"}) {
    EXPECT_TRUE(k[f].is_null()) << f;
  }
}

TEST_F(ConnectorUsageTest, SearchReadsOneReportPerRequest) {
  auto all = Search("true", "__NAME__,mfaActive,lastActivity");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(
      TakeCounts(),
      (Counts{{"ListUsers", 1}, {"GenerateCredentialReport", 1}, {"GetCredentialReport", 1}}));
  std::map<std::string, json> by_name;
  for (const auto& o : all->result) by_name[o["__NAME__"].get<std::string>()] = o;
  ASSERT_EQ(by_name.size(), 3u);
  EXPECT_EQ(by_name["alice"]["mfaActive"], true);
  EXPECT_EQ(by_name["bob"]["mfaActive"], false);
  EXPECT_EQ(by_name["carol"]["lastActivity"], nullptr);
  EXPECT_EQ(by_name["bob"]["lastActivity"], KeyLastUsed(bob_used_)["LastUsedDate"]);
  TakeCounts();

  // A filter on a usage attribute, evaluated over the joined values, from the cached report;
  // a lookup by name likewise.
  auto with_mfa = Search("mfaActive eq true", "__NAME__");
  ASSERT_TRUE(with_mfa.ok()) << with_mfa.status().ToString();
  ASSERT_EQ(with_mfa->result.size(), 1u);
  EXPECT_EQ(with_mfa->result[0]["__NAME__"], "alice");
  auto one = Search("__NAME__ eq \"bob\"", "__NAME__,accessKeyUsage");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->result.size(), 1u);
  EXPECT_EQ(one->result[0]["accessKeyUsage"].size(), 2u);
  EXPECT_EQ(TakeCounts(), (Counts{{"ListUsers", 1}, {"GetUser", 1}}));

  // Searches without usage attributes never read the report.
  ASSERT_TRUE(Search("true", "__NAME__,accessKeys").ok());
  const Counts counts = TakeCounts();
  EXPECT_EQ(counts.count("GenerateCredentialReport") + counts.count("GetCredentialReport"), 0u);
}

TEST_F(ConnectorUsageTest, RefusedReportFailsTheReadNamingThePermission) {
  ASSERT_TRUE(Wait(iam().CreateUser("reader")).ok());
  ASSERT_TRUE(Wait(iam().PutUserPolicy("reader", "read", kReadNoReport)).ok());
  auto key = Wait(iam().CreateAccessKey("reader"));
  ASSERT_TRUE(key.ok());
  auto reader = Make(key->access_key_id, key->secret_access_key);
  ConnectorFacade facade(reader->GetSchema(), reader->Ops());
  TakeCounts();
  // Without usage attributes the reader reads as before.
  auto plain = Wait(facade.Get(kAccount, "alice", Fields("__NAME__,accessKeys")));
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  // With them the read fails (403), saying which permissions the usage needs.
  auto usage = Wait(facade.Get(kAccount, "alice", Fields("__NAME__,lastActivity")));
  ASSERT_FALSE(usage.ok());
  EXPECT_EQ(usage.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_NE(usage.status().message().find(
                "the credential report (usage attributes) needs iam:GenerateCredentialReport and "
                "iam:GetCredentialReport: GenerateCredentialReport: "),
            std::string::npos)
      << usage.status().message();
  ASSERT_TRUE(usage.status().aws().has_value());
  EXPECT_EQ(usage.status().aws()->code, "AccessDenied");
  auto searched =
      Wait(facade.Query(kAccount, QuerySpec{"true", std::nullopt}, Fields("__NAME__,mfaActive")));
  ASSERT_FALSE(searched.ok());
  EXPECT_EQ(searched.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(TakeCounts(), (Counts{{"GetUser", 2},
                                  {"ListAccessKeys", 1},
                                  {"ListUsers", 1},
                                  {"GenerateCredentialReport", 2}}));
}

}  // namespace
}  // namespace aic
