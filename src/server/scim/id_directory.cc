#include "server/scim/id_directory.h"

namespace aic::scim {

std::optional<std::string> IdDirectory::NameOf(std::string_view id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = names_.find(id);
  if (it == names_.end()) return std::nullopt;
  return it->second;
}

void IdDirectory::Remember(const std::string& id, const std::string& name) {
  if (id.empty() || name.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (names_.size() >= max_entries_ && names_.count(id) == 0) names_.clear();
  names_[id] = name;
}

void IdDirectory::Forget(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = names_.find(id);
  if (it != names_.end()) names_.erase(it);
}

}  // namespace aic::scim
