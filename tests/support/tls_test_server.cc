#include "support/tls_test_server.h"

#include <sys/wait.h>

namespace aic::testing {
namespace {

constexpr std::chrono::milliseconds kOpensslTimeout{20000};
// Tries with a fresh port if another process grabbed the one we picked.
constexpr int kStartAttempts = 3;

}  // namespace

Result<std::unique_ptr<TlsTestServer>> TlsTestServer::Start() {
  std::unique_ptr<TlsTestServer> s(new TlsTestServer());
  if (s->dir_.path().empty()) return Status(ErrorCode::kInternal, "cannot make a temp dir");
  s->cert_file_ = s->dir_.path() + "/cert.pem";
  const std::string key_file = s->dir_.path() + "/key.pem";
  auto gen = ChildProcess::Start(
      {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", key_file, "-out", s->cert_file_, "-days", "1", "-subj", "/CN=127.0.0.1",
       "-addext", "subjectAltName=IP:127.0.0.1"},
      {.capture_stdout = false, .quiet_stderr = true});
  if (!gen.ok()) return gen.status();
  int status = (*gen)->Wait(kOpensslTimeout);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Status(ErrorCode::kInternal, "openssl req failed to make a test certificate");
  }
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    const int port = PickFreePort();
    auto server =
        ChildProcess::Start({"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                             "-cert", s->cert_file_, "-key", key_file, "-www", "-quiet"},
                            {.capture_stdout = false, .quiet_stderr = true});
    if (!server.ok()) return server.status();
    if (WaitForPort(port, kOpensslTimeout) && (*server)->Running()) {
      s->server_ = std::move(server).value();
      s->port_ = port;
      return s;
    }
  }
  return Status(ErrorCode::kInternal, "openssl s_server did not start");
}

std::string TlsTestServer::url() const {
  return "https://127.0.0.1:" + std::to_string(port_) + "/";
}

}  // namespace aic::testing
