#include "server/connector_server.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
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

namespace {

// The SCIM bearer tokens: the server file's scimTokens, or DATA_DIR/scim-token (created on first
// start; its path is logged, never the token).
Result<std::shared_ptr<const ScimTokens>> LoadScimTokens(const ServerConfig& config) {
  if (config.scim_tokens) return std::make_shared<const ScimTokens>(*config.scim_tokens);
  Status made = CreatePrivateDirectories(config.data_dir);
  if (!made.ok()) {
    return Status(ErrorCode::kConfiguration,
                  config.data_dir + ": data directory: cannot create: " + made.message());
  }
  bool created = false;
  auto entry = ScimTokens::LoadOrCreateTokenFile(config.data_dir, &created);
  if (!entry.ok()) return entry.status();
  const std::string path =
      (std::filesystem::path(config.data_dir) / std::string(kScimTokenFileName)).string();
  spdlog::info("SCIM bearer token: {} {} (mode 0600)", created ? "created" : "read", path);
  return std::make_shared<const ScimTokens>(std::vector<ScimTokenEntry>{std::move(*entry)});
}

}  // namespace

Result<std::unique_ptr<EmbeddedBackend>> EmbeddedBackend::Start(const std::string& data_dir) {
  Status made = CreatePrivateDirectories(data_dir);  // 0700: it holds emulator.db
  if (!made.ok()) {
    return Status(ErrorCode::kConfiguration,
                  data_dir + ": data directory: cannot create: " + made.message());
  }
  std::unique_ptr<EmbeddedBackend> backend(new EmbeddedBackend());
  const std::filesystem::path dir(data_dir);
  const std::string lock_path = (dir / std::string(kEmbeddedEmulatorLockFile)).string();
  backend->lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (backend->lock_fd_ < 0) {
    return Status(ErrorCode::kConfiguration, lock_path + ": cannot open: " + std::strerror(errno));
  }
  if (::flock(backend->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return Status(ErrorCode::kConfiguration,
                  data_dir +
                      ": the embedded emulator of this data directory is in use by another "
                      "process (a running serve?); use its REST API, or another --data-dir");
  }
  EmulatorOptions emu;
  emu.host = "127.0.0.1";
  emu.port = 0;
  emu.db_path = (dir / std::string(kEmbeddedEmulatorDbFile)).string();
  emu.demo_data = true;  // the embedded default of `serve` shows a demo group (SPEC section 8)
  // IAM is enforced for every identity but the root key the connector itself uses: users
  // created through it can only do what their policies allow (request_authorizer.h).
  emu.enforce_iam = true;
  auto emulator = Emulator::Start(emu);
  if (!emulator.ok()) return emulator.status();
  backend->emulator_ = std::move(*emulator);
  ConnectorConfig& c = backend->connector_;
  c.connector_ref = DefaultConnectorRef();
  c.aws.endpoint = backend->emulator_->endpoint();
  c.aws.sts_endpoint = backend->emulator_->endpoint();
  c.aws.access_key_id = std::string(kEmbeddedAccessKeyId);
  c.aws.secret_key = SecretString(kEmbeddedSecretKey);
  spdlog::info("embedded IAM emulator at {} (state in {})", backend->emulator_->endpoint(),
               emu.db_path);
  return backend;
}

EmbeddedBackend::~EmbeddedBackend() {
  if (emulator_) emulator_->Stop();
  emulator_.reset();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the lock
}

const std::string& EmbeddedBackend::endpoint() const { return connector_.aws.endpoint; }

Result<CliConnector> OpenCliConnector(const std::string& config_file, const std::string& key_file,
                                      const std::string& data_dir) {
  CliConnector out;
  if (config_file.empty()) {
    auto embedded = EmbeddedBackend::Start(data_dir);
    if (!embedded.ok()) return embedded.status();
    out.embedded = std::move(*embedded);
    out.config = out.embedded->connector();
    return out;
  }
  auto config = LoadConnectorWithKeyFile(config_file, key_file, data_dir);
  if (!config.ok()) return config.status();
  out.config = std::move(*config);
  return out;
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
    auto embedded = EmbeddedBackend::Start(config.data_dir);
    if (!embedded.ok()) return embedded.status();
    server->embedded_ = std::move(*embedded);
    connectors.push_back(server->embedded_->connector());
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
  auto scim_tokens = LoadScimTokens(config);
  if (!scim_tokens.ok()) return scim_tokens.status();
  api_options.scim_tokens = std::move(*scim_tokens);
  api_options.scim.list_cache_ttl = std::chrono::seconds(config.scim_list_cache_seconds);
  api_options.scim.max_list_resources = static_cast<std::size_t>(config.scim_max_list_resources);
  api_options.scim.max_results = config.scim_max_results;
  api_options.scim.scheme = config.tls_cert_file.empty() ? "http" : "https";
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
  return embedded_ ? embedded_->endpoint() : std::string();
}

void ConnectorServer::Stop() {
  if (http_) {
    http_->Stop();
    http_.reset();
  }
  api_.reset();
  embedded_.reset();
}

}  // namespace aic
