// Least privilege with real parts: the in-process emulator with IAM enforcement on
// (EmulatorOptions::enforce_iam), the connector configured with a user holding exactly the
// Omada seed's policy (quoted in docs/permissions.md, checked against the seed by
// permission_check_test), a user holding the doc's least-privilege policy, the root key, a user
// that may not simulate, and an assumed role. The operations the seed policy covers work; the
// others fail with 403 naming the refused permission; `test` lists exactly the missing
// permissions of the code table the doc is checked against, with exact IAM call counts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/task.h"
#include "connector/aws/permission_check.h"
#include "iam/query_client.h"

namespace aic {
namespace {

namespace fs = std::filesystem;
using connector::ConnectorFacade;
using connector::QuerySpec;
using connector::RawOperationOptions;
using json = nlohmann::json;
using Counts = std::map<std::string, std::uint64_t>;

constexpr char kAccount[] = "123456789012";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The fenced JSON block between the doc's "<!-- NAME:begin -->" and "<!-- NAME:end -->".
json DocPolicy(const std::string& name) {
  const std::string doc = ReadFile(fs::path(AIC_SOURCE_DIR) / "docs" / "permissions.md");
  auto b = doc.find("<!-- " + name + ":begin -->");
  auto open = doc.find("```json\n", b);
  auto close = doc.find("\n```", open + 8);
  if (b == std::string::npos || open == std::string::npos || close == std::string::npos) {
    return nullptr;
  }
  return json::parse(doc.substr(open + 8, close - open - 8), nullptr, false);
}

std::set<std::string> AllowedActions(const json& policy) {
  std::set<std::string> out;
  for (const auto& st : policy.at("Statement")) {
    const json& a = st.at("Action");
    if (a.is_string()) out.insert(a.get<std::string>());
    for (const auto& x : a.is_array() ? a : json::array()) out.insert(x.get<std::string>());
  }
  return out;
}

// The actions `test` simulates for a principal of this kind, minus `allowed`.
std::set<std::string> ExpectedMissing(const std::set<std::string>& allowed, bool role) {
  std::set<std::string> out;
  for (const PermissionUse& u : ConnectorPermissionUses()) {
    if (u.role_principal_only && !role) continue;
    for (auto a : u.actions) {
      const ActionPermission* p = FindConnectorAction(a);
      if (p->simulated && !allowed.count(std::string(a))) out.insert(std::string(a));
    }
  }
  return out;
}

std::set<std::string> MissingActions(const json& permissions) {
  std::set<std::string> out;
  for (const auto& m : permissions.value("missing", json::array())) {
    out.insert(m.at("action").get<std::string>());
  }
  return out;
}

struct Keys {
  std::string id;
  SecretString secret;
};

class ConnectorPermissionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    seed_policy_ = new json(DocPolicy("omada-seed-policy"));
    least_policy_ = new json(DocPolicy("least-privilege-policy"));
    ASSERT_TRUE(seed_policy_->is_object() && least_policy_->is_object());
    EmulatorOptions options;
    options.enforce_iam = true;
    auto e = Emulator::Start(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    emulator_ = e->release();
    root_ = Make("test", SecretString("test")).release();
    IamClient& iam = root_->iam();
    auto seed = Wait(iam.CreatePolicy("OmadaIAMUserManagement", seed_policy_->dump()));
    ASSERT_TRUE(seed.ok()) << seed.status().ToString();
    auto least = Wait(iam.CreatePolicy("ConnectorLeastPrivilege", least_policy_->dump()));
    ASSERT_TRUE(least.ok()) << least.status().ToString();
    const std::string list_only =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]})";
    auto list = Wait(iam.CreatePolicy("ListUsersOnly", list_only));
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    // Exactly the seed policy; and the seed policy plus what `test` itself needs
    // (iam:SimulatePrincipalPolicy on the user itself: the seed policy does not allow it).
    seed_only_ = new Keys(UserWithPolicy("seedonly", seed->arn));
    omada_ = new Keys(UserWithPolicy("omada", seed->arn));
    EXPECT_TRUE(Wait(iam.PutUserPolicy("omada", "ConnectorTest", SimulateSelf("user/omada"))).ok());
    least_ = new Keys(UserWithPolicy("least", least->arn));
    list_only_ = new Keys(UserWithPolicy("listonly", list->arn));
    seed_arn_ = new std::string(seed->arn);
    ASSERT_TRUE(Wait(iam.CreateGroup("staff")).ok());
  }
  static void TearDownTestSuite() {
    delete root_;
    delete emulator_;
    delete omada_;
    delete seed_only_;
    delete least_;
    delete list_only_;
    delete seed_policy_;
    delete least_policy_;
    delete seed_arn_;
  }

  static std::unique_ptr<AwsConnector> Make(const std::string& key_id, SecretString secret,
                                            const std::string& role_arn = "") {
    AwsConnectorConfig c;
    c.endpoint = emulator_->endpoint();
    c.sts_endpoint = emulator_->endpoint();
    c.access_key_id = key_id;
    c.secret_key = std::move(secret);
    c.role_arn = role_arn;
    c.max_retries = 0;
    auto made = AwsConnector::Create(c);
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? std::move(*made) : nullptr;
  }
  static Keys UserWithPolicy(const std::string& name, const std::string& policy_arn) {
    IamClient& iam = root_->iam();
    EXPECT_TRUE(Wait(iam.CreateUser(name)).ok());
    EXPECT_TRUE(Wait(iam.AttachUserPolicy(name, policy_arn)).ok());
    auto key = Wait(iam.CreateAccessKey(name));
    EXPECT_TRUE(key.ok()) << key.status().ToString();
    return key.ok() ? Keys{key->access_key_id, key->secret_access_key} : Keys{};
  }
  static std::unique_ptr<AwsConnector> MakeFor(const Keys& k) { return Make(k.id, k.secret); }
  // A policy allowing iam:SimulatePrincipalPolicy on arn:aws:iam::ACCOUNT:`resource`.
  static std::string SimulateSelf(const std::string& resource) {
    return std::string(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)") +
           R"("Action":"iam:SimulatePrincipalPolicy","Resource":"arn:aws:iam::)" + kAccount + ":" +
           resource + R"("}]})";
  }

  static Emulator* emulator_;
  static AwsConnector* root_;
  static Keys* omada_;
  static Keys* seed_only_;
  static Keys* least_;
  static Keys* list_only_;
  static json* seed_policy_;
  static json* least_policy_;
  static std::string* seed_arn_;
};

Emulator* ConnectorPermissionsTest::emulator_ = nullptr;
AwsConnector* ConnectorPermissionsTest::root_ = nullptr;
Keys* ConnectorPermissionsTest::omada_ = nullptr;
Keys* ConnectorPermissionsTest::seed_only_ = nullptr;
Keys* ConnectorPermissionsTest::least_ = nullptr;
Keys* ConnectorPermissionsTest::list_only_ = nullptr;
json* ConnectorPermissionsTest::seed_policy_ = nullptr;
json* ConnectorPermissionsTest::least_policy_ = nullptr;
std::string* ConnectorPermissionsTest::seed_arn_ = nullptr;

TEST_F(ConnectorPermissionsTest, SeedPolicyUserTestListsExactlyTheMissingPermissions) {
  auto c = MakeFor(*omada_);
  ASSERT_NE(c, nullptr);
  emulator_->ResetCallCounts();
  AwsTestReport r = Wait(AsResult(c->TestWithPermissions())).value();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"ListUsers", 1},
                                             {"GetCallerIdentity", 1},
                                             {"SimulatePrincipalPolicy", kSimulationCalls}}));
  EXPECT_EQ(r.status.code(), ErrorCode::kPermissionDenied) << r.status.ToString();
  const json& p = r.permissions;
  EXPECT_EQ(p.value("checked", false), true) << p.dump(2);
  EXPECT_EQ(p.value("principal", ""), std::string("arn:aws:iam::") + kAccount + ":user/omada");
  const std::set<std::string> expected = ExpectedMissing(AllowedActions(*seed_policy_), false);
  EXPECT_EQ(MissingActions(p), expected) << p.dump(2);
  EXPECT_TRUE(expected.count("iam:GetUser") && expected.count("iam:TagUser"));
  for (const auto& m : p.at("missing")) {
    EXPECT_EQ(m.at("decision"), "implicitDeny") << m.dump();
    EXPECT_FALSE(m.at("neededFor").empty()) << m.dump();
    if (m.at("action") == "iam:TagUser") {
      EXPECT_EQ(m.at("resource"), std::string("arn:aws:iam::") + kAccount + ":user/*");
    }
  }
  for (const std::string& a : expected) {
    EXPECT_NE(r.status.message().find(a), std::string::npos) << a << " in " << r.status.message();
  }
  EXPECT_EQ(p.value("actionsChecked", 0), static_cast<int>(ExpectedMissing({}, false).size()));
}

TEST_F(ConnectorPermissionsTest, ExactlyTheSeedPolicyCannotSimulateAndTestSaysWhy) {
  auto c = MakeFor(*seed_only_);
  ASSERT_NE(c, nullptr);
  emulator_->ResetCallCounts();
  AwsTestReport r = Wait(AsResult(c->TestWithPermissions())).value();
  EXPECT_EQ(emulator_->CallCounts(),
            (Counts{{"ListUsers", 1}, {"GetCallerIdentity", 1}, {"SimulatePrincipalPolicy", 1}}));
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();  // as the credentials check said
  EXPECT_EQ(r.permissions.value("checked", true), false);
  EXPECT_NE(r.permissions.value("reason", "")
                .find(std::string("AWS refused iam:SimulatePrincipalPolicy: User: arn:aws:iam::") +
                      kAccount + ":user/seedonly is not authorized"),
            std::string::npos)
      << r.permissions.dump(2);
}

TEST_F(ConnectorPermissionsTest, SeedPolicyUserCanDoWhatThePolicyCoversAndNothingElse) {
  auto c = MakeFor(*seed_only_);
  ASSERT_NE(c, nullptr);
  ConnectorFacade facade(c->GetSchema(), c->Ops());
  ASSERT_TRUE(Wait(root_->iam().CreateUser("bob")).ok());
  ASSERT_TRUE(Wait(root_->iam().CreateUser("carol")).ok());

  // Covered: query-all-ids (ListUsers), full import (GAAD + ListUsers), delete of a user with
  // nothing attached (DeleteUser).
  QuerySpec ids;
  ids.query_id = "query-all-ids";
  auto listed = Wait(facade.Query("__ACCOUNT__", ids, {}));
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_GE(listed->result.size(), 5u);
  std::size_t lines = 0;
  auto imported = Wait(c->FullImport([&](const std::string&) {
    ++lines;
    return Status::Ok();
  }));
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_GE(imported->users, 5);
  RawOperationOptions only_id;
  only_id.fields = "_id";
  auto deleted = Wait(facade.Delete("__ACCOUNT__", "carol", only_id));
  EXPECT_TRUE(deleted.ok()) << deleted.status().ToString();

  // Not covered: each refusal names the permission AWS checked.
  struct Case {
    std::string what;
    Status status;
    std::string refused;
  };
  std::vector<Case> cases;
  cases.push_back({"get", Wait(facade.Get("__ACCOUNT__", "bob", {})).status(), "iam:GetUser"});
  const json tagged = {{"__NAME__", "newbie"}, {"Tags", {{{"Key", "team"}, {"Value", "ops"}}}}};
  cases.push_back(
      {"create with Tags", Wait(facade.Create("__ACCOUNT__", tagged, {})).status(), "iam:TagUser"});
  cases.push_back({"create group",
                   Wait(facade.Create("__GROUP__", json{{"__NAME__", "g2"}}, {})).status(),
                   "iam:CreateGroup"});
  for (const Case& k : cases) {
    SCOPED_TRACE(k.what);
    EXPECT_EQ(k.status.code(), ErrorCode::kPermissionDenied) << k.status.ToString();
    EXPECT_NE(
        k.status.message().find("AWS refused " + k.refused + ": User: arn:aws:iam::" + kAccount +
                                ":user/seedonly is not authorized to perform: " + k.refused),
        std::string::npos)
        << k.status.message();
  }
  // Nothing was made by the refused create.
  EXPECT_EQ(Wait(root_->iam().GetUser("newbie")).status().code(), ErrorCode::kUnknownUid);

  // A create without Tags works without iam:TagUser: the tagged CreateUser is refused for
  // iam:TagUser, a second one creates the user untagged (no create marker).
  emulator_->ResetCallCounts();
  auto plain = Wait(facade.Create("__ACCOUNT__", json{{"__NAME__", "newbie"}}, {}));
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ((*plain)["_id"], "newbie");
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"CreateUser", 2}}));
  auto made = Wait(root_->iam().GetUser("newbie"));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(made->tags.empty());
}

TEST_F(ConnectorPermissionsTest, LeastPrivilegePolicyPassesTestAndRunsTheLifecycle) {
  auto c = MakeFor(*least_);
  ASSERT_NE(c, nullptr);
  AwsTestReport r = Wait(AsResult(c->TestWithPermissions())).value();
  EXPECT_TRUE(r.status.ok()) << r.status.ToString() << r.permissions.dump(2);
  EXPECT_EQ(r.permissions.value("checked", false), true);
  EXPECT_TRUE(r.permissions.at("missing").empty()) << r.permissions.dump(2);

  ConnectorFacade facade(c->GetSchema(), c->Ops());
  json account = {{"__NAME__", "dave"},
                  {"__PASSWORD__", "Str0ng!Passw0rd#1"},
                  {"groups", {"staff"}},
                  {"policies", {*seed_arn_}},
                  {"Tags", {{{"Key", "team"}, {"Value", "ops"}}}}};
  auto made = Wait(facade.Create("__ACCOUNT__", account, {}));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  auto got = Wait(facade.Get("__ACCOUNT__", "dave", {}));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ((*got)["groups"], json({"staff"}));
  ASSERT_TRUE(Wait(root_->iam().CreateAccessKey("dave")).ok());
  auto disabled = Wait(facade.Patch(
      "__ACCOUNT__", "dave",
      json::array({{{"operation", "replace"}, {"field", "__ENABLE__"}, {"value", false}}}), {}));
  EXPECT_TRUE(disabled.ok()) << disabled.status().ToString();
  auto enabled = Wait(facade.Patch(
      "__ACCOUNT__", "dave",
      json::array({{{"operation", "replace"}, {"field", "__ENABLE__"}, {"value", true}}}), {}));
  EXPECT_TRUE(enabled.ok()) << enabled.status().ToString();
  auto deleted = Wait(facade.Delete("__ACCOUNT__", "dave", {}));  // the cascade
  EXPECT_TRUE(deleted.ok()) << deleted.status().ToString();
  EXPECT_EQ(Wait(root_->iam().GetUser("dave")).status().code(), ErrorCode::kUnknownUid);
}

TEST_F(ConnectorPermissionsTest, RootCannotBeSimulatedAndTestSaysSo) {
  emulator_->ResetCallCounts();
  AwsTestReport r = Wait(AsResult(root_->TestWithPermissions())).value();
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.permissions.value("checked", true), false);
  EXPECT_EQ(r.permissions.value("principal", ""),
            std::string("arn:aws:iam::") + kAccount + ":root");
  EXPECT_NE(r.permissions.value("reason", "").find("root"), std::string::npos);
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"ListUsers", 1}, {"GetCallerIdentity", 1}}));
}

TEST_F(ConnectorPermissionsTest, RefusedSimulationLeavesOkAndSaysWhy) {
  auto c = MakeFor(*list_only_);
  ASSERT_NE(c, nullptr);
  emulator_->ResetCallCounts();
  AwsTestReport r = Wait(AsResult(c->TestWithPermissions())).value();
  EXPECT_TRUE(r.status.ok()) << r.status.ToString();  // the credentials check passed
  EXPECT_EQ(r.permissions.value("checked", true), false);
  const std::string reason = r.permissions.value("reason", "");
  EXPECT_NE(reason.find("AWS refused iam:SimulatePrincipalPolicy"), std::string::npos) << reason;
  Counts counts = emulator_->CallCounts();
  EXPECT_EQ(counts["ListUsers"], 1u);
  EXPECT_EQ(counts["GetCallerIdentity"], 1u);
  EXPECT_EQ(counts["SimulatePrincipalPolicy"], 1u);  // the first refusal ends the check
}

TEST_F(ConnectorPermissionsTest, AssumedRoleIsSimulatedAsItsRoleWithItsPath) {
  // A role under /connectors/ holding the seed policy plus iam:GetRole and
  // iam:SimulatePrincipalPolicy on itself, assumed by a user the trust policy names.
  IamClient& iam = root_->iam();
  const std::string role_arn = std::string("arn:aws:iam::") + kAccount + ":role/connectors/Omada";
  const std::string trust =
      std::string(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)") +
      R"("Principal":{"AWS":"arn:aws:iam::)" + kAccount +
      R"(:user/assumer"},"Action":"sts:AssumeRole"}]})";
  Keys assumer = UserWithPolicy("assumer", *seed_arn_);
  QueryClient& raw = QueryClientOf(iam);
  ASSERT_TRUE(raw.Call("CreateRole", {{"RoleName", "Omada"},
                                      {"Path", "/connectors/"},
                                      {"AssumeRolePolicyDocument", trust}})
                  .ok());
  ASSERT_TRUE(
      raw.Call("AttachRolePolicy", {{"RoleName", "Omada"}, {"PolicyArn", *seed_arn_}}).ok());
  const std::string get_role =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]})";
  ASSERT_TRUE(
      raw.Call("PutRolePolicy",
               {{"RoleName", "Omada"}, {"PolicyName", "GetRole"}, {"PolicyDocument", get_role}})
          .ok());
  ASSERT_TRUE(raw.Call("PutRolePolicy", {{"RoleName", "Omada"},
                                         {"PolicyName", "ConnectorTest"},
                                         {"PolicyDocument", SimulateSelf("role/connectors/Omada")}})
                  .ok());
  auto c = Make(assumer.id, assumer.secret, role_arn);
  ASSERT_NE(c, nullptr);
  emulator_->ResetCallCounts();
  AwsTestReport r = Wait(AsResult(c->TestWithPermissions())).value();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"AssumeRole", 1},
                                             {"ListUsers", 1},
                                             {"GetCallerIdentity", 1},
                                             {"GetRole", 1},
                                             {"SimulatePrincipalPolicy", kSimulationCalls}}));
  const json& p = r.permissions;
  EXPECT_EQ(p.value("checked", false), true) << p.dump(2);
  EXPECT_EQ(p.value("principal", "")
                .rfind(std::string("arn:aws:sts::") + kAccount + ":assumed-role/Omada/", 0),
            0u)
      << p.dump(2);
  EXPECT_EQ(p.value("simulatedArn", ""), role_arn);
  std::set<std::string> allowed = AllowedActions(*seed_policy_);
  allowed.insert("iam:GetRole");
  EXPECT_EQ(MissingActions(p), ExpectedMissing(allowed, true)) << p.dump(2);
  EXPECT_EQ(r.status.code(), ErrorCode::kPermissionDenied);
}

TEST_F(ConnectorPermissionsTest, RoleWithoutGetRoleIsSimulatedAtTheRootPathWithANote) {
  // The seed policy plus SimulatePrincipalPolicy on itself; no iam:GetRole: the session ARN's
  // role is simulated at path "/" (right here), and the note and the missing list say so.
  IamClient& iam = root_->iam();
  const std::string role_arn = std::string("arn:aws:iam::") + kAccount + ":role/PlainRole";
  const std::string trust =
      std::string(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)") +
      R"("Principal":{"AWS":"arn:aws:iam::)" + kAccount +
      R"(:user/assumer2"},"Action":"sts:AssumeRole"}]})";
  Keys assumer = UserWithPolicy("assumer2", *seed_arn_);
  QueryClient& raw = QueryClientOf(iam);
  ASSERT_TRUE(
      raw.Call("CreateRole", {{"RoleName", "PlainRole"}, {"AssumeRolePolicyDocument", trust}})
          .ok());
  ASSERT_TRUE(
      raw.Call("AttachRolePolicy", {{"RoleName", "PlainRole"}, {"PolicyArn", *seed_arn_}}).ok());
  ASSERT_TRUE(raw.Call("PutRolePolicy", {{"RoleName", "PlainRole"},
                                         {"PolicyName", "ConnectorTest"},
                                         {"PolicyDocument", SimulateSelf("role/PlainRole")}})
                  .ok());
  auto c = Make(assumer.id, assumer.secret, role_arn);
  ASSERT_NE(c, nullptr);
  emulator_->ResetCallCounts();
  AwsTestReport r = Wait(AsResult(c->TestWithPermissions())).value();
  EXPECT_EQ(emulator_->CallCounts(), (Counts{{"AssumeRole", 1},
                                             {"ListUsers", 1},
                                             {"GetCallerIdentity", 1},
                                             {"GetRole", 1},
                                             {"SimulatePrincipalPolicy", kSimulationCalls}}));
  const json& p = r.permissions;
  EXPECT_EQ(p.value("checked", false), true) << p.dump(2);
  EXPECT_EQ(p.value("simulatedArn", ""), role_arn);
  ASSERT_TRUE(p.contains("notes")) << p.dump(2);
  EXPECT_NE(p["notes"][0].get<std::string>().find("AWS refused iam:GetRole"), std::string::npos);
  EXPECT_EQ(MissingActions(p), ExpectedMissing(AllowedActions(*seed_policy_), true));
  EXPECT_TRUE(MissingActions(p).count("iam:GetRole"));
}

}  // namespace
}  // namespace aic
