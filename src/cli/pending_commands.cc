// Subcommands whose components are not built yet: each says so and exits with status 2.
#include <cstdio>

#include "cli/commands.h"

namespace aic::cli {
namespace {

void RegisterPending(CLI::App& app, const char* name, const char* description, int& exit_code) {
  auto* sub = app.add_subcommand(name, description);
  sub->allow_extras();
  sub->callback([name, &exit_code] {
    std::fprintf(stderr, "aws-iam-connector %s: not available in this build yet\n", name);
    exit_code = 2;
  });
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int& exit_code) {
  RegisterPending(app, "serve", "Run the OpenIDM-compatible REST server", exit_code);
}
void RegisterEmulatorCommand(CLI::App& app, int& exit_code) {
  RegisterPending(app, "emulator", "Run the IAM + STS emulator", exit_code);
}
void RegisterImportCommand(CLI::App& app, int& exit_code) {
  RegisterPending(app, "import", "Run a full import", exit_code);
}
void RegisterTestCommand(CLI::App& app, int& exit_code) {
  RegisterPending(app, "test", "Test a configuration", exit_code);
}
void RegisterSchemaCommand(CLI::App& app, int& exit_code) {
  RegisterPending(app, "schema", "Print the schema", exit_code);
}

}  // namespace aic::cli
