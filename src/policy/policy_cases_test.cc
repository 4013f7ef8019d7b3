// The documented evaluation cases: every tests/policy/cases/*.json file, one gtest per case
// (named by the case's id), each case a request with the decision AWS's documentation gives for
// it (the case's "source" URL and "note" quote say where). Format and how to add a case:
// docs/policy-evaluation.md ("The documented cases").
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "policy/policy_engine.h"

namespace aic::policy {
namespace {

// The floor the issue sets for the table (the table holds more).
constexpr size_t kMinimumCases = 200;

const std::filesystem::path& CasesDir() {
  static const std::filesystem::path dir =
      std::filesystem::path(AIC_SOURCE_DIR) / "tests" / "policy" / "cases";
  return dir;
}

struct PolicyCase {
  std::string file;  // e.g. "condition_string.json"
  nlohmann::json doc;
};

struct CaseTable {
  std::vector<PolicyCase> cases;
  std::vector<std::string> load_errors;  // reported by the CaseTable test
};

// Reads every *.json file of the cases folder (sorted by name, so the order is stable).
const CaseTable& Table() {
  static const CaseTable table = [] {
    CaseTable t;
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(CasesDir(), ec)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    if (ec) t.load_errors.push_back(CasesDir().string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path);
      std::stringstream text;
      text << in.rdbuf();
      auto doc = nlohmann::json::parse(text.str(), nullptr, false);
      if (doc.is_discarded() || !doc.is_array()) {
        t.load_errors.push_back(path.filename().string() + ": not a JSON array");
        continue;
      }
      for (auto& c : doc) t.cases.push_back({path.filename().string(), std::move(c)});
    }
    return t;
  }();
  return table;
}

// A gtest name from a case id: letters, digits and '_' only.
std::string TestName(const std::string& id) {
  std::string name;
  for (char ch : id) name += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return name.empty() ? "unnamed" : name;
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string_view ReasonName(DenyReason r) {
  switch (r) {
    case DenyReason::kNone:
      return "None";
    case DenyReason::kExplicitDenyIdentity:
      return "ExplicitDenyIdentity";
    case DenyReason::kExplicitDenyResource:
      return "ExplicitDenyResource";
    case DenyReason::kExplicitDenyBoundary:
      return "ExplicitDenyBoundary";
    case DenyReason::kExplicitDenySession:
      return "ExplicitDenySession";
    case DenyReason::kNoIdentityAllow:
      return "NoIdentityAllow";
    case DenyReason::kNoBoundaryAllow:
      return "NoBoundaryAllow";
    case DenyReason::kNoSessionAllow:
      return "NoSessionAllow";
  }
  return "?";
}

// A policy document of a case: a JSON object (serialised) or a string (the text as is).
std::string DocumentText(const nlohmann::json& doc) {
  return doc.is_string() ? doc.get<std::string>() : doc.dump(2);
}

// Parses the documents of policies[kind]; an error names the document.
Result<std::vector<PolicyHandle>> ParseKind(const nlohmann::json& policies, const char* kind,
                                            PolicyType type) {
  std::vector<PolicyHandle> out;
  if (!policies.contains(kind)) return out;
  int i = 0;
  for (const auto& doc : policies.at(kind)) {
    std::string id = std::string(kind) + "-" + std::to_string(i++);
    auto parsed = ParsePolicy(DocumentText(doc), PolicySource{id, type});
    if (!parsed.ok()) {
      return Status(ErrorCode::kInvalidInput, id + ": " + parsed.status().message());
    }
    out.push_back(std::move(parsed.value()));
  }
  return out;
}

std::string KeyValue(const nlohmann::json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

RequestContext BuildRequest(const nlohmann::json& r) {
  RequestContext req;
  auto field = [&](const char* name) { return r.value(name, std::string()); };
  req.action = field("action");
  req.resource = field("resource");
  req.principal_arn = field("principal_arn");
  req.session_arn = field("session_arn");
  req.principal_account = field("principal_account");
  req.resource_account = field("resource_account");
  req.service_principal = field("service_principal");
  req.federated = field("federated");
  const nlohmann::json keys = r.value("keys", nlohmann::json::object());
  for (const auto& [key, value] : keys.items()) {
    auto& values = req.keys[Lower(key)];  // the engine's contract: key names lower-cased
    if (value.is_array()) {
      for (const auto& v : value) values.push_back(KeyValue(v));
    } else {
      values.push_back(KeyValue(value));
    }
  }
  return req;
}

class DocumentedCase : public ::testing::TestWithParam<size_t> {};

TEST_P(DocumentedCase, MatchesAwsDocumentation) {
  const PolicyCase& pc = Table().cases.at(GetParam());
  const nlohmann::json& c = pc.doc;
  SCOPED_TRACE(pc.file + " " + c.value("id", std::string()) +
               "\n  source: " + c.value("source", std::string()) +
               "\n  note: " + c.value("note", std::string()) + "\n  case: " + c.dump(2));
  const nlohmann::json& policies = c.at("policies");

  PolicySet set;
  auto identity = ParseKind(policies, "identity", PolicyType::kUserManaged);
  ASSERT_TRUE(identity.ok()) << identity.status().message();
  set.identity = std::move(identity.value());
  auto resource = ParseKind(policies, "resource", PolicyType::kResource);
  ASSERT_TRUE(resource.ok()) << resource.status().message();
  set.resource = std::move(resource.value());
  if (policies.contains("boundary")) {
    auto boundary = ParseKind(policies, "boundary", PolicyType::kNone);
    ASSERT_TRUE(boundary.ok()) << boundary.status().message();
    set.boundary = std::move(boundary.value());
  }
  if (policies.contains("session")) {
    auto session = ParseKind(policies, "session", PolicyType::kNone);
    ASSERT_TRUE(session.ok()) << session.status().message();
    set.session = std::move(session.value());
  }

  const Evaluation got = Evaluate(set, BuildRequest(c.at("request")));
  EXPECT_EQ(DecisionName(got.decision), c.at("decision").get<std::string>())
      << "engine reason: " << ReasonName(got.reason);
  if (c.contains("reason")) {
    EXPECT_EQ(ReasonName(got.reason), c.at("reason").get<std::string>());
  }
  if (c.contains("missing_context_keys")) {
    EXPECT_EQ(got.missing_context_keys,
              c.at("missing_context_keys").get<std::vector<std::string>>());
  }
}

std::vector<size_t> CaseIndexes() {
  std::vector<size_t> idx(Table().cases.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  return idx;
}

INSTANTIATE_TEST_SUITE_P(Aws, DocumentedCase, ::testing::ValuesIn(CaseIndexes()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return TestName(
                               Table().cases[info.param].doc.value("id", std::string()));
                         });

// The table itself: it loads, holds enough cases, and every case is well formed (a unique id,
// an AWS documentation URL, a note, a known decision and reason).
TEST(CaseTable, LoadsAndIsWellFormed) {
  const CaseTable& t = Table();
  for (const auto& e : t.load_errors) ADD_FAILURE() << e;
  EXPECT_GE(t.cases.size(), kMinimumCases) << "cases in " << CasesDir();
  const std::set<std::string> decisions = {"allowed", "explicitDeny", "implicitDeny"};
  const std::set<std::string> reasons = {"None",
                                         "ExplicitDenyIdentity",
                                         "ExplicitDenyResource",
                                         "ExplicitDenyBoundary",
                                         "ExplicitDenySession",
                                         "NoIdentityAllow",
                                         "NoBoundaryAllow",
                                         "NoSessionAllow"};
  const std::set<std::string> kCaseFields = {
      "id", "source", "note", "policies", "request", "decision", "reason", "missing_context_keys"};
  const std::set<std::string> kPolicyKinds = {"identity", "boundary", "session", "resource"};
  const std::set<std::string> kRequestFields = {
      "action",           "resource",          "principal_arn", "session_arn", "principal_account",
      "resource_account", "service_principal", "federated",     "keys"};
  std::set<std::string> names;
  for (const auto& pc : t.cases) {
    const auto& c = pc.doc;
    const std::string id = c.value("id", std::string());
    SCOPED_TRACE(pc.file + " " + id);
    EXPECT_FALSE(id.empty());
    EXPECT_TRUE(names.insert(TestName(id)).second) << "duplicate id " << id;
    EXPECT_EQ(c.value("source", std::string()).rfind("https://docs.aws.amazon.com/", 0), 0u);
    EXPECT_FALSE(c.value("note", std::string()).empty());
    EXPECT_TRUE(decisions.count(c.value("decision", std::string())));
    if (c.contains("reason")) {
      EXPECT_TRUE(reasons.count(c.at("reason").get<std::string>()));
    }
    ASSERT_TRUE(c.contains("policies") && c.at("policies").is_object());
    ASSERT_TRUE(c.contains("request") && c.at("request").contains("action"));
    // A misspelt field would be ignored silently: every field must be a known one.
    for (const auto& [k, v] : c.items()) EXPECT_TRUE(kCaseFields.count(k)) << "field " << k;
    for (const auto& [k, v] : c.at("policies").items()) {
      EXPECT_TRUE(kPolicyKinds.count(k)) << "policies." << k;
      EXPECT_TRUE(v.is_array()) << "policies." << k;
    }
    for (const auto& [k, v] : c.at("request").items()) {
      EXPECT_TRUE(kRequestFields.count(k)) << "request." << k;
    }
  }
}

}  // namespace
}  // namespace aic::policy
