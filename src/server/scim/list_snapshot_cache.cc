#include "server/scim/list_snapshot_cache.h"

namespace aic::scim {

std::shared_ptr<const Snapshot> ListSnapshotCache::Find(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.expires <= std::chrono::steady_clock::now()) {
    entries_.erase(it);
    return nullptr;
  }
  return it->second.snapshot;
}

void ListSnapshotCache::Store(const std::string& key, std::shared_ptr<const Snapshot> snapshot) {
  if (ttl_.count() <= 0 || snapshot == nullptr || snapshot->size() > max_resources_) return;
  std::lock_guard<std::mutex> lock(mu_);
  entries_[key] = Entry{std::move(snapshot), std::chrono::steady_clock::now() + ttl_};
}

void ListSnapshotCache::Invalidate(const std::string& resource_type) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->first.compare(0, resource_type.size(), resource_type) == 0) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace aic::scim
