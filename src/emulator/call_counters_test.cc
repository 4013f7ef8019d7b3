#include "emulator/call_counters.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace aic::emulator {
namespace {

TEST(CallCountersTest, CountsPerActionAndResets) {
  CallCounters c;
  EXPECT_TRUE(c.Snapshot().empty());
  c.Increment("ListUsers");
  c.Increment("ListUsers");
  c.Increment("GetUser");
  EXPECT_EQ(c.Snapshot(), (std::map<std::string, std::uint64_t>{{"GetUser", 1}, {"ListUsers", 2}}));
  c.Reset();
  EXPECT_TRUE(c.Snapshot().empty());
  c.Increment("GetUser");
  EXPECT_EQ(c.Snapshot().at("GetUser"), 1u);
}

TEST(CallCountersTest, ConcurrentIncrementsAreAllCounted) {
  CallCounters c;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&c, t] {
      for (int i = 0; i < kPerThread; ++i) {
        c.Increment("Shared");
        c.Increment("Own" + std::to_string(t));
      }
    });
  }
  for (auto& t : threads) t.join();
  auto snapshot = c.Snapshot();
  EXPECT_EQ(snapshot.at("Shared"), static_cast<std::uint64_t>(kThreads * kPerThread));
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(snapshot.at("Own" + std::to_string(t)), static_cast<std::uint64_t>(kPerThread));
  }
}

TEST(CallCountersTest, TheNumberOfDistinctNamesIsBounded) {
  CallCounters c;
  for (std::size_t i = 0; i < kMaxCountedActions; ++i) {
    EXPECT_TRUE(c.Increment("Action" + std::to_string(i)));
  }
  EXPECT_FALSE(c.Increment("OneTooMany"));
  EXPECT_TRUE(c.Increment("Action0"));  // known names still count
  EXPECT_EQ(c.Snapshot().size(), kMaxCountedActions);
  EXPECT_EQ(c.Snapshot().at("Action0"), 2u);
}

}  // namespace
}  // namespace aic::emulator
