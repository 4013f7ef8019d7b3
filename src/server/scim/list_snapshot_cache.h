// ListSnapshotCache: the last full listing of a resource type, kept briefly so that a SCIM
// client paging through /Users with startIndex and count (and needing totalResults on every
// page) costs one IAM listing, not one per page. A snapshot is keyed by what it holds (resource
// type and the attributes read), lives for `ttl`, and every write through the SCIM service
// drops the snapshots of its resource type. Writes made elsewhere (the AWS console, the OpenIDM
// REST API) show once the snapshot expires. A listing larger than `max_resources` is not kept.
//
// Thread safety: every method may be called from several threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace aic::scim {

// Defaults of the server settings scimListCacheSeconds and scimMaxListResources.
inline constexpr std::chrono::seconds kDefaultListCacheTtl{30};
inline constexpr std::size_t kDefaultMaxListResources = 20000;

using Snapshot = std::vector<nlohmann::json>;

class ListSnapshotCache {
 public:
  ListSnapshotCache(std::chrono::seconds ttl, std::size_t max_resources)
      : ttl_(ttl), max_resources_(max_resources) {}

  // The snapshot under `key` when it has not expired.
  std::shared_ptr<const Snapshot> Find(const std::string& key);
  void Store(const std::string& key, std::shared_ptr<const Snapshot> snapshot);
  // Drops every snapshot whose key starts with `resource_type`.
  void Invalidate(const std::string& resource_type);

  std::size_t max_resources() const { return max_resources_; }

 private:
  struct Entry {
    std::shared_ptr<const Snapshot> snapshot;
    std::chrono::steady_clock::time_point expires;
  };
  const std::chrono::seconds ttl_;
  const std::size_t max_resources_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace aic::scim
