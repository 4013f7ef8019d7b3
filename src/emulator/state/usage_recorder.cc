#include "emulator/state/usage_recorder.h"

#include <algorithm>
#include <array>

#include "emulator/state/seed_data.h"

namespace aic::emulator::state {
namespace {

// The principal a key belongs to: its user, or for a temporary key the role it assumed or
// the user that asked for it (GetSessionToken). Null pointers when it no longer exists.
struct Principal {
  User* user = nullptr;
  AccessKey* key = nullptr;  // a long-term key of `user`
  Role* role = nullptr;
};

Principal Resolve(IamState& st, const std::string& key_id) {
  Principal p;
  if (auto owner = st.key_owner.find(key_id); owner != st.key_owner.end()) {
    auto u = st.users_by_id.find(owner->second);
    if (u == st.users_by_id.end()) return p;
    for (auto& k : u->second->access_keys) {
      if (k.id == key_id) {
        p.user = u->second;
        p.key = &k;
      }
    }
    return p;
  }
  auto t = st.temp_keys.find(key_id);
  if (t == st.temp_keys.end()) return p;
  if (!t->second.role_id.empty()) {
    auto r = st.roles_by_id.find(t->second.role_id);
    if (r != st.roles_by_id.end()) p.role = r->second;
    return p;
  }
  auto u = st.users_by_id.find(t->second.user_id);
  if (u != st.users_by_id.end()) p.user = u->second;
  return p;
}

}  // namespace

bool ReportsUsage(std::string_view action) {
  // GetUser's PasswordLastUsed needs no fold: a console sign-in is recorded as a write.
  // GenerateCredentialReport and GenerateServiceLastAccessedDetails are writes (they fold
  // anyway); GetCredentialReport shows the report as generated.
  static constexpr std::array<std::string_view, 5> kActions = {
      "GetAccessKeyLastUsed",
      "GetRole",
      "GetAccountAuthorizationDetails",
      "GetServiceLastAccessedDetails",
      "GetServiceLastAccessedDetailsWithEntities",
  };
  for (std::string_view a : kActions) {
    if (a == action) return true;
  }
  return false;
}

void UsageRecorder::Record(const ActionRequest& request, Time now) {
  const std::string& key = request.caller.access_key_id;
  if (key.empty() || key == kSeedAccessKeyId) return;
  std::lock_guard lock(mu_);
  if (uses_.empty()) oldest_.store(std::max<Time>(now, 1), std::memory_order_release);
  Use& use = uses_[key][request.service][request.action];
  use.date = now;
  use.region = request.region;
}

bool UsageRecorder::Pending() const { return oldest_.load(std::memory_order_acquire) != 0; }

bool UsageRecorder::Due(Time now) const {
  const Time oldest = oldest_.load(std::memory_order_acquire);
  return oldest != 0 && now - oldest >= kUsageFlushSeconds;
}

void UsageRecorder::Clear() {
  std::lock_guard lock(mu_);
  uses_.clear();
  oldest_.store(0, std::memory_order_relaxed);
}

void UsageRecorder::FoldInto(IamState& st, Dirty& dirty, const std::string& account) {
  std::map<std::string, std::map<std::string, std::map<std::string, Use>>> uses;
  {
    std::lock_guard lock(mu_);
    uses.swap(uses_);
    oldest_.store(0, std::memory_order_relaxed);
  }
  for (const auto& [key_id, services] : uses) {
    Principal p = Resolve(st, key_id);
    std::string arn;
    if (p.user != nullptr) {
      arn = "arn:aws:iam::" + account + ":user" + p.user->path + p.user->name;
    } else if (p.role != nullptr) {
      arn = "arn:aws:iam::" + account + ":role" + p.role->path + p.role->name;
    } else {
      continue;  // deleted since, or expired and gone
    }
    LastUse latest;
    for (const auto& [service, actions] : services) {
      ServiceAccess& access = st.service_access[arn][service];
      for (const auto& [action, use] : actions) {
        if (use.date >= access.date) {
          access.date = use.date;
          access.region = use.region;
          access.entity_arn = arn;
        }
        LastUse& a = access.actions[action];
        if (use.date >= a.date) a = LastUse{use.date, service, use.region};
        if (use.date >= latest.date) latest = LastUse{use.date, service, use.region};
      }
    }
    dirty.service_access.insert(arn);
    if (p.key != nullptr) {
      if (!p.key->last_used || latest.date >= p.key->last_used->date) p.key->last_used = latest;
      dirty.users.insert(p.user->id);
    }
    if (p.role != nullptr) {
      if (!p.role->last_used || latest.date >= p.role->last_used->date) {
        p.role->last_used = LastUse{latest.date, "", latest.region};
      }
      dirty.roles.insert(p.role->id);
    }
  }
}

}  // namespace aic::emulator::state
