#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"aws-iam-connector: an identity connector for AWS IAM"};
  app.require_subcommand(1);
  int exit_code = 0;
  aic::cli::RegisterServeCommand(app, exit_code);
  aic::cli::RegisterEmulatorCommand(app, exit_code);
  aic::cli::RegisterImportCommand(app, exit_code);
  aic::cli::RegisterTestCommand(app, exit_code);
  aic::cli::RegisterSchemaCommand(app, exit_code);
  aic::cli::RegisterScriptCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
