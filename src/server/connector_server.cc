#include "server/connector_server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "aws_iam_connector/runtime.h"
#include "common/hardening.h"

namespace aic {
namespace {

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]" ||
         host.rfind("127.", 0) == 0;
}

}  // namespace

Result<ConnectorConfig> LoadConnectorWithKeyFile(const std::string& config_file,
                                                 const std::string& key_file,
                                                 const std::string& data_dir) {
  std::string path = key_file;
  if (path.empty()) {
    ServerConfig defaults;
    defaults.data_dir = data_dir;
    path = defaults.KeyFilePath();
  }
  auto box = SecretBox::Open(path);
  if (!box.ok()) return box.status();
  return LoadConnectorConfig(config_file, **box);
}

Result<ServerConfig> ResolveServerConfig(const ServeOptions& options) {
  ServerConfig config;
  if (!options.server_config_file.empty()) {
    auto loaded = LoadServerConfig(options.server_config_file);
    if (!loaded.ok()) return loaded.status();
    config = std::move(*loaded);
  }
  if (options.host) config.host = *options.host;
  if (options.port) {
    if (*options.port < 0 || *options.port > 65535) {
      return Status(ErrorCode::kConfiguration, "--port: out of range (0..65535)");
    }
    config.port = *options.port;
  }
  if (options.data_dir) config.data_dir = *options.data_dir;
  if (options.key_file) config.key_file = *options.key_file;
  if (options.threads) config.threads = *options.threads;
  if (options.tls_cert_file) config.tls_cert_file = *options.tls_cert_file;
  if (options.tls_key_file) config.tls_key_file = *options.tls_key_file;
  for (const auto& f : options.connector_files) config.connector_files.push_back(f);
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return Status(ErrorCode::kConfiguration, "--tls-cert/--tls-key: both must be given");
  }
  return config;
}

Result<std::unique_ptr<ConnectorServer>> ConnectorServer::Start(const ServeOptions& options) {
  auto resolved = ResolveServerConfig(options);
  if (!resolved.ok()) return resolved.status();
  std::unique_ptr<ConnectorServer> server(new ConnectorServer());
  server->config_ = std::move(*resolved);
  ServerConfig& config = server->config_;
  // The REST server, the connectors' IAM calls and their fan-out share one event loop.
  const int threads = config.threads > 0
                          ? config.threads
                          : std::max<int>(kMinAutoServerThreads,
                                          static_cast<int>(std::thread::hardware_concurrency()));
  if (!Runtime::ConfigureShared(threads)) {
    spdlog::info("serve: the runtime was already running; threads {} ignored (it has {})", threads,
                 Runtime::Shared().threads());
  }
  Runtime& runtime = Runtime::Shared();

  std::vector<AdminUser> admins = config.admins;
  if (admins.empty()) {
    if (!IsLoopback(config.host)) {
      return Status(ErrorCode::kConfiguration,
                    "host " + config.host +
                        ": the default admin (openidm-admin) is only allowed on a loopback "
                        "address; configure adminUsers in a server file");
    }
    auto hash = HashPassword(SecretString(kDefaultAdminPassword));
    if (!hash.ok()) return hash.status();
    admins.push_back(AdminUser{std::string(kDefaultAdminUser), *hash});
  }

  std::vector<ConnectorConfig> connectors;
  if (config.connector_files.empty()) {
    Status made = CreatePrivateDirectories(config.data_dir);  // 0700: it holds emulator.db
    if (!made.ok()) {
      return Status(ErrorCode::kConfiguration,
                    config.data_dir + ": data directory: cannot create: " + made.message());
    }
    EmulatorOptions emu;
    emu.host = "127.0.0.1";
    emu.port = 0;
    emu.db_path =
        (std::filesystem::path(config.data_dir) / std::string(kEmbeddedEmulatorDbFile)).string();
    auto emulator = Emulator::Start(emu);
    if (!emulator.ok()) return emulator.status();
    server->emulator_ = std::move(*emulator);
    ConnectorConfig embedded;
    embedded.connector_ref = DefaultConnectorRef();
    embedded.aws.endpoint = server->emulator_->endpoint();
    embedded.aws.sts_endpoint = server->emulator_->endpoint();
    embedded.aws.access_key_id = std::string(kEmbeddedAccessKeyId);
    embedded.aws.secret_key = SecretString(kEmbeddedSecretKey);
    connectors.push_back(std::move(embedded));
    spdlog::info("serve: embedded IAM emulator at {} (state in {})", server->emulator_->endpoint(),
                 emu.db_path);
  } else {
    auto box = SecretBox::Open(config.KeyFilePath());
    if (!box.ok()) return box.status();
    auto loaded = LoadConnectorConfigs(config.connector_files, **box);
    if (!loaded.ok()) return loaded.status();
    connectors = std::move(*loaded);
  }

  std::vector<RestSystem> systems;
  for (const ConnectorConfig& c : connectors) {
    auto system = MakeAwsRestSystem(c);
    if (!system.ok()) return system.status();
    server->names_.push_back(c.name);
    systems.push_back(std::move(*system));
  }
  RestApiOptions api_options;
  api_options.admins = std::move(admins);
  api_options.max_body_bytes = config.max_body_bytes;
  api_options.auth_failures_per_minute = config.auth_failures_per_minute;
  api_options.max_concurrent_password_checks = config.max_concurrent_password_checks;
  server->api_ = std::make_shared<RestApi>(std::move(api_options), std::move(systems));

  http_server::HttpServerOptions http;
  http.host = config.host;
  http.port = config.port;
  http.io_context = &runtime.context();
  http.max_body_bytes = config.max_body_bytes * kHttpBodyLimitFactor;
  http.tls_cert_file = config.tls_cert_file;
  http.tls_key_file = config.tls_key_file;
  http.max_connections = config.max_connections;
  http.header_timeout = std::chrono::seconds(config.header_timeout_seconds);
  http.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  http.body_timeout = std::chrono::seconds(config.body_timeout_seconds);
  std::shared_ptr<RestApi> api = server->api_;
  // Authentication before the body is read: a refused request never has its body buffered.
  http.authorize = [api](http_server::ServerRequest r) {
    return api->AuthorizeAsync(std::move(r));
  };
  // The handler runs on its connection's strand of the runtime, where the connector's IAM
  // calls complete: an answer resumes it without a hop between threads.
  auto started = http_server::HttpServer::Start(
      http, http_server::AsyncRequestHandler(
                [api](http_server::ServerRequest r) { return api->HandleAsync(std::move(r)); }));
  if (!started.ok()) return started.status();
  server->http_ = std::move(*started);
  return server;
}

ConnectorServer::~ConnectorServer() { Stop(); }

int ConnectorServer::port() const { return http_ ? http_->port() : 0; }

std::string ConnectorServer::url() const {
  std::string host = config_.host;
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return std::string(http_ && http_->tls() ? "https://" : "http://") + host + ":" +
         std::to_string(port());
}

std::string ConnectorServer::emulator_endpoint() const {
  return emulator_ ? emulator_->endpoint() : std::string();
}

void ConnectorServer::Stop() {
  if (http_) {
    http_->Stop();
    http_.reset();
  }
  api_.reset();
  if (emulator_) {
    emulator_->Stop();
    emulator_.reset();
  }
}

}  // namespace aic
