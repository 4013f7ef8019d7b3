// The subcommands of the aws-iam-connector binary. Each Register* adds one subcommand to the
// app; its callback sets the process exit code through `exit_code`. Every subcommand prints one
// clear line on standard error and exits non-zero on failure.
#pragma once

#include <CLI/CLI.hpp>

namespace aic::cli {

void RegisterServeCommand(CLI::App& app, int& exit_code);
void RegisterEmulatorCommand(CLI::App& app, int& exit_code);
void RegisterImportCommand(CLI::App& app, int& exit_code);
void RegisterTestCommand(CLI::App& app, int& exit_code);
void RegisterSchemaCommand(CLI::App& app, int& exit_code);
void RegisterScriptCommand(CLI::App& app, int& exit_code);
void RegisterReviewCommand(CLI::App& app, int& exit_code);

}  // namespace aic::cli
