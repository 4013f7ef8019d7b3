// Property tests of the evaluation engine: random policies and requests over small alphabets (so
// that statements match often), thousands per property, each checking a law of AWS's evaluation
// logic (docs/policy-evaluation.md, "Properties"):
//  - a matching Deny added anywhere (identity, resource-based, boundary, session policy) makes the
//    decision explicitDeny;
//  - adding an Allow never turns allowed into a deny, nor explicitDeny into anything else;
//  - a permissions boundary never widens, nor does a session policy;
//  - statement order and policy order never change the decision;
//  - NotAction X decides as Action (complement of X) over a finite action universe;
//  - duplicate statements and duplicate policies change nothing.
// The generator is a std::mt19937 seeded with kDefaultSeed, or with AIC_PROPERTY_SEED from the
// environment; a failure prints the seed, the iteration, the documents and the request.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "policy/policy_engine.h"

namespace aic::policy {
namespace {

using nlohmann::json;

constexpr unsigned kDefaultSeed = 20261129;
constexpr int kIterations = 3000;  // per property

const char* const kAccount = "123456789012";
const std::string kUser = "arn:aws:iam::123456789012:user/alice";
const std::string kRole = "arn:aws:iam::123456789012:role/dev";
const std::string kSession = "arn:aws:sts::123456789012:assumed-role/dev/s1";

// The finite action universe (requests draw from it; NotAction's complement is taken over it).
const std::vector<std::string> kActions = {"iam:GetUser",   "iam:CreateUser", "iam:DeleteUser",
                                           "iam:ListUsers", "s3:GetObject",   "s3:PutObject"};
const std::vector<std::string> kActionPatterns = {
    "iam:GetUser", "iam:CreateUser", "s3:GetObject", "s3:PutObject", "iam:*",  "s3:*",
    "*",           "iam:*User",      "s3:Get*",      "IAM:getuser",  "iam:*e*"};
const std::vector<std::string> kResources = {"arn:aws:iam::123456789012:user/alice",
                                             "arn:aws:iam::123456789012:user/bob",
                                             "arn:aws:s3:::b/k1", "arn:aws:s3:::b/k2", "*"};
const std::vector<std::string> kResourcePatterns = {
    "arn:aws:iam::123456789012:user/alice",
    "arn:aws:iam::123456789012:user/*",
    "arn:aws:iam::123456789012:user/${aws:username}",
    "arn:aws:s3:::b/*",
    "arn:aws:s3:::b/k?",
    "arn:aws:s3:::b/k1",
    "*"};

unsigned Seed() {
  const char* env = std::getenv("AIC_PROPERTY_SEED");
  return env ? static_cast<unsigned>(std::strtoul(env, nullptr, 10)) : kDefaultSeed;
}

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <class T>
  const T& Pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }
  std::mt19937& rng() { return rng_; }

  json Some(const std::vector<std::string>& alphabet) {
    if (Chance(60)) return Pick(alphabet);
    json list = json::array();
    for (int i = Int(1, 3); i > 0; --i) list.push_back(Pick(alphabet));
    return list;
  }

  json Condition() {
    static const std::vector<std::string> kStringOps = {"StringEquals", "StringNotEquals",
                                                        "StringEqualsIfExists", "StringLike"};
    static const std::vector<std::string> kNames = {"alice", "bob", "a*"};
    switch (Int(0, 4)) {
      case 0:
        return {{Pick(kStringOps), {{"aws:username", Pick(kNames)}}}};
      case 1:
        return {{Chance(50) ? "Bool" : "BoolIfExists",
                 {{"aws:SecureTransport", Chance(50) ? "true" : "false"}}}};
      case 2:
        return {{Chance(50) ? "StringLike" : "StringNotLike",
                 {{"aws:PrincipalTag/team", Chance(50) ? "al*" : "b?ta"}}}};
      case 3:
        return {
            {Chance(50) ? "NumericLessThan" : "NumericGreaterThanEquals", {{"s3:max-keys", "5"}}}};
      default:
        return {{"Null", {{"aws:username", Chance(50) ? "true" : "false"}}}};
    }
  }

  // principal: the Principal element of a resource-based statement (null for identity ones).
  json Statement(const json& principal = nullptr) {
    json s = {{"Effect", Chance(70) ? "Allow" : "Deny"}};
    if (!principal.is_null()) s["Principal"] = principal;
    s[Chance(20) ? "NotAction" : "Action"] = Some(kActionPatterns);
    s[Chance(15) ? "NotResource" : "Resource"] = Some(kResourcePatterns);
    if (Chance(40)) s["Condition"] = Condition();
    return s;
  }

  json Policy(const json& principal = nullptr) {
    json stmts = json::array();
    for (int i = Int(1, 3); i > 0; --i) stmts.push_back(Statement(principal));
    return {{"Version", "2012-10-17"}, {"Statement", stmts}};
  }

  std::vector<json> Policies(int lo, int hi, const json& principal = nullptr) {
    std::vector<json> out;
    for (int i = Int(lo, hi); i > 0; --i) out.push_back(Policy(principal));
    return out;
  }

  RequestContext Request(bool session) {
    RequestContext r;
    r.action = Pick(kActions);
    r.resource = Pick(kResources);
    r.principal_account = kAccount;
    r.principal_arn = session ? kRole : kUser;
    if (session) r.session_arn = kSession;
    if (Chance(70)) r.keys["aws:username"] = {Chance(50) ? "alice" : "bob"};
    if (Chance(70)) r.keys["aws:securetransport"] = {Chance(50) ? "true" : "false"};
    if (Chance(50)) r.keys["aws:principaltag/team"] = {Chance(50) ? "alpha" : "beta"};
    if (Chance(50)) r.keys["s3:max-keys"] = {Chance(50) ? "3" : "7"};
    return r;
  }

 private:
  std::mt19937 rng_;
};

// The documents of one evaluation, kept as JSON so that a failure can print them.
struct Docs {
  std::vector<json> identity;
  std::vector<json> resource;
  std::optional<std::vector<json>> boundary;
  std::optional<std::vector<json>> session;
};

std::string Describe(const Docs& d, const RequestContext& r) {
  json out;
  out["identity"] = d.identity;
  out["resource"] = d.resource;
  if (d.boundary) out["boundary"] = *d.boundary;
  if (d.session) out["session"] = *d.session;
  json keys = json::object();
  for (const auto& [k, v] : r.keys) keys[k] = v;
  out["request"] = {{"action", r.action},
                    {"resource", r.resource},
                    {"principal_arn", r.principal_arn},
                    {"session_arn", r.session_arn},
                    {"keys", keys}};
  return out.dump(2);
}

std::vector<PolicyHandle> Parse(const std::vector<json>& docs, PolicyType type) {
  std::vector<PolicyHandle> out;
  for (const auto& d : docs) {
    auto p = ParsePolicy(d.dump(), PolicySource{"p" + std::to_string(out.size()), type});
    EXPECT_TRUE(p.ok()) << p.status().message() << "\n" << d.dump(2);
    if (p.ok()) out.push_back(std::move(p.value()));
  }
  return out;
}

Evaluation Eval(const Docs& d, const RequestContext& r) {
  PolicySet set;
  set.identity = Parse(d.identity, PolicyType::kUserManaged);
  set.resource = Parse(d.resource, PolicyType::kResource);
  if (d.boundary) set.boundary = Parse(*d.boundary, PolicyType::kNone);
  if (d.session) set.session = Parse(*d.session, PolicyType::kNone);
  return Evaluate(set, r);
}

// A random case: identity policies, sometimes a resource-based policy naming the caller, a
// boundary, a session policy.
Docs RandomDocs(Gen& g, bool session) {
  Docs d;
  d.identity = g.Policies(0, 3);
  if (g.Chance(25)) {
    json principal = g.Chance(30) ? json("*")
                     : session    ? json{{"AWS", g.Chance(50) ? kSession : kRole}}
                                  : json{{"AWS", kUser}};
    d.resource = g.Policies(1, 1, principal);
  }
  if (g.Chance(30)) d.boundary = g.Policies(1, 2);
  if (session && g.Chance(50)) d.session = g.Policies(1, 2);
  return d;
}

std::vector<json>& RandomKind(Gen& g, Docs& d) {
  std::vector<std::vector<json>*> kinds = {&d.identity};
  if (d.boundary) kinds.push_back(&*d.boundary);
  if (d.session) kinds.push_back(&*d.session);
  return *g.Pick(kinds);
}

void InsertStatement(Gen& g, std::vector<json>& policies, const json& stmt) {
  if (policies.empty() || g.Chance(25)) {
    policies.insert(policies.begin() + g.Int(0, static_cast<int>(policies.size())),
                    json{{"Version", "2012-10-17"}, {"Statement", json::array({stmt})}});
    return;
  }
  json& stmts =
      policies[static_cast<size_t>(g.Int(0, static_cast<int>(policies.size()) - 1))]["Statement"];
  stmts.insert(stmts.begin() + g.Int(0, static_cast<int>(stmts.size())), stmt);
}

#define PROPERTY_TRACE(seed, i, docs, req) \
  "seed " << (seed) << " (AIC_PROPERTY_SEED), iteration " << (i) << "\n" << Describe(docs, req)

TEST(PolicyProperties, MatchingDenyAnywhereWins) {
  const unsigned seed = Seed();
  Gen g(seed);
  for (int i = 0; i < kIterations; ++i) {
    const bool session = g.Chance(40);
    Docs d = RandomDocs(g, session);
    RequestContext r = g.Request(session);
    json deny = {{"Effect", "Deny"},
                 {"Action", g.Chance(50) ? json(r.action) : json("*")},
                 {"Resource", g.Chance(50) ? json(r.resource) : json("*")}};
    if (g.Chance(50)) {  // a condition that holds for this request
      deny["Condition"] = {
          {"Null", {{"aws:username", r.keys.count("aws:username") ? "false" : "true"}}}};
    }
    if (!d.resource.empty() && g.Chance(25)) {  // a Deny in the resource-based policy
      deny["Principal"] = "*";
      InsertStatement(g, d.resource, deny);
    } else {
      InsertStatement(g, RandomKind(g, d), deny);
    }
    Evaluation e = Eval(d, r);
    ASSERT_EQ(e.decision, Decision::kExplicitDeny) << PROPERTY_TRACE(seed, i, d, r);
  }
}

TEST(PolicyProperties, AddingAnAllowNeverDeniesMore) {
  const unsigned seed = Seed();
  Gen g(seed);
  for (int i = 0; i < kIterations; ++i) {
    const bool session = g.Chance(40);
    Docs d = RandomDocs(g, session);
    RequestContext r = g.Request(session);
    const Decision before = Eval(d, r).decision;
    json allow = g.Statement();
    allow["Effect"] = "Allow";
    if (!d.resource.empty() && g.Chance(25)) {  // an Allow in the resource-based policy
      allow["Principal"] = d.resource[0]["Statement"][0]["Principal"];
      InsertStatement(g, d.resource, allow);
    } else {
      InsertStatement(g, RandomKind(g, d), allow);
    }
    const Decision after = Eval(d, r).decision;
    if (before == Decision::kAllowed || before == Decision::kExplicitDeny) {
      ASSERT_EQ(after, before) << "added " << allow.dump() << "\n" << PROPERTY_TRACE(seed, i, d, r);
    } else {
      ASSERT_NE(after, Decision::kExplicitDeny) << "added " << allow.dump() << "\n"
                                                << PROPERTY_TRACE(seed, i, d, r);
    }
  }
}

TEST(PolicyProperties, PermissionsBoundaryNeverWidens) {
  const unsigned seed = Seed();
  Gen g(seed);
  for (int i = 0; i < kIterations; ++i) {
    const bool session = g.Chance(40);
    Docs without = RandomDocs(g, session);
    without.boundary.reset();
    Docs with = without;
    with.boundary = g.Policies(1, 2);
    RequestContext r = g.Request(session);
    if (Eval(with, r).decision == Decision::kAllowed) {
      ASSERT_EQ(Eval(without, r).decision, Decision::kAllowed)
          << "allowed with the boundary, not without\n"
          << PROPERTY_TRACE(seed, i, with, r);
    }
  }
}

TEST(PolicyProperties, SessionPolicyNeverWidens) {
  const unsigned seed = Seed();
  Gen g(seed);
  for (int i = 0; i < kIterations; ++i) {
    Docs without = RandomDocs(g, /*session=*/true);
    without.session.reset();
    Docs with = without;
    with.session = g.Policies(1, 2);
    RequestContext r = g.Request(/*session=*/true);
    if (Eval(with, r).decision == Decision::kAllowed) {
      ASSERT_EQ(Eval(without, r).decision, Decision::kAllowed)
          << "allowed with the session policy, not without\n"
          << PROPERTY_TRACE(seed, i, with, r);
    }
  }
}

void ShuffleKind(Gen& g, std::vector<json>& policies) {
  std::shuffle(policies.begin(), policies.end(), g.rng());
  for (auto& p : policies) {
    auto& stmts = p["Statement"];
    std::vector<json> v(stmts.begin(), stmts.end());
    std::shuffle(v.begin(), v.end(), g.rng());
    stmts = v;
  }
}

TEST(PolicyProperties, StatementAndPolicyOrderDoNotMatter) {
  const unsigned seed = Seed();
  Gen g(seed);
  std::map<Decision, int> seen;
  for (int i = 0; i < kIterations; ++i) {
    const bool session = g.Chance(40);
    Docs d = RandomDocs(g, session);
    RequestContext r = g.Request(session);
    const Evaluation before = Eval(d, r);
    ++seen[before.decision];
    Docs shuffled = d;
    ShuffleKind(g, shuffled.identity);
    ShuffleKind(g, shuffled.resource);
    if (shuffled.boundary) ShuffleKind(g, *shuffled.boundary);
    if (shuffled.session) ShuffleKind(g, *shuffled.session);
    const Evaluation after = Eval(shuffled, r);
    ASSERT_EQ(after.decision, before.decision)
        << "shuffled:\n"
        << Describe(shuffled, r) << "\noriginal: " << PROPERTY_TRACE(seed, i, d, r);
    ASSERT_EQ(after.reason, before.reason) << PROPERTY_TRACE(seed, i, d, r);
  }
  // The generator is not degenerate: every decision occurs often (so the properties above
  // compare interesting cases, not only implicit denies).
  for (Decision dec : {Decision::kAllowed, Decision::kExplicitDeny, Decision::kImplicitDeny}) {
    EXPECT_GE(seen[dec], kIterations / 20) << DecisionName(dec) << " (seed " << seed << ")";
  }
}

// The test's own matcher for the complement ('*' any run, '?' one character, ignoring case),
// so that the property does not lean on the engine's WildcardMatch.
bool Glob(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p[0] == '*') return Glob(p.substr(1), s) || (!s.empty() && Glob(p, s.substr(1)));
  if (s.empty()) return false;
  if (p[0] != '?' && std::tolower(static_cast<unsigned char>(p[0])) !=
                         std::tolower(static_cast<unsigned char>(s[0]))) {
    return false;
  }
  return Glob(p.substr(1), s.substr(1));
}

TEST(PolicyProperties, NotActionIsTheComplementOfAction) {
  const unsigned seed = Seed();
  Gen g(seed);
  int compared = 0;
  for (int i = 0; i < kIterations; ++i) {
    json excluded = g.Some(kActionPatterns);
    std::vector<std::string> patterns = excluded.is_array()
                                            ? excluded.get<std::vector<std::string>>()
                                            : std::vector<std::string>{excluded.get<std::string>()};
    json complement = json::array();
    for (const auto& a : kActions) {
      if (std::none_of(patterns.begin(), patterns.end(),
                       [&](const std::string& p) { return Glob(p, a); })) {
        complement.push_back(a);
      }
    }
    if (complement.empty()) continue;  // "Action": [] is not a policy
    json base = g.Statement();
    base.erase("Action");
    base.erase("NotAction");
    json with_not = base, with_action = base;
    with_not["NotAction"] = excluded;
    with_action["Action"] = complement;
    Docs a, b;
    a.identity = g.Policies(0, 1);
    b.identity = a.identity;
    a.identity.push_back({{"Version", "2012-10-17"}, {"Statement", json::array({with_not})}});
    b.identity.push_back({{"Version", "2012-10-17"}, {"Statement", json::array({with_action})}});
    RequestContext r = g.Request(false);
    for (const auto& action : kActions) {
      r.action = action;
      ++compared;
      ASSERT_EQ(Eval(a, r).decision, Eval(b, r).decision)
          << "NotAction " << excluded.dump() << " vs Action " << complement.dump() << "\n"
          << PROPERTY_TRACE(seed, i, a, r);
    }
  }
  EXPECT_GT(compared, kIterations);  // the complement is rarely empty
}

TEST(PolicyProperties, DuplicatesChangeNothing) {
  const unsigned seed = Seed();
  Gen g(seed);
  for (int i = 0; i < kIterations; ++i) {
    const bool session = g.Chance(40);
    Docs d = RandomDocs(g, session);
    if (d.identity.empty()) d.identity.push_back(g.Policy());
    RequestContext r = g.Request(session);
    const Evaluation before = Eval(d, r);
    Docs dup = d;
    std::vector<json>& kind = RandomKind(g, dup);
    json& policy = kind[static_cast<size_t>(g.Int(0, static_cast<int>(kind.size()) - 1))];
    if (g.Chance(50)) {
      json& stmts = policy["Statement"];
      json copy = stmts[static_cast<size_t>(g.Int(0, static_cast<int>(stmts.size()) - 1))];
      stmts.insert(stmts.begin() + g.Int(0, static_cast<int>(stmts.size())), copy);
    } else {
      json copy = policy;
      kind.push_back(copy);
    }
    const Evaluation after = Eval(dup, r);
    ASSERT_EQ(after.decision, before.decision)
        << "with duplicates:\n"
        << Describe(dup, r) << "\noriginal: " << PROPERTY_TRACE(seed, i, d, r);
    ASSERT_EQ(after.reason, before.reason) << PROPERTY_TRACE(seed, i, d, r);
  }
}

}  // namespace
}  // namespace aic::policy
