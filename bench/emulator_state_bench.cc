// The emulator's state machine alone (no HTTP): GetUser and ListUsers (MaxItems 100) over
// 1000 users, and a durable CreateUser on a file database (one fsync'd transaction each).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "emulator/state/iam_backend.h"

namespace {

using aic::emulator::ActionRequest;
using aic::emulator::Backend;

constexpr int kUsers = 1000;

std::unique_ptr<Backend> MakeWithUsers(const std::string& db) {
  aic::emulator::BackendOptions options;
  options.db_path = db;
  auto backend = aic::emulator::MakeIamBackend(options);
  if (!backend.ok()) return nullptr;
  for (int i = 0; i < kUsers; ++i) {
    ActionRequest req;
    req.service = "iam";
    req.action = "CreateUser";
    req.params = {{"UserName", "user" + std::to_string(i)}};
    (*backend)->Handle(req);
  }
  return std::move(backend).value();
}

Backend& Shared() {
  static std::unique_ptr<Backend> backend = MakeWithUsers("");
  return *backend;
}

void BM_GetUser(benchmark::State& state) {
  Backend& b = Shared();
  ActionRequest req;
  req.service = "iam";
  req.action = "GetUser";
  req.params = {{"UserName", "user500"}};
  for (auto _ : state) benchmark::DoNotOptimize(b.Handle(req));
}
BENCHMARK(BM_GetUser)->ThreadRange(1, 2);

void BM_ListUsers100(benchmark::State& state) {
  Backend& b = Shared();
  ActionRequest req;
  req.service = "iam";
  req.action = "ListUsers";
  for (auto _ : state) benchmark::DoNotOptimize(b.Handle(req));
}
BENCHMARK(BM_ListUsers100)->ThreadRange(1, 2);

void BM_DurableCreateUser(benchmark::State& state) {
  auto dir = std::filesystem::temp_directory_path() / ("emu-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    aic::emulator::BackendOptions options;
    options.db_path = (dir / "iam.db").string();
    auto b = aic::emulator::MakeIamBackend(options);
    if (!b.ok()) {
      state.SkipWithError("cannot open database");
      return;
    }
    int i = 0;
    ActionRequest req;
    req.service = "iam";
    req.action = "CreateUser";
    for (auto _ : state) {
      req.params["UserName"] = "bench" + std::to_string(i++);
      benchmark::DoNotOptimize((*b)->Handle(req));
    }
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_DurableCreateUser);

}  // namespace

BENCHMARK_MAIN();
