// IdDirectory: what the SCIM service knows of IAM ids (UserId, GroupId) and the names IAM
// addresses entities by. IAM has no call that reads a user or group by its id, so a SCIM
// request naming an id is answered by name: the directory remembers every (id, name) pair the
// service has seen; the caller verifies each hit with the read it makes anyway (the read
// returns the id) and fills the directory from one listing on a miss (docs/scim.md states the
// costs). At most `max_entries` pairs are kept (the directory is emptied when full).
//
// Thread safety: every method may be called from several threads at once.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace aic::scim {

// Default of the server setting scimMaxDirectoryEntries.
inline constexpr std::size_t kDefaultIdDirectoryEntries = 100000;

class IdDirectory {
 public:
  explicit IdDirectory(std::size_t max_entries = kDefaultIdDirectoryEntries)
      : max_entries_(max_entries) {}

  std::optional<std::string> NameOf(std::string_view id) const;
  void Remember(const std::string& id, const std::string& name);
  void Forget(std::string_view id);

 private:
  const std::size_t max_entries_;
  mutable std::mutex mu_;
  std::map<std::string, std::string, std::less<>> names_;  // id -> name
};

}  // namespace aic::scim
