// AuthProxy: runs tests/support/auth_proxy.py (an authenticating HTTP forward proxy with
// CONNECT support) on a free loopback port for the duration of a test.
//
// The proxy requires "Proxy-Authorization: Basic" for the given user and password (407
// otherwise), adds "Via: 1.1 aic-auth-proxy" to forwarded requests, and reports each event on
// its stdout, which this class reads: FORWARDED / TUNNEL / DENIED.
// The destructor stops the process (SIGTERM, then SIGKILL) and reaps it.
//
// Thread safety: one owner thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "aws_iam_connector/status.h"
#include "support/child_process.h"

namespace aic::testing {

// The Via value the proxy adds to forwarded requests.
inline constexpr std::string_view kAuthProxyVia = "1.1 aic-auth-proxy";

class AuthProxy {
 public:
  // Errors: kInternal if python3 cannot start the proxy or it does not report a port in time.
  static Result<std::unique_ptr<AuthProxy>> Start(const std::string& user,
                                                  const std::string& password);
  int port() const { return port_; }

  // Event lines received so far ("FORWARDED POST http://127.0.0.1:1234/", "TUNNEL h:p",
  // "DENIED ..."). The proxy prints an event before it answers the client, so after a request
  // returns its event is already readable.
  const std::vector<std::string>& Events();
  int CountEvents(std::string_view kind);  // "FORWARDED", "TUNNEL" or "DENIED"

 private:
  AuthProxy() = default;
  std::unique_ptr<ChildProcess> child_;
  int port_ = 0;
  std::vector<std::string> events_;
};

}  // namespace aic::testing
