// TlsTestServer: `openssl s_server -www` on a free loopback port with a throwaway self-signed
// certificate (CN and subjectAltName 127.0.0.1, EC P-256, valid one day) made in a temp dir.
//
// It answers "GET /" with an HTML status page (HTTP/1.0, connection closed after each reply).
// Used to prove TLS verification: a client that verifies against the system store must fail;
// one that trusts cert_file() must succeed. The destructor stops openssl and removes the dir.
//
// Thread safety: one owner thread.
#pragma once

#include <memory>
#include <string>

#include "aws_iam_connector/status.h"
#include "support/child_process.h"

namespace aic::testing {

class TlsTestServer {
 public:
  // Errors: kInternal if openssl cannot make the certificate or the server does not start.
  static Result<std::unique_ptr<TlsTestServer>> Start();
  int port() const { return port_; }
  std::string url() const;                                     // "https://127.0.0.1:PORT/"
  const std::string& cert_file() const { return cert_file_; }  // PEM of the self-signed cert

 private:
  TlsTestServer() = default;
  TempDir dir_;
  std::string cert_file_;
  std::unique_ptr<ChildProcess> server_;
  int port_ = 0;
};

}  // namespace aic::testing
