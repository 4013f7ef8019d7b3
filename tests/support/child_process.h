// ChildProcess: starts a helper program for a test (the auth proxy, openssl s_server, moto)
// and always ends it.
//
// The child gets PR_SET_PDEATHSIG=SIGKILL, so it dies even if the test binary crashes (the
// signal fires when the starting thread exits: start children from the test's own thread).
// The destructor sends SIGTERM, waits up to kChildStopGrace, then SIGKILL, and reaps the child.
// Only this child's pid is signalled.
//
// Thread safety: one owner thread; not safe for concurrent use.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic::testing {

inline constexpr std::chrono::milliseconds kChildStopGrace{5000};

struct ChildOptions {
  bool capture_stdout = true;  // false: stdout goes to /dev/null
  bool quiet_stderr = false;   // true: stderr goes to /dev/null (else inherited)
};

class ChildProcess {
 public:
  // Starts argv[0] (searched in PATH) with the given arguments.
  // Errors: kInvalidInput (empty argv), kInternal (pipe/fork failure; exec failure shows up as
  // the child exiting with status 127).
  static Result<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv,
                                                     ChildOptions options = {});
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // One line of the child's stdout (without the newline), or nullopt on timeout/EOF.
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout);
  // Everything the child printed so far, without blocking (needs capture_stdout).
  std::string DrainOutput();
  bool Running();
  // Waits up to `timeout` for the child to exit by itself, then Stop()s it. Returns the exit
  // status (waitpid format).
  int Wait(std::chrono::milliseconds timeout);
  // SIGTERM, grace period, SIGKILL; reaps. Returns the exit status (waitpid format) or -1.
  int Stop();

 private:
  ChildProcess(pid_t pid, int out_fd) : pid_(pid), out_fd_(out_fd) {}
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string pending_;
  bool reaped_ = false;
  int exit_status_ = -1;
};

// A port on 127.0.0.1 that was free a moment ago (bind port 0, read it, close).
int PickFreePort();
// Polls until 127.0.0.1:port accepts a TCP connection; false after `timeout`.
bool WaitForPort(int port, std::chrono::milliseconds timeout);
// A fresh temporary directory (mkdtemp under $TMPDIR or /tmp); removed by ~TempDir.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace aic::testing
