// UsageRecorder: what signed requests used (access keys, services, actions), buffered off the
// state lock and folded into IamState later.
//
// Why a buffer: every request, reads included, records a use (AccessKey.last_used, a role's
// RoleLastUsed, the principal's ServiceAccess). Writing that into IamState directly would need
// IamBackend's exclusive lock and a SQLite commit per read (the emulator serves ~25,000 reads/s
// under the shared lock). Record() instead overwrites one entry per key / principal+service in
// small maps under the recorder's own mutex (memory is bounded by the number of keys and
// principals, not by the request rate). FoldInto() moves the buffer into the state and marks
// the changed entities dirty; IamBackend calls it under the exclusive lock before every write
// action (so the write's commit persists the usage too), before an action that reports usage
// (ReportsUsage), and on any request once the oldest buffered use is kUsageFlushSeconds old.
//
// What kill -9 can lose: the uses buffered since the last fold (at most kUsageFlushSeconds of
// them while requests keep arriving; everything since the last request otherwise). AWS itself
// documents that last-used data can lag by up to four hours.
//
// Not recorded: the seed root key `test` (the emulator's bootstrap credential, not a user key)
// and requests without a signing key.
//
// Thread safety: every method may be called from many threads at once (Pending and Due take
// no lock); FoldInto needs the caller to hold the state's exclusive lock as well.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "emulator/backend.h"
#include "emulator/state/iam_model.h"
#include "emulator/state/iam_store.h"

namespace aic::emulator::state {

// The oldest buffered use is folded (and committed) at the next request after this long.
inline constexpr Time kUsageFlushSeconds = 60;

// True for the actions whose answers show recorded usage (AccessKeyLastUsed, RoleLastUsed,
// the credential report, service-last-accessed reports, GAAD's RoleLastUsed).
bool ReportsUsage(std::string_view action);

class UsageRecorder {
 public:
  // Records that `request` (already authenticated) was made at `now`.
  void Record(const ActionRequest& request, Time now);
  // True when something is buffered.
  bool Pending() const;
  // True when the oldest buffered use is at least kUsageFlushSeconds older than `now`.
  bool Due(Time now) const;
  // Moves the buffer into `state` (keys and roles that no longer exist are skipped) and
  // records what changed in `dirty`. `account` names the account in the ARNs.
  void FoldInto(IamState& state, Dirty& dirty, const std::string& account);
  // Drops the buffer (Reset()).
  void Clear();

 private:
  struct Use {
    Time date = 0;
    std::string region;
    std::string service;
    std::string action;
  };
  mutable std::mutex mu_;
  // Access key id -> (service -> (action -> its latest use)); the key names the principal
  // (its user, or the role / user a temporary key belongs to), resolved when folding.
  std::map<std::string, std::map<std::string, std::map<std::string, Use>>> uses_;
  // Date of the oldest buffered use, 0 when empty: written under mu_, read without it so that
  // Pending/Due cost no lock on the hot path.
  std::atomic<Time> oldest_{0};
};

}  // namespace aic::emulator::state
