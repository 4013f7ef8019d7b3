// AdminApi: the emulator's admin endpoints (see include/aws_iam_connector/emulator.h for the
// list and the JSON shapes), served on the Query-API port when the emulator runs with admin on.
//
// Bodies are JSON objects of at most kMaxAdminBodyBytes; unknown fields, wrong types and
// out-of-range values get 400 {"error": "..."}; a wrong method 405; an unknown path 404.
//
// Thread safety: Handle may be called from many threads at once.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include "aws_iam_connector/secret_string.h"
#include "aws_iam_connector/status.h"
#include "emulator/call_counters.h"
#include "emulator/emulator_clock.h"
#include "emulator/fault_injector.h"
#include "http_server/http_server.h"

namespace aic::emulator {

inline constexpr std::size_t kMaxAdminBodyBytes = 4096;

// True for the paths AdminApi answers (whether or not admin is enabled).
bool IsAdminPath(std::string_view path);

class AdminApi {
 public:
  // `sign_in` runs a simulated console sign-in (Backend::ConsoleSignIn).
  using SignIn = std::function<Status(std::string_view user, const SecretString& password)>;
  AdminApi(CallCounters& counters, FaultInjector& faults, EmulatorClock& clock,
           std::function<Status()> reset_state, SignIn sign_in = nullptr);

  http_server::ServerResponse Handle(const http_server::ServerRequest& request) const;

 private:
  http_server::ServerResponse Faults(const http_server::ServerRequest& request) const;
  http_server::ServerResponse Clock(const http_server::ServerRequest& request) const;
  http_server::ServerResponse ConsoleSignIn(const http_server::ServerRequest& request) const;

  CallCounters& counters_;
  FaultInjector& faults_;
  EmulatorClock& clock_;
  std::function<Status()> reset_state_;
  SignIn sign_in_;
};

}  // namespace aic::emulator
