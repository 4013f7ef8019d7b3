// CallCounters: how many times each action was called, for the API-call budget tests.
//
// What is counted (the emulator front decides, see emulator_front.h): every request that
// reached an action, i.e. was authenticated and named a well-formed action, including the ones
// then refused by fault injection (Throttling, ServiceFailure) and the ones the backend answered
// with an error (NoSuchEntity, InvalidAction, ...). Requests refused before that (bad
// signature, malformed body, missing Action) are not counted.
//
// Cheap on the hot path: the counter of an action already seen is found under a shared lock
// and bumped atomically; only the first call of a new action name takes the exclusive lock.
// At most kMaxCountedActions distinct names are kept; calls of further new names are dropped
// (Increment returns false), so junk action names cannot grow memory without bound.
//
// Thread safety: every method may be called from many threads at once.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace aic::emulator {

inline constexpr std::size_t kMaxCountedActions = 1024;

class CallCounters {
 public:
  // Adds one call of `action`; false when the name could not be counted (table full).
  bool Increment(std::string_view action);
  // Actions with a non-zero count, by name.
  std::map<std::string, std::uint64_t> Snapshot() const;
  // Every count back to zero.
  void Reset();

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>, Hash,
                     std::equal_to<>>
      counts_;
};

}  // namespace aic::emulator
