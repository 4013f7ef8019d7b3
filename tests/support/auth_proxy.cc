#include "support/auth_proxy.h"

#include <sstream>

namespace aic::testing {
namespace {

// How long the proxy may take to start and print its port.
constexpr std::chrono::milliseconds kProxyStartTimeout{15000};

}  // namespace

Result<std::unique_ptr<AuthProxy>> AuthProxy::Start(const std::string& user,
                                                    const std::string& password) {
  std::unique_ptr<AuthProxy> proxy(new AuthProxy());
  auto child = ChildProcess::Start({"python3", std::string(AIC_TEST_SUPPORT_DIR) + "/auth_proxy.py",
                                    "--user", user, "--password", password});
  if (!child.ok()) return child.status();
  proxy->child_ = std::move(child).value();
  auto line = proxy->child_->ReadLine(kProxyStartTimeout);
  if (!line || !line->starts_with("PORT ")) {
    return Status(ErrorCode::kInternal, "auth_proxy.py did not report its port");
  }
  proxy->port_ = std::stoi(line->substr(5));
  if (!WaitForPort(proxy->port_, kProxyStartTimeout)) {
    return Status(ErrorCode::kInternal, "auth_proxy.py is not accepting connections");
  }
  return proxy;
}

const std::vector<std::string>& AuthProxy::Events() {
  std::istringstream in(child_->DrainOutput());
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) events_.push_back(line);
  }
  return events_;
}

int AuthProxy::CountEvents(std::string_view kind) {
  int n = 0;
  for (const auto& e : Events()) {
    if (e.size() > kind.size() && e.starts_with(kind) && e[kind.size()] == ' ') ++n;
  }
  return n;
}

}  // namespace aic::testing
