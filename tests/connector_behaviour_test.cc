// The AWS IAM connector's behaviour suite (SPEC 4), through the ConnectorFacade as the REST
// server calls it, against a real IAM endpoint over loopback:
//   - connector_emulator_test: the in-process emulator (call counters, fault injection);
//   - connector_moto_test (AIC_BACKEND_MOTO): moto's server started on a free port. Tests that
//     need emulator-only features (counters, faults, strict signatures) or where moto is not
//     faithful are skipped there with a reason (see kMoto* notes below).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/credentials.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/http_transport.h"
#include "aws_iam_connector/task.h"
#include "iam/query_client.h"
#include "support/child_process.h"

namespace aic {
namespace {

using connector::ConnectorFacade;
using connector::QuerySpec;
using connector::RawOperationOptions;
using json = nlohmann::json;

// Distinct suite names, so CTest tells the two executables' tests apart.
#ifdef AIC_BACKEND_MOTO
constexpr bool kMoto = true;
#define AIC_BEHAVIOUR_SUITE MotoConnectorBehaviourTest
#define AIC_SEARCH_SUITE MotoConnectorSearchTest
#else
constexpr bool kMoto = false;
#define AIC_BEHAVIOUR_SUITE ConnectorBehaviourTest
#define AIC_SEARCH_SUITE ConnectorSearchTest
#endif

constexpr std::string_view kAccount = "__ACCOUNT__";
constexpr std::string_view kGoodPassword = "Passw0rd@123!";
const std::string kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const std::string kIamReadOnly = "arn:aws:iam::aws:policy/IAMReadOnlyAccess";
// `_fields` with every readable account attribute but the per-user ones ("*" alone means the
// defaults; in a list it adds nothing).
const std::string kAccountFields =
    "__NAME__,UserId,Arn,Path,CreatedDate,PasswordLastUsed,PermissionsBoundary,Tags,groups,"
    "policies,inlinePolicies";

#define SKIP_ON_MOTO(why) \
  if (kMoto) GTEST_SKIP() << "moto: " << why

// One IAM backend for the whole suite (starting moto takes a few seconds).
class Backend {
 public:
  static Backend& Get() {
    if (instance_ == nullptr) instance_ = new Backend();
    return *instance_;
  }
  // Stops what Get() started (moto's server is killed here, at the end of the program).
  static void Shutdown() {
    delete instance_;
    instance_ = nullptr;
  }
  std::string endpoint() const { return endpoint_; }
  Emulator* emulator() { return emulator_.get(); }
  void Reset() {
    if (emulator_) {
      ASSERT_TRUE(emulator_->ResetState().ok());
      return;
    }
    HttpRequest req;
    req.url = endpoint_ + "moto-api/reset";
    auto r = transport_->Send(req);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->status, 200);
  }
  ~Backend() {
    if (moto_) moto_->Stop();
  }

 private:
  Backend() {
    if (!kMoto) {
      EmulatorOptions options;
      options.threads = 4;
      auto e = Emulator::Start(options);
      if (!e.ok()) {
        ADD_FAILURE() << e.status().ToString();
        return;
      }
      emulator_ = std::move(*e);
      endpoint_ = emulator_->endpoint();
      return;
    }
    // moto has AWS-managed policies only when asked to load them.
    ::setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true", 1);
    int port = testing::PickFreePort();
    testing::ChildOptions child_options;
    child_options.capture_stdout = false;
    child_options.quiet_stderr = true;
    auto child = testing::ChildProcess::Start(
        {"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", std::to_string(port)},
        child_options);
    if (!child.ok() || !testing::WaitForPort(port, std::chrono::seconds(30))) {
      ADD_FAILURE() << "moto did not start";
      return;
    }
    moto_ = std::move(*child);
    endpoint_ = "http://127.0.0.1:" + std::to_string(port) + "/";
    auto t = MakeCurlTransport(TransportOptions{});
    transport_ = std::move(*t);
  }
  static inline Backend* instance_ = nullptr;
  std::unique_ptr<Emulator> emulator_;
  std::unique_ptr<testing::ChildProcess> moto_;
  std::unique_ptr<HttpTransport> transport_;
  std::string endpoint_;
};

class BackendEnvironment : public ::testing::Environment {
 public:
  void TearDown() override { Backend::Shutdown(); }
};
[[maybe_unused]] ::testing::Environment* const kBackendEnvironment =
    ::testing::AddGlobalTestEnvironment(new BackendEnvironment);

class AIC_BEHAVIOUR_SUITE : public ::testing::Test {
 protected:
  void SetUp() override {
    Backend::Get().Reset();
    connector_ = MakeConnector(Config());
    ASSERT_NE(connector_, nullptr);
    facade_ = std::make_unique<ConnectorFacade>(connector_->GetSchema(), connector_->Ops());
    // Fixture groups and a local policy, made directly with the IAM client.
    ASSERT_TRUE(Wait(iam().CreateGroup("engineering")).ok());
    ASSERT_TRUE(Wait(iam().CreateGroup("sales")).ok());
    ASSERT_TRUE(Wait(iam().CreateGroup("ops")).ok());
    auto p = Wait(iam().CreatePolicy(
        "LocalPolicy",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})"));
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    local_policy_ = p->arn;
  }

  AwsConnectorConfig Config() {
    AwsConnectorConfig c;
    c.endpoint = Backend::Get().endpoint();
    c.sts_endpoint = Backend::Get().endpoint();
    c.access_key_id = "test";
    c.secret_key = SecretString("test");
    // moto answers unimplemented actions with a 5xx: do not wait long on those. 20 is the
    // property's maximum: at 30% throttling a call fails 21 times in a row once in 10^11.
    c.max_retries = kMoto ? 2 : 20;
    return c;
  }
  static std::unique_ptr<AwsConnector> MakeConnector(const AwsConnectorConfig& config) {
    auto c = AwsConnector::Create(config);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }
  IamClient& iam() { return connector_->iam(); }
  std::map<std::string, std::uint64_t> Counts() { return Backend::Get().emulator()->CallCounts(); }
  void ResetCounts() {
    if (!kMoto) Backend::Get().emulator()->ResetCallCounts();
  }

  Result<json> Create(json attributes, std::string fields = "") {
    RawOperationOptions o;
    if (!fields.empty()) o.fields = fields;
    return Wait(facade_->Create(kAccount, std::move(attributes), o));
  }
  Result<json> Read(std::string_view id, std::string fields = "") {
    RawOperationOptions o;
    if (!fields.empty()) o.fields = fields;
    return Wait(facade_->Get(kAccount, id, o));
  }
  Result<json> Put(std::string_view id, json attributes) {
    return Wait(facade_->Update(kAccount, id, std::move(attributes), {}));
  }
  Result<json> PatchUser(std::string_view id, json body) {
    return Wait(facade_->Patch(kAccount, id, body, {}));
  }
  Result<json> Remove(std::string_view id, std::string fields = "") {
    RawOperationOptions o;
    if (!fields.empty()) o.fields = fields;
    return Wait(facade_->Delete(kAccount, id, o));
  }
  Result<connector::QueryResult> Query(std::string_view oc, std::optional<std::string> filter,
                                       RawOperationOptions o = {},
                                       std::optional<std::string> query_id = std::nullopt) {
    QuerySpec spec;
    spec.query_filter = std::move(filter);
    spec.query_id = std::move(query_id);
    return Wait(facade_->Query(oc, spec, o));
  }
  std::vector<std::string> Ids(const connector::QueryResult& r) {
    std::vector<std::string> ids;
    for (const auto& o : r.result) ids.push_back(o["_id"].get<std::string>());
    return ids;
  }
  bool UserExists(const std::string& name) { return Wait(iam().GetUser(name)).ok(); }

  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<ConnectorFacade> facade_;
  std::string local_policy_;
};

// ---- The seed's scenarios --------------------------------------------------------------------

TEST_F(AIC_BEHAVIOUR_SUITE, SeedScenarioCreatePutQueryReadPatchDelete) {
  auto created = Create({{"__NAME__", "bjensen"}});
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ((*created)["_id"], "bjensen");
  EXPECT_EQ((*created)["__NAME__"], "bjensen");
  EXPECT_EQ((*created)["Path"], "/");
  EXPECT_TRUE((*created)["UserId"].is_string());
  EXPECT_EQ((*created)["Arn"], "arn:aws:iam::123456789012:user/bjensen");
  EXPECT_TRUE(std::regex_match((*created)["CreatedDate"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << (*created)["CreatedDate"];
  EXPECT_FALSE(created->contains("__PASSWORD__"));

  auto put = Put("bjensen", {{"__NAME__", "bjensen"},
                             {"Tags", json::array({{{"Key", "Project"}, {"Value", "Meteor"}}})}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ((*put)["Tags"], json::array({{{"Key", "Project"}, {"Value", "Meteor"}}}));
  EXPECT_EQ((*put)["UserId"], (*created)["UserId"]);

  ASSERT_TRUE(Create({{"__NAME__", "frank@example.com"}}).ok());
  auto all = Query(kAccount, std::nullopt, {}, "query-all-ids");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(Ids(*all), (std::vector<std::string>{"bjensen", "frank@example.com"}));
  EXPECT_EQ(all->result[0], json({{"_id", "bjensen"}}));
  EXPECT_FALSE(all->paged_results_cookie.has_value());

  auto read = Read("bjensen");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["Tags"], (*put)["Tags"]);
  EXPECT_EQ((*read)["CreatedDate"], (*created)["CreatedDate"]);

  auto patched = PatchUser("bjensen", json::array({{{"operation", "add"},
                                                    {"field", "__PASSWORD__"},
                                                    {"value", std::string(kGoodPassword)}}}));
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  EXPECT_FALSE(patched->contains("__PASSWORD__"));
  EXPECT_EQ((*patched)["Tags"], (*put)["Tags"]);
  EXPECT_TRUE(Wait(iam().GetLoginProfile("bjensen")).ok());

  auto deleted = Remove("bjensen");
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ((*deleted)["_id"], "bjensen");
  EXPECT_EQ((*deleted)["Tags"], (*put)["Tags"]);
  auto gone = Read("bjensen");
  EXPECT_EQ(gone.status().code(), ErrorCode::kUnknownUid);
}

TEST_F(AIC_BEHAVIOUR_SUITE, CreateWithEverythingReadsBackTheSame) {
  json input = {{"__USER__", "alice"},
                {"Path", "/eng/"},
                {"PermissionBoundary", kIamReadOnly},
                {"Tags", json::array({{{"Key", "Dept"}, {"Value", "R+D"}}})},
                {"__PASSWORD__", std::string(kGoodPassword)},
                {"groups", json::array({"engineering", "ops"})},
                {"policies", json::array({kReadOnly, local_policy_})}};
  auto created = Create(input, kAccountFields + ",PasswordResetRequired");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto read = Read("alice", kAccountFields + ",PasswordResetRequired");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  std::vector<std::string> compared = {"_id",         "__NAME__", "UserId", "Arn",     "Path",
                                       "CreatedDate", "Tags",     "groups", "policies"};
  // moto: GetUser omits PermissionsBoundary and GetLoginProfile reports
  // PasswordResetRequired=false whatever was set.
  if (!kMoto) {
    compared.push_back("PermissionsBoundary");
    compared.push_back("PasswordResetRequired");
  }
  for (const auto& a : compared) {
    json got = (*read)[a], made = (*created)[a];
    if (got.is_array()) {
      std::sort(got.begin(), got.end());
      std::sort(made.begin(), made.end());
    }
    EXPECT_EQ(got, made) << a;
  }
  EXPECT_EQ((*read)["Path"], "/eng/");
  EXPECT_EQ((*read)["Arn"], "arn:aws:iam::123456789012:user/eng/alice");
  if (!kMoto) EXPECT_EQ((*read)["PasswordResetRequired"], true);
  EXPECT_EQ((*read)["inlinePolicies"], json::array());
}

// ---- Failure paths ---------------------------------------------------------------------------

TEST_F(AIC_BEHAVIOUR_SUITE, DuplicateNameIsAlreadyExistsAndChangesNothing) {
  ASSERT_TRUE(Create({{"__NAME__", "bjensen"}, {"Path", "/a/"}}).ok());
  auto again = Create({{"__NAME__", "bjensen"}, {"Path", "/b/"}});
  EXPECT_EQ(again.status().code(), ErrorCode::kAlreadyExists) << again.status().ToString();
  ASSERT_TRUE(again.status().aws().has_value());
  EXPECT_EQ(again.status().aws()->action, "CreateUser");
  EXPECT_EQ(again.status().aws()->code, "EntityAlreadyExists");
  auto read = Read("bjensen");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["Path"], "/a/");
}

TEST_F(AIC_BEHAVIOUR_SUITE, UnknownUserIsUnknownUid) {
  EXPECT_EQ(Read("nobody").status().code(), ErrorCode::kUnknownUid);
  EXPECT_EQ(Put("nobody", {{"Path", "/x/"}}).status().code(), ErrorCode::kUnknownUid);
  EXPECT_EQ(Remove("nobody").status().code(), ErrorCode::kUnknownUid);
  EXPECT_EQ(Remove("nobody", "_id").status().code(), ErrorCode::kUnknownUid);
  auto r = Read("nobody");
  ASSERT_TRUE(r.status().aws().has_value());
  EXPECT_EQ(r.status().aws()->code, "NoSuchEntity");
}

TEST_F(AIC_BEHAVIOUR_SUITE, BadPasswordCreatesNothing) {
  ResetCounts();
  auto r = Create({{"__NAME__", "weak"}, {"__PASSWORD__", "short"}});
  EXPECT_EQ(r.status().code(), ErrorCode::kPasswordPolicyViolation) << r.status().ToString();
  EXPECT_EQ(r.status().message().find("short"), std::string::npos);
  EXPECT_FALSE(UserExists("weak"));
  if (!kMoto) {
    auto counts = Counts();
    EXPECT_EQ(counts.count("CreateUser"), 0u);
    EXPECT_EQ(counts["GetAccountPasswordPolicy"], 1u);
  }
  // An account policy that requires symbols is honoured.
  PasswordPolicy policy;
  policy.minimum_password_length = 10;
  policy.require_symbols = true;
  ASSERT_TRUE(Wait(iam().UpdateAccountPasswordPolicy(policy)).ok());
  auto fresh = MakeConnector(Config());  // a fresh policy cache
  ConnectorFacade facade(fresh->GetSchema(), fresh->Ops());
  auto nosymbol =
      Wait(facade.Create(kAccount, {{"__NAME__", "u1"}, {"__PASSWORD__", "Abcdefgh12"}}, {}));
  EXPECT_EQ(nosymbol.status().code(), ErrorCode::kPasswordPolicyViolation);
  auto ok = Wait(facade.Create(kAccount, {{"__NAME__", "u1"}, {"__PASSWORD__", "Abcdefgh1!"}}, {}));
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
}

TEST_F(AIC_BEHAVIOUR_SUITE, UnknownPolicyOrGroupRollsBackTheCreate) {
  auto r = Create({{"__NAME__", "carol"},
                   {"__PASSWORD__", std::string(kGoodPassword)},
                   {"groups", json::array({"engineering"})},
                   {"policies", json::array({"arn:aws:iam::123456789012:policy/Nope"})}});
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidAttributeValue) << r.status().ToString();
  EXPECT_NE(r.status().message().find("AttachUserPolicy"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("rolled back"), std::string::npos);
  EXPECT_FALSE(UserExists("carol"));
  auto members = Wait(iam().GetGroup("engineering"));
  ASSERT_TRUE(members.ok());
  EXPECT_TRUE(members->users.items.empty());

  auto g = Create({{"__NAME__", "carol"}, {"groups", json::array({"nogroup"})}});
  EXPECT_EQ(g.status().code(), ErrorCode::kInvalidAttributeValue) << g.status().ToString();
  EXPECT_NE(g.status().message().find("AddUserToGroup(nogroup)"), std::string::npos);
  EXPECT_FALSE(UserExists("carol"));
}

TEST_F(AIC_BEHAVIOUR_SUITE, DeleteConflictWithoutCascadeListsAttachments) {
  ASSERT_TRUE(Create({{"__NAME__", "dave"},
                      {"__PASSWORD__", std::string(kGoodPassword)},
                      {"groups", json::array({"sales"})},
                      {"policies", json::array({kReadOnly})}})
                  .ok());
  AwsConnectorConfig config = Config();
  config.cascade_delete = false;
  auto strict = MakeConnector(config);
  ConnectorFacade facade(strict->GetSchema(), strict->Ops());
  RawOperationOptions o;
  o.fields = "_id";
  auto r = Wait(facade.Delete(kAccount, "dave", o));
  EXPECT_EQ(r.status().code(), ErrorCode::kConflict) << r.status().ToString();
  EXPECT_NE(r.status().message().find("login profile"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("groups [sales]"), std::string::npos);
  EXPECT_NE(r.status().message().find(kReadOnly), std::string::npos);
  EXPECT_TRUE(UserExists("dave"));
  // With cascade (the default) the same delete removes everything, and it is retry-safe.
  auto deleted = Remove("dave", "_id");
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_FALSE(UserExists("dave"));
}

TEST_F(AIC_BEHAVIOUR_SUITE, CascadeDeleteRemovesKeysInlinePoliciesAndMfa) {
  ASSERT_TRUE(Create({{"__NAME__", "erin"}, {"groups", json::array({"ops"})}}).ok());
  ASSERT_TRUE(Wait(iam().CreateAccessKey("erin")).ok());
  ASSERT_TRUE(
      Wait(
          iam().PutUserPolicy(
              "erin", "inline1",
              R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})"))
          .ok());
  auto deleted = Remove("erin");
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ((*deleted)["inlinePolicies"], json::array({"inline1"}));
  EXPECT_FALSE(UserExists("erin"));
}

// ---- Update and patch ------------------------------------------------------------------------

TEST_F(AIC_BEHAVIOUR_SUITE, PutChangesListsByDifference) {
  ASSERT_TRUE(Create({{"__NAME__", "frank"},
                      {"groups", json::array({"engineering", "sales"})},
                      {"policies", json::array({kReadOnly})},
                      {"Tags", json::array({{{"Key", "a"}, {"Value", "1"}},
                                            {{"Key", "b"}, {"Value", "2"}}})}})
                  .ok());
  ResetCounts();
  auto put = Put(
      "frank",
      {{"groups", json::array({"sales", "ops"})},
       {"policies", json::array({local_policy_})},
       {"Tags", json::array({{{"Key", "b"}, {"Value", "2"}}, {{"Key", "c"}, {"Value", "3"}}})}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  if (!kMoto) {
    auto counts = Counts();
    EXPECT_EQ(counts["AddUserToGroup"], 1u);
    EXPECT_EQ(counts["RemoveUserFromGroup"], 1u);
    EXPECT_EQ(counts["AttachUserPolicy"], 1u);
    EXPECT_EQ(counts["DetachUserPolicy"], 1u);
    EXPECT_EQ(counts["TagUser"], 1u);
    EXPECT_EQ(counts["UntagUser"], 1u);
  }
  auto read = Read("frank");
  ASSERT_TRUE(read.ok());
  json groups = (*read)["groups"];
  std::sort(groups.begin(), groups.end());
  EXPECT_EQ(groups, json::array({"ops", "sales"}));
  EXPECT_EQ((*read)["policies"], json::array({local_policy_}));
  json tags = (*read)["Tags"];
  EXPECT_EQ(tags.size(), 2u);
  EXPECT_EQ((*put)["groups"], json::array({"sales", "ops"}));
}

TEST_F(AIC_BEHAVIOUR_SUITE, RenameAndMoveChangeId) {
  ASSERT_TRUE(Create({{"__NAME__", "gina"}, {"groups", json::array({"ops"})}}).ok());
  auto put = Put("gina", {{"__NAME__", "gina2"}, {"Path", "/moved/"}});
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ((*put)["_id"], "gina2");
  EXPECT_EQ((*put)["Arn"], "arn:aws:iam::123456789012:user/moved/gina2");
  EXPECT_FALSE(UserExists("gina"));
  auto read = Read("gina2");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ((*read)["Path"], "/moved/");
  EXPECT_EQ((*read)["Arn"], (*put)["Arn"]);
  EXPECT_EQ((*read)["groups"], json::array({"ops"}));
}

TEST_F(AIC_BEHAVIOUR_SUITE, PatchAddRemoveReplaceAndPasswordReset) {
  ASSERT_TRUE(Create({{"__NAME__", "hank"},
                      {"groups", json::array({"ops"})},
                      {"policies", json::array({kReadOnly, local_policy_})}})
                  .ok());
  auto p = PatchUser(
      "hank",
      json::array({
          {{"operation", "add"}, {"field", "/groups"}, {"value", "sales"}},
          {{"operation", "remove"}, {"field", "policies"}, {"value", json::array({kReadOnly})}},
          {{"operation", "replace"},
           {"field", "Tags"},
           {"value", json::array({{{"Key", "k"}, {"Value", "v"}}})}},
      }));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto read = Read("hank");
  ASSERT_TRUE(read.ok());
  json groups = (*read)["groups"];
  std::sort(groups.begin(), groups.end());
  EXPECT_EQ(groups, json::array({"ops", "sales"}));
  EXPECT_EQ((*read)["policies"], json::array({local_policy_}));
  EXPECT_EQ((*read)["Tags"], json::array({{{"Key", "k"}, {"Value", "v"}}}));
  auto cleared = PatchUser("hank", json::array({{{"operation", "remove"}, {"field", "groups"}}}));
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_EQ((*Read("hank"))["groups"], json::array());

  // Password: CreateLoginProfile when none, UpdateLoginProfile afterwards; the flag is kept.
  auto pw = PatchUser(
      "hank",
      json::array(
          {{{"operation", "replace"},
            {"field", "__PASSWORD__"},
            {"value", std::string(kGoodPassword)}},
           {{"operation", "replace"}, {"field", "PasswordResetRequired"}, {"value", false}}}));
  ASSERT_TRUE(pw.ok()) << pw.status().ToString();
  auto lp = Wait(iam().GetLoginProfile("hank"));
  ASSERT_TRUE(lp.ok());
  EXPECT_FALSE(lp->password_reset_required);
  auto pw2 = PatchUser(
      "hank",
      json::array(
          {{{"operation", "add"}, {"field", "__PASSWORD__"}, {"value", "An0ther-Passw0rd"}}}));
  ASSERT_TRUE(pw2.ok()) << pw2.status().ToString();
  auto bad = PatchUser(
      "hank", json::array({{{"operation", "add"}, {"field", "__PASSWORD__"}, {"value", "abc"}}}));
  EXPECT_EQ(bad.status().code(), ErrorCode::kPasswordPolicyViolation);
  auto ro = PatchUser(
      "hank", json::array({{{"operation", "replace"}, {"field", "UserId"}, {"value", "X"}}}));
  EXPECT_EQ(ro.status().code(), ErrorCode::kInvalidAttributeValue);
}

// ---- __ENABLE__ ------------------------------------------------------------------------------

TEST_F(AIC_BEHAVIOUR_SUITE, DisableAndEnableRestoreExactlyWhatWasThere) {
  ASSERT_TRUE(Create({{"__NAME__", "ivy"},
                      {"__PASSWORD__", std::string(kGoodPassword)},
                      {"Tags", json::array({{{"Key", "t"}, {"Value", "1"}}})}})
                  .ok());
  auto k1 = Wait(iam().CreateAccessKey("ivy"));
  auto k2 = Wait(iam().CreateAccessKey("ivy"));
  ASSERT_TRUE(k1.ok() && k2.ok());
  ASSERT_TRUE(Wait(iam().UpdateAccessKey("ivy", k2->access_key_id, "Inactive")).ok());

  auto off = Put("ivy", {{"__ENABLE__", false}});
  ASSERT_TRUE(off.ok()) << off.status().ToString();
  auto read = Read("ivy", kAccountFields + ",__ENABLE__,accessKeys");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["__ENABLE__"], false);
  EXPECT_EQ((*read)["Tags"], json::array({{{"Key", "t"}, {"Value", "1"}}}));  // tag hidden
  for (const auto& k : (*read)["accessKeys"]) EXPECT_EQ(k["Status"], "Inactive");
  EXPECT_EQ(Wait(iam().GetLoginProfile("ivy")).status().code(), ErrorCode::kUnknownUid);
  auto again = Put("ivy", {{"__ENABLE__", false}});  // idempotent
  ASSERT_TRUE(again.ok()) << again.status().ToString();

  auto disabled = Query(kAccount, std::string("__ENABLE__ eq false"));
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_EQ(Ids(*disabled), std::vector<std::string>{"ivy"});

  auto on = Put("ivy", {{"__ENABLE__", true}, {"__PASSWORD__", "N3w-Passw0rd!"}});
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  auto keys = Wait(ListAll([&](const PageRequest& p) { return iam().ListAccessKeys("ivy", p); }));
  ASSERT_TRUE(keys.ok());
  for (const auto& k : *keys) {
    EXPECT_EQ(k.status, k.access_key_id == k1->access_key_id ? "Active" : "Inactive");
  }
  EXPECT_TRUE(Wait(iam().GetLoginProfile("ivy")).ok());
  auto user = Wait(iam().GetUser("ivy"));
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->tags.size(), 1u);
  EXPECT_EQ((*Read("ivy", "__ENABLE__"))["__ENABLE__"], true);
  EXPECT_TRUE(Put("ivy", {{"__ENABLE__", true}}).ok());  // idempotent
}

// ---- Search ----------------------------------------------------------------------------------

class AIC_SEARCH_SUITE : public AIC_BEHAVIOUR_SUITE {
 protected:
  void SetUp() override {
    AIC_BEHAVIOUR_SUITE::SetUp();
    for (int i = 0; i < 7; ++i) {
      std::string name = "user" + std::to_string(i);
      json a = {{"__NAME__", name}, {"Path", i % 2 ? "/eng/" : "/"}};
      if (i % 3 == 0)
        a["Tags"] = json::array({{{"Key", "Project"}, {"Value", "P" + std::to_string(i)}}});
      if (i < 3) a["groups"] = json::array({"engineering"});
      ASSERT_TRUE(Create(a).ok());
    }
  }
};

TEST_F(AIC_SEARCH_SUITE, FiltersUseGetUserPathPrefixOrEvaluation) {
  ResetCounts();
  // IAM names are case-insensitive (moto is not faithful there: it looks names up by case).
  auto one =
      Query(kAccount, std::string(kMoto ? "__NAME__ eq \"user3\"" : "__NAME__ eq \"USER3\""));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(Ids(*one), std::vector<std::string>{"user3"});
  if (!kMoto) {
    EXPECT_EQ(Counts()["GetUser"], 1u);
    EXPECT_EQ(Counts().count("ListUsers"), 0u);
  }
  auto none = Query(kAccount, std::string("_id eq \"nobody\""));
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->result.empty());

  RawOperationOptions ids_only;
  ids_only.fields = "_id,Path";
  auto eng = Query(kAccount, std::string("/Path sw \"/eng/\""), ids_only);
  ASSERT_TRUE(eng.ok()) << eng.status().ToString();
  EXPECT_EQ(Ids(*eng), (std::vector<std::string>{"user1", "user3", "user5"}));

  auto tagged =
      Query(kAccount, std::string("Tags/Key eq \"Project\" and !(groups eq \"engineering\")"));
  ASSERT_TRUE(tagged.ok()) << tagged.status().ToString();
  EXPECT_EQ(Ids(*tagged), (std::vector<std::string>{"user3", "user6"}));

  auto bad = Query(kAccount, std::string("__NAME__ eq"));
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidInput);
}

TEST_F(AIC_SEARCH_SUITE, CookiesResumeExactlyAndSortKeysOrder) {
  for (const char* fields : {"_id", "_id,groups"}) {  // ListUsers and GAAD listings
    AwsConnectorConfig config = Config();
    config.page_size = 2;  // several IAM pages under one client page
    auto small = MakeConnector(config);
    ConnectorFacade facade(small->GetSchema(), small->Ops());
    std::vector<std::string> seen;
    std::optional<std::string> cookie;
    int pages = 0;
    do {
      RawOperationOptions o;
      o.fields = fields;
      o.page_size = "3";
      o.paged_results_cookie = cookie;
      QuerySpec spec;
      spec.query_filter = "!(__NAME__ eq \"user4\")";
      auto page = Wait(facade.Query(kAccount, spec, o));
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      EXPECT_LE(page->result.size(), 3u);
      for (const auto& id : Ids(*page)) seen.push_back(id);
      cookie = page->paged_results_cookie;
      ASSERT_LT(++pages, 10);
    } while (cookie);
    EXPECT_EQ(seen,
              (std::vector<std::string>{"user0", "user1", "user2", "user3", "user5", "user6"}))
        << fields;
  }
  RawOperationOptions sorted;
  sorted.sort_keys = "-__NAME__";
  sorted.page_size = "4";
  auto first = Query(kAccount, std::string("true"), sorted);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Ids(*first), (std::vector<std::string>{"user6", "user5", "user4", "user3"}));
  ASSERT_TRUE(first->paged_results_cookie.has_value());
  sorted.paged_results_cookie = first->paged_results_cookie;
  auto second = Query(kAccount, std::string("true"), sorted);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(Ids(*second), (std::vector<std::string>{"user2", "user1", "user0"}));
  EXPECT_FALSE(second->paged_results_cookie.has_value());
  // A cookie for another query is refused.
  RawOperationOptions other;
  other.paged_results_cookie = first->paged_results_cookie;
  EXPECT_EQ(Query(kAccount, std::string("true"), other).status().code(), ErrorCode::kInvalidInput);
}

// ---- Groups and policies read (group writes: connector_group_test.cc) -----------------------

TEST_F(AIC_BEHAVIOUR_SUITE, GroupsAndPoliciesAreReadablePoliciesReadOnly) {
  ASSERT_TRUE(Wait(iam().AttachGroupPolicy("engineering", local_policy_)).ok());
  ASSERT_TRUE(Create({{"__NAME__", "jay"}, {"groups", json::array({"engineering"})}}).ok());
  RawOperationOptions o;
  o.fields = "__NAME__,GroupId,Arn,Path,CreatedDate,policies,inlinePolicies,members";
  auto g = Wait(facade_->Get("__GROUP__", "engineering", o));
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)["policies"], json::array({local_policy_}));
  EXPECT_EQ((*g)["members"], json::array({"jay"}));
  EXPECT_TRUE((*g)["GroupId"].is_string());

  auto groups = Query("__GROUP__", std::string("true"));
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  std::set<std::string> names;
  for (const auto& x : groups->result) names.insert(x["_id"].get<std::string>());
  EXPECT_TRUE(names.count("engineering") && names.count("sales") && names.count("ops"));

  RawOperationOptions doc;
  doc.fields = "__NAME__,PolicyId,Arn,Scope,AttachmentCount,DefaultVersionId,document";
  auto p = Wait(facade_->Get("__POLICY__", local_policy_, doc));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ((*p)["__NAME__"], "LocalPolicy");
  EXPECT_EQ((*p)["Scope"], "Local");
  EXPECT_EQ((*p)["AttachmentCount"], 1);
  EXPECT_EQ((*p)["document"]["Statement"][0]["Action"], "s3:GetObject");
  auto local = Query("__POLICY__", std::string("Scope eq \"Local\""));
  ASSERT_TRUE(local.ok()) << local.status().ToString();
  EXPECT_EQ(Ids(*local), std::vector<std::string>{local_policy_});
  auto by_name = Query("__POLICY__", std::string("__NAME__ eq \"ReadOnlyAccess\""));
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  EXPECT_EQ(Ids(*by_name), std::vector<std::string>{kReadOnly});

  EXPECT_EQ(Wait(facade_->Create("__POLICY__", {{"__NAME__", "x"}}, {})).status().code(),
            ErrorCode::kUnsupported);
  EXPECT_EQ(Wait(facade_->Delete("__POLICY__", local_policy_, {})).status().code(),
            ErrorCode::kUnsupported);
}

// The group writes on both backends (exact call counts: connector_group_test.cc).
TEST_F(AIC_BEHAVIOUR_SUITE, GroupCreatePutPatchDeleteByDifference) {
  for (const char* u : {"m1", "m2", "m3"}) ASSERT_TRUE(Create({{"__NAME__", u}}).ok());
  auto made = Wait(facade_->Create("__GROUP__",
                                   {{"__NAME__", "team"},
                                    {"Path", "/t/"},
                                    {"policies", json::array({kReadOnly})},
                                    {"members", json::array({"m1", "m2"})}},
                                   {}));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  RawOperationOptions o;
  o.fields = "__NAME__,Path,GroupId,policies,members,memberIds";
  auto put = Wait(facade_->Update(
      "__GROUP__", "team",
      {{"__NAME__", "team2"}, {"members", json::array({"m2", "m3"})}, {"policies", json::array()}},
      o));
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ((*put)["_id"], "team2");
  EXPECT_EQ((*put)["GroupId"], (*made)["GroupId"]);
  auto patched = Wait(facade_->Patch(
      "__GROUP__", "team2",
      json::array({{{"operation", "add"}, {"field", "policies"}, {"value", local_policy_}},
                   {{"operation", "remove"}, {"field", "members"}, {"value", "m2"}}}),
      {}));
  ASSERT_TRUE(patched.ok()) << patched.status().ToString();
  auto read = Wait(facade_->Get("__GROUP__", "team2", o));
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ((*read)["Path"], "/t/");
  EXPECT_EQ((*read)["members"], json::array({"m3"}));
  EXPECT_EQ((*read)["memberIds"], json::array({(*Read("m3", "UserId"))["UserId"]}));
  EXPECT_EQ((*read)["policies"], json::array({local_policy_}));
  EXPECT_EQ((*Read("m3", "groups"))["groups"], json::array({"team2"}));
  auto deleted = Wait(facade_->Delete("__GROUP__", "team2", {}));
  ASSERT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(Wait(iam().GetGroup("team2")).status().code(), ErrorCode::kUnknownUid);
  EXPECT_EQ((*Read("m3", "groups"))["groups"], json::array());
}

// ---- Full import and Test --------------------------------------------------------------------

TEST_F(AIC_BEHAVIOUR_SUITE, FullImportStreamsObjectsAndAssignments) {
  ASSERT_TRUE(Wait(iam().AttachGroupPolicy("sales", local_policy_)).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Create({{"__NAME__", "imp" + std::to_string(i)},
                        {"groups", json::array({"engineering", "sales"})},
                        {"policies", json::array({kReadOnly})}})
                    .ok());
  }
  std::map<std::string, int> kinds;
  std::set<std::string> policies;
  std::string first_kind;
  auto stats = Wait(connector_->FullImport([&](const std::string& line) {
    json j = json::parse(line);
    std::string kind = j["objectClass"];
    if (first_kind.empty()) first_kind = kind;
    if (kind == "assignment") kind += ":" + j["type"].get<std::string>();
    if (kind == "__POLICY__") policies.insert(j["object"]["_id"]);
    ++kinds[kind];
    return Status::Ok();
  }));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(first_kind, "__ACCOUNT_SUMMARY__");
  EXPECT_EQ(kinds["__ACCOUNT_SUMMARY__"], 1);
  EXPECT_EQ(kinds["__ACCOUNT__"], 3);
  EXPECT_EQ(kinds["__GROUP__"], 3);  // no demo group: only serve's embedded emulator has one
  EXPECT_EQ(kinds["assignment:account-group"], 6);
  EXPECT_EQ(kinds["assignment:account-policy"], 3);
  EXPECT_EQ(kinds["assignment:group-policy"], 1);
  EXPECT_TRUE(policies.count(local_policy_));
  EXPECT_TRUE(policies.count(kReadOnly));
  EXPECT_FALSE(policies.count("arn:aws:iam::aws:policy/AdministratorAccess"));  // not attached
  EXPECT_EQ(stats->users, 3);
}

TEST_F(AIC_BEHAVIOUR_SUITE, TestChecksCredentials) {
  EXPECT_TRUE(Wait(facade_->Test()).ok());
  SKIP_ON_MOTO("moto accepts any credentials");
  AwsConnectorConfig config = Config();
  config.secret_key = SecretString("wrong-secret");
  config.max_retries = 0;
  auto bad = MakeConnector(config);
  Status s = Wait(bad->Test());
  EXPECT_EQ(s.code(), ErrorCode::kUnauthenticated) << s.ToString();
  EXPECT_EQ(s.message().find("wrong-secret"), std::string::npos);
}

// ---- Throttling ------------------------------------------------------------------------------

TEST_F(AIC_BEHAVIOUR_SUITE, ThrottlingAtThirtyPercentKeepsResultsExact) {
  SKIP_ON_MOTO("fault injection is an emulator feature");
  Emulator* e = Backend::Get().emulator();
  e->SetFaults(0.3, 0, 0);
  std::vector<std::string> made;
  for (int i = 0; i < 12; ++i) {
    std::string name = (i < 10 ? "t0" : "t") + std::to_string(i);
    auto r = Create({{"__NAME__", name},
                     {"__PASSWORD__", std::string(kGoodPassword)},
                     {"groups", json::array({"engineering"})},
                     {"policies", json::array({kReadOnly})}});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    made.push_back(name);
  }
  AwsConnectorConfig config = Config();
  config.page_size = 5;
  auto small = MakeConnector(config);
  ConnectorFacade facade(small->GetSchema(), small->Ops());
  QuerySpec all;
  all.query_id = "query-all";
  auto everyone = Wait(facade.Query(kAccount, all, {}));
  ASSERT_TRUE(everyone.ok()) << everyone.status().ToString();
  EXPECT_EQ(Ids(*everyone), made);
  for (const auto& o : everyone->result) {
    EXPECT_EQ(o["groups"], json::array({"engineering"}));
    EXPECT_EQ(o["policies"], json::array({kReadOnly}));
  }
  for (const auto& name : made) ASSERT_TRUE(Remove(name).ok());
  e->SetFaults(0, 0, 0);
  auto none = Query(kAccount, std::nullopt, {}, "query-all-ids");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->result.empty());
  // Throttled tries happened and were retried (about 30% of the attempts).
  std::int64_t calls = 0, attempts = 0;
  for (const auto& [action, st] : QueryClientOf(connector_->iam()).AllCallStats()) {
    calls += st.calls;
    attempts += st.attempts;
  }
  EXPECT_GT(attempts, calls);
}

}  // namespace
}  // namespace aic
