// `aws-iam-connector script`: runs a Lua script of a connector's systemActions (SPEC 4.11), or a
// script file, against that connector and prints the result JSON.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/json_text.h"
#include "aws_iam_connector/script_runner.h"
#include "cli/commands.h"
#include "common/logging.h"
#include "server/connector_server.h"
#include "server/rest_api.h"

namespace aic::cli {
namespace {

struct ScriptFlags {
  std::string config;
  std::string script_id;
  std::string args;
  std::string file;
  std::string key_file;
  std::string data_dir = std::string(kDefaultDataDir);
};

int Fail(const std::string& message, int code) {
  std::fprintf(stderr, "aws-iam-connector script: %s\n", message.c_str());
  return code;
}

int RunScriptCommand(const ScriptFlags& flags) {
  InitLogging("warn");
  if (flags.script_id.empty() && flags.file.empty()) {
    return Fail("give --script-id or --file", 2);
  }
  nlohmann::json args;  // null without --args
  if (!flags.args.empty()) {
    auto parsed = ParseJson(flags.args);
    if (!parsed.ok()) return Fail("--args: " + parsed.status().message(), 2);
    args = std::move(*parsed);
  }
  auto opened = OpenCliConnector(flags.config, flags.key_file, flags.data_dir);
  if (!opened.ok()) return Fail(opened.status().message(), 2);
  auto system = MakeAwsRestSystem(opened->config);
  if (!system.ok()) return Fail(system.status().message(), 2);

  Result<ScriptOutput> output = Status(ErrorCode::kInternal, "no script run");
  if (!flags.file.empty()) {
    ScriptDefinition definition;
    definition.id = flags.file;
    definition.file = flags.file;
    auto source = LoadScriptSource(definition);
    if (!source.ok()) return Fail(source.status().message(), 2);
    const std::string name = flags.script_id.empty()
                                 ? std::filesystem::path(flags.file).filename().string()
                                 : flags.script_id;
    output = system->scripts->RunSource(name, *source, args, system->script_config,
                                        system->connector->script_host());
  } else {
    output = system->scripts->RunById(flags.script_id, args, system->script_config,
                                      system->connector->script_host());
  }
  if (!output.ok()) {
    return Fail(output.status().message(),
                output.status().code() == ErrorCode::kUnknownUid ? 2 : 1);
  }
  if (!output->printed.empty()) std::fprintf(stderr, "%s", output->printed.c_str());
  std::printf("%s\n",
              output->result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  return 0;
}

}  // namespace

void RegisterScriptCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ScriptFlags>();
  auto* sub = app.add_subcommand(
      "script",
      "Run a Lua script of the connector's systemActions (or a file) against the connector and "
      "print its result as JSON. Exit codes: 0 ok, 1 the script failed, 2 bad configuration, "
      "arguments or script id.");
  sub->add_option("-c,--config", flags->config,
                  "Provisioner file (default: the embedded emulator of DATA_DIR, as serve)");
  sub->add_option("--script-id", flags->script_id, "scriptId in systemActions");
  sub->add_option("--args", flags->args, "Arguments as JSON (the script's `args`)");
  sub->add_option("--file", flags->file, "Run this Lua file instead of a systemActions script");
  sub->add_option("--key-file", flags->key_file,
                  "Key file that encrypts secrets (default DATA_DIR/connector.key)");
  sub->add_option("--data-dir", flags->data_dir, "Data directory (default ./data)");
  sub->callback([flags, &exit_code] { exit_code = RunScriptCommand(*flags); });
}

}  // namespace aic::cli
