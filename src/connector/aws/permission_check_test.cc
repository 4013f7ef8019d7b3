// The permission table against docs/permissions.md (its two tables, the quoted Omada seed policy
// and the least-privilege policy), the caller-ARN mapping and the JSON of a check.
#include "connector/aws/permission_check.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace aic {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kDoc = fs::path(AIC_SOURCE_DIR) / "docs" / "permissions.md";
const fs::path kSeed = fs::path(AIC_SHARED_DIR) / "seeds" / "004_6fb6dda7861569f4.txt";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text between "<!-- NAME:begin -->" and "<!-- NAME:end -->" of the doc.
std::string Section(const std::string& doc, const std::string& name) {
  const std::string begin = "<!-- " + name + ":begin -->\n";
  const std::string end = "<!-- " + name + ":end -->";
  auto b = doc.find(begin);
  auto e = doc.find(end);
  if (b == std::string::npos || e == std::string::npos || e < b) return "";
  return doc.substr(b + begin.size(), e - b - begin.size());
}

// The first fenced ```json block of `text`, parsed.
json FencedJson(const std::string& text) {
  auto b = text.find("```json\n");
  auto e = text.find("\n```", b == std::string::npos ? 0 : b + 8);
  if (b == std::string::npos || e == std::string::npos) return nullptr;
  return json::parse(text.substr(b + 8, e - b - 8), nullptr, false);
}

// `text` with the no-break spaces a web page puts in code (U+202F, U+00A0) made spaces: they
// are not JSON whitespace.
std::string PlainSpaces(std::string text) {
  for (const std::string nbsp : {"\xE2\x80\xAF", "\xC2\xA0"}) {
    for (auto at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp, at)) {
      text.replace(at, nbsp.size(), " ");
    }
  }
  return text;
}

// The balanced {...} starting at the first '{' after `after` in `text`.
json BalancedJson(const std::string& text, const std::string& after) {
  auto start = text.find('{', text.find(after));
  if (start == std::string::npos) return nullptr;
  int depth = 0;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && --depth == 0) {
      return json::parse(text.substr(start, i - start + 1), nullptr, false);
    }
  }
  return nullptr;
}

std::vector<std::string> AsList(const json& v) {
  if (v.is_string()) return {v.get<std::string>()};
  std::vector<std::string> out;
  if (v.is_array()) {
    for (const auto& x : v) out.push_back(x.get<std::string>());
  }
  return out;
}

// Every action an Allow statement of `policy` names.
std::set<std::string> AllowedActions(const json& policy) {
  std::set<std::string> out;
  for (const auto& st : policy.at("Statement")) {
    if (st.value("Effect", "") != "Allow") continue;
    for (const auto& a : AsList(st.at("Action"))) out.insert(a);
  }
  return out;
}

std::string ResourceColumn(PermissionResource r) {
  std::string arn = ResourceArnFor(r, "ACCOUNT");
  return arn == "*" ? "`*`" : "`" + arn + "`";
}

// The doc's table of uses, as it must read.
std::string ExpectedUseTable() {
  std::string out = "| use | needed for | IAM actions |\n|---|---|---|\n";
  for (const PermissionUse& u : ConnectorPermissionUses()) {
    out += "| `" + std::string(u.id) + "` | " + std::string(u.description) + " | ";
    for (std::size_t i = 0; i < u.actions.size(); ++i) {
      out += (i ? ", `" : "`") + std::string(u.actions[i]) + "`";
    }
    out += " |\n";
  }
  return out;
}

// The doc's table of actions, as it must read (`seed`: the Omada policy's actions).
std::string ExpectedActionTable(const std::set<std::string>& seed) {
  std::map<std::string, std::vector<std::string>> uses;
  for (const PermissionUse& u : ConnectorPermissionUses()) {
    for (auto a : u.actions) uses[std::string(a)].push_back("`" + std::string(u.id) + "`");
  }
  std::string out =
      "| IAM action | resource simulated by `test` | in the Omada policy | used by |\n"
      "|---|---|---|---|\n";
  for (const ActionPermission& a : ConnectorActions()) {
    std::string resource = ResourceColumn(a.resource);
    if (!a.simulated) resource = "not simulated";
    out += "| `" + std::string(a.action) + "` | " + resource + " | " +
           (seed.count(std::string(a.action)) ? "yes" : "**no**") + " | ";
    const auto& u = uses[std::string(a.action)];
    for (std::size_t i = 0; i < u.size(); ++i) out += (i ? ", " : "") + u[i];
    out += " |\n";
  }
  return out;
}

class PermissionDocTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = ReadFile(kDoc);
    ASSERT_FALSE(doc_.empty()) << kDoc;
    seed_policy_ = FencedJson(Section(doc_, "omada-seed-policy"));
    ASSERT_TRUE(seed_policy_.is_object()) << "docs/permissions.md: omada-seed-policy block";
  }
  std::string doc_;
  json seed_policy_;
};

TEST_F(PermissionDocTest, QuotedSeedPolicyIsTheSeeds) {
  std::string seed = PlainSpaces(ReadFile(kSeed));
  ASSERT_FALSE(seed.empty()) << kSeed;
  json original = BalancedJson(seed, "paste the following policy");
  ASSERT_TRUE(original.is_object());
  EXPECT_EQ(seed_policy_, original);
  EXPECT_EQ(AllowedActions(original).size(), 14u);
}

TEST_F(PermissionDocTest, UseTableIsTheCodeTable) {
  EXPECT_EQ(Section(doc_, "permission-uses"), ExpectedUseTable())
      << "docs/permissions.md must carry this table:\n"
      << ExpectedUseTable();
}

TEST_F(PermissionDocTest, ActionTableIsTheCodeTable) {
  std::string expected = ExpectedActionTable(AllowedActions(seed_policy_));
  EXPECT_EQ(Section(doc_, "permission-actions"), expected)
      << "docs/permissions.md must carry this table:\n"
      << expected;
}

TEST_F(PermissionDocTest, LeastPrivilegePolicyGrantsExactlyTheTable) {
  json policy = FencedJson(Section(doc_, "least-privilege-policy"));
  ASSERT_TRUE(policy.is_object());
  EXPECT_EQ(policy.value("Version", ""), "2012-10-17");
  std::set<std::string> expected;
  for (const ActionPermission& a : ConnectorActions()) {
    if (a.action != "sts:GetCallerIdentity") expected.insert(std::string(a.action));
  }
  EXPECT_EQ(AllowedActions(policy), expected);
  // Each action is allowed on its resource type (any account), or on "*".
  for (const ActionPermission& a : ConnectorActions()) {
    if (!expected.count(std::string(a.action))) continue;
    const std::string want = ResourceArnFor(a.resource, "*");
    bool covered = false;
    for (const auto& st : policy.at("Statement")) {
      auto actions = AsList(st.at("Action"));
      if (std::find(actions.begin(), actions.end(), a.action) == actions.end()) continue;
      for (const auto& r : AsList(st.at("Resource"))) covered |= (r == want || r == "*");
    }
    EXPECT_TRUE(covered) << a.action << " on " << want;
  }
}

TEST(PermissionTable, EveryUsedActionIsListedAndEveryListedActionIsUsed) {
  std::set<std::string> used;
  for (const PermissionUse& u : ConnectorPermissionUses()) {
    EXPECT_FALSE(u.actions.empty()) << u.id;
    for (auto a : u.actions) {
      EXPECT_NE(FindConnectorAction(a), nullptr) << u.id << ": " << a;
      used.insert(std::string(a));
    }
  }
  for (const ActionPermission& a : ConnectorActions())
    EXPECT_TRUE(used.count(std::string(a.action)));
  EXPECT_EQ(used.size(), ConnectorActions().size());
}

TEST(PermissionTable, SimulationCallsAreOnePerResourceType) {
  std::set<PermissionResource> kinds;
  for (const PermissionUse& u : ConnectorPermissionUses()) {
    if (u.role_principal_only) continue;
    for (auto a : u.actions) {
      const ActionPermission* p = FindConnectorAction(a);
      if (p != nullptr && p->simulated) kinds.insert(p->resource);
    }
  }
  EXPECT_EQ(static_cast<int>(kinds.size()), kSimulationCalls);
}

TEST(ClassifyCaller, UsersRolesRootAndOthers) {
  using Kind = SimulationPrincipal::Kind;
  auto user = ClassifyCaller("arn:aws:iam::123456789012:user/ops/omada");
  EXPECT_EQ(user.kind, Kind::kUser);
  EXPECT_EQ(user.arn, "arn:aws:iam::123456789012:user/ops/omada");
  EXPECT_EQ(user.account, "123456789012");
  auto role = ClassifyCaller("arn:aws:sts::123456789012:assumed-role/Connector/aws-iam-connector");
  EXPECT_EQ(role.kind, Kind::kRole);
  EXPECT_EQ(role.role_name, "Connector");
  EXPECT_EQ(role.arn, "arn:aws:iam::123456789012:role/Connector");
  auto gov = ClassifyCaller("arn:aws-us-gov:sts::123456789012:assumed-role/R/s");
  EXPECT_EQ(gov.arn, "arn:aws-us-gov:iam::123456789012:role/R");
  EXPECT_EQ(ClassifyCaller("arn:aws:iam::123456789012:root").kind, Kind::kRoot);
  EXPECT_EQ(ClassifyCaller("arn:aws:sts::123456789012:federated-user/bob").kind, Kind::kFederated);
  EXPECT_EQ(ClassifyCaller("arn:aws:sts::123456789012:assumed-role/NoSession").kind,
            Kind::kUnknown);
  EXPECT_EQ(ClassifyCaller("not-an-arn").kind, Kind::kUnknown);
}

TEST(PermissionCheckJson, ShapeOfCheckedAndUnchecked) {
  PermissionCheckResult r;
  r.checked = true;
  r.principal = r.simulated_arn = "arn:aws:iam::123456789012:user/omada";
  r.actions_checked = 2;
  r.missing.push_back({"iam:TagUser",
                       "arn:aws:iam::123456789012:user/*",
                       "implicitDeny",
                       {"update __ACCOUNT__ Tags"}});
  json j = PermissionCheckJson(r);
  EXPECT_EQ(j, json::parse(R"({"checked": true,
    "principal": "arn:aws:iam::123456789012:user/omada",
    "simulatedArn": "arn:aws:iam::123456789012:user/omada", "actionsChecked": 2,
    "missing": [{"action": "iam:TagUser", "resource": "arn:aws:iam::123456789012:user/*",
                 "decision": "implicitDeny", "neededFor": ["update __ACCOUNT__ Tags"]}]})"));
  EXPECT_NE(MissingPermissionsMessage(r).find("iam:TagUser"), std::string::npos);
  PermissionCheckResult root;
  root.principal = "arn:aws:iam::123456789012:root";
  root.reason = "permissions not checked: root";
  EXPECT_EQ(PermissionCheckJson(root),
            json::parse(R"({"checked": false, "principal": "arn:aws:iam::123456789012:root",
                            "reason": "permissions not checked: root"})"));
  EXPECT_EQ(MissingPermissionsMessage(root), "");
}

}  // namespace
}  // namespace aic
