#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.h"
#include "common/hardening.h"

int main(int argc, char** argv) {
  // Every subcommand but `schema` holds secrets (AWS keys, the key file's key, decrypted
  // provisioner secrets, the emulator's secret access keys): no core dump, no same-user ptrace.
  // Done for all subcommands, first thing, before any thread or secret exists.
  if (aic::Status hardened = aic::DisableCoreDumps(); !hardened.ok()) {
    std::fprintf(stderr, "aws-iam-connector: %s\n", hardened.message().c_str());
    return 2;
  }
  CLI::App app{"aws-iam-connector: an identity connector for AWS IAM"};
  app.require_subcommand(1);
  int exit_code = 0;
  aic::cli::RegisterServeCommand(app, exit_code);
  aic::cli::RegisterEmulatorCommand(app, exit_code);
  aic::cli::RegisterImportCommand(app, exit_code);
  aic::cli::RegisterTestCommand(app, exit_code);
  aic::cli::RegisterSchemaCommand(app, exit_code);
  aic::cli::RegisterScriptCommand(app, exit_code);
  aic::cli::RegisterReviewCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help prints and exits 0; every usage error exits 2, the shell's convention (CLI11's
    // own codes, e.g. 106 for a bad option value, are not).
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_code;
}
