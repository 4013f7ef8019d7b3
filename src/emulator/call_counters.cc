#include "emulator/call_counters.h"

#include <mutex>

namespace aic::emulator {

bool CallCounters::Increment(std::string_view action) {
  {
    std::shared_lock lock(mu_);
    auto it = counts_.find(action);
    if (it != counts_.end()) {
      it->second->fetch_add(1, std::memory_order_relaxed);
      return true;
    }
  }
  std::unique_lock lock(mu_);
  auto it = counts_.find(action);
  if (it == counts_.end()) {
    if (counts_.size() >= kMaxCountedActions) return false;
    it =
        counts_.emplace(std::string(action), std::make_unique<std::atomic<std::uint64_t>>(0)).first;
  }
  it->second->fetch_add(1, std::memory_order_relaxed);
  return true;
}

std::map<std::string, std::uint64_t> CallCounters::Snapshot() const {
  std::shared_lock lock(mu_);
  std::map<std::string, std::uint64_t> out;
  for (const auto& [name, count] : counts_) {
    auto n = count->load(std::memory_order_relaxed);
    if (n > 0) out.emplace(name, n);
  }
  return out;
}

void CallCounters::Reset() {
  std::unique_lock lock(mu_);
  counts_.clear();
}

}  // namespace aic::emulator
