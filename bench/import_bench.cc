// Full import (SPEC 4.8) through the connector, for bench/import_bench.sh.
//
//   import_bench seed ENDPOINT N   creates N users with 2 groups, 2 managed policies, 2 tags
//   import_bench import ENDPOINT   runs AwsConnector::FullImport to a counting sink and prints
//                                  {"lines", "users", "wall_s", "iam_calls", "maxrss_kb"}
// Credentials: the emulator's seed pair test/test.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/task.h"
#include "iam/query_client.h"

namespace {

constexpr int kSeedThreads = 8;

std::unique_ptr<aic::AwsConnector> Connect(const std::string& endpoint) {
  aic::AwsConnectorConfig c;
  c.endpoint = endpoint;
  c.sts_endpoint = endpoint;
  c.access_key_id = "test";
  c.secret_key = aic::SecretString("test");
  c.max_retries = 10;
  auto made = aic::AwsConnector::Create(c);
  if (!made.ok()) {
    std::fprintf(stderr, "import_bench: %s\n", made.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(*made);
}

int Seed(const std::string& endpoint, int n) {
  auto connector = Connect(endpoint);
  aic::IamClient& iam = connector->iam();
  // IAM refuses a policy without a statement (MalformedPolicyDocument), and so does the emulator.
  const std::string doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]})";
  auto failed = [](const char* what, const aic::Status& s) {
    std::fprintf(stderr, "import_bench seed: %s: %s\n", what, s.ToString().c_str());
    return 1;
  };
  for (const char* group : {"bench-g1", "bench-g2"}) {
    auto made = Wait(iam.CreateGroup(group));
    if (!made.ok()) return failed("CreateGroup", made.status());
  }
  auto p1 = Wait(iam.CreatePolicy("bench-p1", doc));
  if (!p1.ok()) return failed("CreatePolicy", p1.status());
  auto p2 = Wait(iam.CreatePolicy("bench-p2", doc));
  if (!p2.ok()) return failed("CreatePolicy", p2.status());
  std::atomic<int> next{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kSeedThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = next++; i < n; i = next++) {
        char name[32];
        std::snprintf(name, sizeof name, "bench%06d", i);
        std::vector<aic::Tag> tags = {{"Dept", "D" + std::to_string(i % 7)},
                                      {"Cost", std::to_string(i)}};
        bool ok = Wait(iam.CreateUser(name, "/", tags)).ok() &&
                  Wait(iam.AddUserToGroup("bench-g1", name)).ok() &&
                  Wait(iam.AddUserToGroup("bench-g2", name)).ok() &&
                  Wait(iam.AttachUserPolicy(name, p1->arn)).ok() &&
                  Wait(iam.AttachUserPolicy(name, p2->arn)).ok();
        if (!ok) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  return failures.load() == 0 ? 0 : 1;
}

int Import(const std::string& endpoint) {
  auto connector = Connect(endpoint);
  std::int64_t lines = 0, bytes = 0;
  auto start = std::chrono::steady_clock::now();
  auto stats = Wait(connector->FullImport([&](const std::string& line) {
    ++lines;
    bytes += static_cast<std::int64_t>(line.size()) + 1;
    return aic::Status::Ok();
  }));
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!stats.ok()) {
    std::fprintf(stderr, "import_bench: %s\n", stats.status().ToString().c_str());
    return 1;
  }
  std::int64_t calls = 0;
  for (const auto& [action, s] : aic::QueryClientOf(connector->iam()).AllCallStats())
    calls += s.calls;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  nlohmann::json out = {{"lines", lines}, {"bytes", bytes},     {"users", stats->users},
                        {"wall_s", wall}, {"iam_calls", calls}, {"maxrss_kb", usage.ru_maxrss}};
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::strcmp(argv[1], "seed") == 0) return Seed(argv[2], std::atoi(argv[3]));
  if (argc >= 3 && std::strcmp(argv[1], "import") == 0) return Import(argv[2]);
  std::fprintf(stderr, "usage: import_bench seed ENDPOINT N | import_bench import ENDPOINT\n");
  return 2;
}
