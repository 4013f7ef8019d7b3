// Evaluations per second of the policy engine (src/policy) on bench/policy_eval_workload.py's
// workload: a user's 10 attached policies of 20 statements, four requests (allowed by the last
// statement, allowed early, implicitly denied, explicitly denied). The peer, moto's evaluator on
// the same file, is bench/policy_eval_moto.py; bench/policy_eval_bench.sh runs both.
//
// Usage: policy_eval_bench WORKLOAD.json [SECONDS=3]
// Prints "ours NAME DECISION EVALUATIONS_PER_SECOND" per request, and the parse rate.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "policy/policy_engine.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: policy_eval_bench WORKLOAD.json [SECONDS]\n");
    return 2;
  }
  const double seconds = argc > 2 ? std::atof(argv[2]) : 3.0;
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  const auto workload = nlohmann::json::parse(text.str(), nullptr, false);
  if (workload.is_discarded()) {
    std::fprintf(stderr, "policy_eval_bench: %s is not JSON\n", argv[1]);
    return 2;
  }
  std::vector<std::string> documents = workload["policies"].get<std::vector<std::string>>();

  aic::policy::PolicySet set;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    auto parsed = aic::policy::ParsePolicy(
        documents[i], {"arn:aws:iam::123456789012:policy/bench-" + std::to_string(i),
                       aic::policy::PolicyType::kUserManaged});
    if (!parsed.ok()) {
      std::fprintf(stderr, "policy_eval_bench: policy %zu: %s\n", i,
                   parsed.status().message().c_str());
      return 1;
    }
    set.identity.push_back(parsed.value());
  }

  for (const auto& r : workload["requests"]) {
    aic::policy::RequestContext request;
    request.action = r["action"].get<std::string>();
    request.resource = r["resource"].get<std::string>();
    request.principal_arn = "arn:aws:iam::123456789012:user/bench";
    request.principal_account = "123456789012";
    request.keys["aws:username"] = {"bench"};
    request.keys["aws:principalarn"] = {request.principal_arn};
    const std::string expected = r["decision"].get<std::string>();
    const auto first = aic::policy::Evaluate(set, request);
    const std::string decision(aic::policy::DecisionName(first.decision));
    if (decision != expected) {
      std::fprintf(stderr, "policy_eval_bench: %s decided %s, expected %s\n",
                   r["name"].get<std::string>().c_str(), decision.c_str(), expected.c_str());
      return 1;
    }
    std::size_t count = 0;
    std::size_t sink = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
      for (int i = 0; i < 1000; ++i) {
        sink += static_cast<std::size_t>(aic::policy::Evaluate(set, request).decision);
      }
      count += 1000;
      elapsed = Seconds(start);
    } while (elapsed < seconds);
    std::printf("ours %s %s %.0f\n", r["name"].get<std::string>().c_str(), decision.c_str(),
                static_cast<double>(count) / elapsed);
    if (sink == 42) std::printf(" ");  // keeps the loop from being optimised away
  }

  std::size_t parsed = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    for (const auto& d : documents) {
      parsed += aic::policy::ParsePolicy(d, {"p", aic::policy::PolicyType::kUserManaged}).ok();
    }
    elapsed = Seconds(start);
  } while (elapsed < seconds / 3);
  std::printf("ours parse-20-statement-policy - %.0f\n", static_cast<double>(parsed) / elapsed);
  return 0;
}
