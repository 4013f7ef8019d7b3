// ConnectorServer: what `aws-iam-connector serve` runs. It resolves the settings (server file,
// then flags), loads the provisioner files (decrypting, and encrypting plain secrets in place)
// or, with none, starts the embedded IAM emulator on a loopback port with its SQLite file under
// the data directory and a connector `aws` pointing at it (credentials test/test); then it
// serves RestApi through HttpServer (TLS when a certificate and key are set).
//
// Authentication runs at the header stage (RestApi::Authorize as HttpServerOptions::authorize),
// so an unauthenticated request is refused before its body is read. The server file's
// connection limits, timeouts and login guards are passed to HttpServer and RestApi.
//
// Without admin users in the server file the admin is openidm-admin/openidm-admin, which is
// refused on a non-loopback address.
//
// Errors from Start: kConfiguration with one line naming the file, the property and the problem
// (bad configuration, port in use, unreadable TLS or key file), or the emulator's error.
// Thread safety: port()/url() from any thread; Stop() once, from one thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws_iam_connector/emulator.h"
#include "aws_iam_connector/status.h"
#include "http_server/http_server.h"
#include "server/config.h"
#include "server/rest_api.h"

namespace aic {

// SQLite file of the embedded emulator, inside the data directory.
inline constexpr std::string_view kEmbeddedEmulatorDbFile = "emulator.db";
// Held (flock) by the one process using the data directory's embedded emulator.
inline constexpr std::string_view kEmbeddedEmulatorLockFile = "emulator.lock";
// The embedded emulator's credentials (its seed data).
inline constexpr std::string_view kEmbeddedAccessKeyId = "test";
inline constexpr std::string_view kEmbeddedSecretKey = "test";
// The HTTP layer accepts bodies up to this multiple of the REST limit, so RestApi can answer
// moderately oversized ones with its JSON 413.
inline constexpr std::size_t kHttpBodyLimitFactor = 4;

struct ServeOptions {
  std::string server_config_file;            // optional
  std::vector<std::string> connector_files;  // added to the server file's
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> data_dir;
  std::optional<std::string> key_file;
  std::optional<int> threads;
  std::optional<std::string> tls_cert_file;
  std::optional<std::string> tls_key_file;
};

// Opens the key file (created 0600 when missing; empty = the default key file under
// `data_dir`) and loads one provisioner file with it: what `test`, `import` and `script` use.
Result<ConnectorConfig> LoadConnectorWithKeyFile(const std::string& config_file,
                                                 const std::string& key_file,
                                                 const std::string& data_dir);

// The resolved server settings (file, then flags).
Result<ServerConfig> ResolveServerConfig(const ServeOptions& options);

// The embedded default: an IAM emulator on DATA_DIR/emulator.db (created 0700/0600) and the
// connector "aws" pointed at it with the emulator's seed credentials. One process at a time
// uses a data directory's emulator: DATA_DIR/emulator.lock is held (flock) for the lifetime of
// this object, and a second process gets kConfiguration ("... is in use by another process").
class EmbeddedBackend {
 public:
  static Result<std::unique_ptr<EmbeddedBackend>> Start(const std::string& data_dir);
  ~EmbeddedBackend();
  EmbeddedBackend(const EmbeddedBackend&) = delete;
  EmbeddedBackend& operator=(const EmbeddedBackend&) = delete;

  const ConnectorConfig& connector() const { return connector_; }
  const std::string& endpoint() const;

 private:
  EmbeddedBackend() = default;
  int lock_fd_ = -1;
  std::unique_ptr<Emulator> emulator_;
  ConnectorConfig connector_;
};

// What `import`, `test` and `script` work on: the provisioner file when one is given (secrets
// decrypted with the key file), else the embedded default as `serve` starts it.
struct CliConnector {
  ConnectorConfig config;
  std::unique_ptr<EmbeddedBackend> embedded;  // set when no file was given
};
Result<CliConnector> OpenCliConnector(const std::string& config_file, const std::string& key_file,
                                      const std::string& data_dir);

class ConnectorServer {
 public:
  static Result<std::unique_ptr<ConnectorServer>> Start(const ServeOptions& options);
  ~ConnectorServer();
  ConnectorServer(const ConnectorServer&) = delete;
  ConnectorServer& operator=(const ConnectorServer&) = delete;

  int port() const;
  // "http://HOST:PORT" or "https://..."
  std::string url() const;
  // The connector names served.
  std::vector<std::string> connector_names() const { return names_; }
  // The embedded emulator's endpoint, or empty when connectors were configured.
  std::string emulator_endpoint() const;
  void Stop();

 private:
  ConnectorServer() = default;
  ServerConfig config_;
  std::unique_ptr<EmbeddedBackend> embedded_;
  std::shared_ptr<RestApi> api_;
  std::unique_ptr<http_server::HttpServer> http_;
  std::vector<std::string> names_;
};

}  // namespace aic
