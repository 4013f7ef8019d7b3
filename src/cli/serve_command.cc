// `aws-iam-connector serve`: the OpenIDM-compatible REST server (SPEC sections 1 and 5).
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "common/logging.h"
#include "server/connector_server.h"

namespace aic::cli {
namespace {

struct ServeFlags {
  std::vector<std::string> configs;
  std::string server_config;
  std::string host;
  int port = -1;
  std::string data_dir;
  std::string key_file;
  int threads = 0;
  std::string tls_cert;
  std::string tls_key;
  std::string log_level = "info";
};

int RunServe(const ServeFlags& flags) {
  InitLogging(flags.log_level);
  ServeOptions options;
  options.server_config_file = flags.server_config;
  options.connector_files = flags.configs;
  if (!flags.host.empty()) options.host = flags.host;
  if (flags.port >= 0) options.port = flags.port;
  if (!flags.data_dir.empty()) options.data_dir = flags.data_dir;
  if (!flags.key_file.empty()) options.key_file = flags.key_file;
  if (flags.threads > 0) options.threads = flags.threads;
  if (!flags.tls_cert.empty()) options.tls_cert_file = flags.tls_cert;
  if (!flags.tls_key.empty()) options.tls_key_file = flags.tls_key;

  // SIGINT/SIGTERM are blocked in every thread (workers inherit the mask) and taken here.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = ConnectorServer::Start(options);
  if (!server.ok()) {
    std::fprintf(stderr, "aws-iam-connector serve: %s\n", server.status().message().c_str());
    return 2;
  }
  std::string names;
  for (const auto& n : (*server)->connector_names()) names += (names.empty() ? "" : ",") + n;
  std::printf("aws-iam-connector serve: listening on %s (connectors: %s)\n",
              (*server)->url().c_str(), names.c_str());
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::fprintf(stderr, "aws-iam-connector serve: stopping (signal %d)\n", signal_number);
  (*server)->Stop();
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  auto* sub = app.add_subcommand(
      "serve",
      "Run the OpenIDM-compatible REST server. With no --config it runs against the embedded "
      "IAM emulator (state under --data-dir, IAM enforced for every identity but its root "
      "key test/test), connector 'aws', admin openidm-admin.");
  sub->add_option("-c,--config", flags->configs,
                  "Provisioner file (provisioner.openicf-NAME.json); repeat for several "
                  "connectors. Plain secrets in it are encrypted in place.");
  sub->add_option(
      "--server-config", flags->server_config,
      "Server settings file (host, port, adminUsers, tls, dataDir, connectors, "
      "maxClientConnections, headerTimeoutSeconds, idleTimeoutSeconds, bodyTimeoutSeconds, "
      "authFailuresPerMinute, maxConcurrentPasswordChecks, minAdminPasswordLength, scimTokens, "
      "scimListCacheSeconds, scimMaxListResources, scimMaxResults)");
  sub->add_option("--host", flags->host, "Listen address (default 127.0.0.1)");
  sub->add_option("--port", flags->port, "Listen port (default 8080; 0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  sub->add_option("--data-dir", flags->data_dir,
                  "Data directory: emulator state and key file (default ./data)");
  sub->add_option("--key-file", flags->key_file,
                  "Key file that encrypts secrets (default DATA_DIR/connector.key)");
  sub->add_option("--threads", flags->threads,
                  "worker threads of the event loop (default: one per CPU core, at least 2)")
      ->check(CLI::Range(1, 256));
  sub->add_option("--tls-cert", flags->tls_cert, "PEM certificate chain (enables TLS)");
  sub->add_option("--tls-key", flags->tls_key, "PEM private key");
  sub->add_option("--log-level", flags->log_level, "trace, debug, info, warn, error, off");
  sub->callback([flags, &exit_code] { exit_code = RunServe(*flags); });
}

}  // namespace aic::cli
