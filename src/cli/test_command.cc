// `aws-iam-connector test`: checks a configuration and its credentials (SPEC 4.10) and prints
// the result as the REST `_action=test` does.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "common/logging.h"
#include "server/connector_server.h"

namespace aic::cli {
namespace {

struct TestFlags {
  std::string config;
  std::string key_file;
  std::string data_dir = std::string(kDefaultDataDir);
};

int RunTest(const TestFlags& flags) {
  InitLogging("warn");
  auto opened = OpenCliConnector(flags.config, flags.key_file, flags.data_dir);
  if (!opened.ok()) {
    std::fprintf(stderr, "aws-iam-connector test: %s\n", opened.status().message().c_str());
    return 2;
  }
  const ConnectorConfig* config = &opened->config;
  auto system = MakeAwsRestSystem(*config);
  if (!system.ok()) {
    std::fprintf(stderr, "aws-iam-connector test: %s\n", system.status().message().c_str());
    return 2;
  }
  nlohmann::json out = TestSystem(*system);
  const bool ok = out.value("ok", false);
  const std::string error = out.value("error", "");
  std::printf("%s\n", out.dump(2).c_str());
  if (!ok) {
    std::fprintf(stderr, "aws-iam-connector test: %s: not ok: %s\n", config->name.c_str(),
                 error.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

void RegisterTestCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<TestFlags>();
  auto* sub = app.add_subcommand(
      "test",
      "Test a connector configuration and its credentials with a cheap IAM call. Exit codes: "
      "0 ok, 1 the test failed, 2 bad configuration.");
  sub->add_option("-c,--config", flags->config,
                  "Provisioner file (default: the embedded emulator of DATA_DIR, as serve)");
  sub->add_option("--key-file", flags->key_file,
                  "Key file that encrypts secrets (default DATA_DIR/connector.key)");
  sub->add_option("--data-dir", flags->data_dir, "Data directory (default ./data)");
  sub->callback([flags, &exit_code] { exit_code = RunTest(*flags); });
}

}  // namespace aic::cli
