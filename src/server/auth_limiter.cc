#include "server/auth_limiter.h"

namespace aic {

std::string AuthLimiter::ClientOf(std::string_view remote_address) {
  auto colon = remote_address.rfind(':');
  std::string_view ip =
      colon == std::string_view::npos ? remote_address : remote_address.substr(0, colon);
  if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  return std::string(ip);
}

int AuthLimiter::LockedOutFor(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(client);
  if (it == windows_.end()) return 0;
  auto end = it->second.start + kAuthFailureWindow;
  if (now >= end) {
    windows_.erase(it);
    return 0;
  }
  if (it->second.failures < max_failures_) return 0;
  auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
  return left < 1 ? 1 : static_cast<int>(left);
}

void AuthLimiter::RecordFailure(const std::string& client, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = windows_.find(client);
  if (it != windows_.end() && now >= it->second.start + kAuthFailureWindow) {
    windows_.erase(it);
    it = windows_.end();
  }
  if (it == windows_.end()) {
    if (windows_.size() >= kMaxTrackedAuthClients) MakeRoom(now);
    it = windows_.emplace(client, Window{now, 0}).first;
  }
  ++it->second.failures;
}

void AuthLimiter::RecordSuccess(const std::string& client) {
  std::lock_guard lock(mu_);
  windows_.erase(client);
}

void AuthLimiter::MakeRoom(Clock::time_point now) {
  std::erase_if(windows_,
                [&](const auto& w) { return now >= w.second.start + kAuthFailureWindow; });
  if (windows_.size() < kMaxTrackedAuthClients) return;
  auto oldest = windows_.begin();
  for (auto it = windows_.begin(); it != windows_.end(); ++it) {
    if (it->second.start < oldest->second.start) oldest = it;
  }
  windows_.erase(oldest);
}

bool AuthLimiter::TryAcquire() {
  std::lock_guard lock(mu_);
  if (running_ >= max_concurrent_) return false;
  ++running_;
  return true;
}

void AuthLimiter::Release() {
  std::lock_guard lock(mu_);
  --running_;
}

}  // namespace aic
