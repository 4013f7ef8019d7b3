// `aws-iam-connector import`: a full import (SPEC 4.8) as JSON Lines or one JSON document, to a
// file (written atomically: a temp file renamed at the end) or to stdout; a progress line on
// standard error only when it is a terminal.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "aws_iam_connector/task.h"
#include "cli/commands.h"
#include "common/logging.h"
#include "server/connector_server.h"

namespace aic::cli {
namespace {

// Progress is redrawn every this many lines.
constexpr std::int64_t kProgressEvery = 100;

struct ImportFlags {
  std::string config;
  std::string key_file;
  std::string data_dir = std::string(kDefaultDataDir);
  std::string output = "-";
  std::string format = "jsonl";
};

// The stats object of `--format json`.
nlohmann::json StatsToJson(const ImportStats& stats) {
  return {{"users", stats.users},
          {"groups", stats.groups},
          {"policies", stats.policies},
          {"roles", stats.roles},
          {"instanceProfiles", stats.instance_profiles},
          {"samlProviders", stats.saml_providers},
          {"oidcProviders", stats.oidc_providers},
          {"serverCertificates", stats.server_certificates},
          {"assignments", stats.assignments},
          {"usage", stats.usage_available}};
}

// "2 users, 1 groups, ..., 9 assignments" (and a warning when usage is missing).
std::string StatsSummary(const ImportStats& stats) {
  auto n = [](std::int64_t v) { return std::to_string(v); };
  std::string out = n(stats.users) + " users, " + n(stats.groups) + " groups, " +
                    n(stats.policies) + " policies, " + n(stats.roles) + " roles, " +
                    n(stats.instance_profiles) + " instance profiles, " +
                    n(stats.saml_providers + stats.oidc_providers) + " identity providers, " +
                    n(stats.server_certificates) + " server certificates, " + n(stats.assignments) +
                    " assignments";
  if (!stats.usage_available) out += " (no usage: the credential report was not available)";
  return out;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "aws-iam-connector import: %s\n", message.c_str());
  return 2;
}

int RunImport(const ImportFlags& flags) {
  InitLogging("warn");
  auto opened = OpenCliConnector(flags.config, flags.key_file, flags.data_dir);
  if (!opened.ok()) return Fail(opened.status().message());
  const ConnectorConfig* config = &opened->config;
  auto connector = AwsConnector::Create(config->aws);
  if (!connector.ok()) return Fail(config->file + ": " + connector.status().message());

  const bool to_stdout = flags.output == "-";
  std::string tmp_path;
  FILE* out = stdout;
  if (!to_stdout) {
    tmp_path = flags.output + ".tmp.XXXXXX";
    int fd = ::mkstemp(tmp_path.data());
    if (fd < 0) return Fail(flags.output + ": cannot create a temporary file");
    out = ::fdopen(fd, "w");
    if (out == nullptr) {
      ::close(fd);
      ::unlink(tmp_path.c_str());
      return Fail(flags.output + ": cannot open");
    }
  }
  const bool json_document = flags.format == "json";
  const bool progress = ::isatty(STDERR_FILENO) != 0;
  std::int64_t lines = 0;
  bool write_failed = false;
  if (json_document) std::fputs("{\"objects\": [\n", out);
  auto sink = [&](const std::string& line) -> Status {
    if (json_document && lines > 0) std::fputs(",\n", out);
    if (std::fwrite(line.data(), 1, line.size(), out) != line.size() ||
        (!json_document && std::fputc('\n', out) == EOF)) {
      write_failed = true;
      return Status(ErrorCode::kInternal, "write failed");
    }
    ++lines;
    if (progress && lines % kProgressEvery == 0) {
      std::fprintf(stderr, "\rimport: %lld objects and assignments", static_cast<long long>(lines));
    }
    return Status::Ok();
  };
  auto stats = Wait((*connector)->FullImport(sink));
  if (stats.ok() && json_document) {
    nlohmann::json s = StatsToJson(*stats);
    std::fprintf(out, "\n], \"stats\": %s}\n", s.dump().c_str());
  }
  if (progress) std::fprintf(stderr, "\r\033[K");
  bool flushed = std::fflush(out) == 0;
  if (!to_stdout) {
    flushed = (::fsync(::fileno(out)) == 0) && flushed;
    flushed = (std::fclose(out) == 0) && flushed;
  }
  if (!stats.ok() || write_failed || !flushed) {
    if (!to_stdout) ::unlink(tmp_path.c_str());
    std::string why = !stats.ok() ? stats.status().message() : "cannot write the output";
    if (!stats.ok() && stats.status().aws()) {
      why += " (" + stats.status().aws()->action + ": " + stats.status().aws()->code + ")";
    }
    std::fprintf(stderr, "aws-iam-connector import: %s\n", why.c_str());
    return 1;
  }
  if (!to_stdout) {
    ::chmod(tmp_path.c_str(), 0644);
    if (::rename(tmp_path.c_str(), flags.output.c_str()) != 0) {
      ::unlink(tmp_path.c_str());
      return Fail(flags.output + ": cannot rename the temporary file into place");
    }
  }
  if (progress || !to_stdout) {
    std::fprintf(stderr, "import: %s\n", StatsSummary(*stats).c_str());
  }
  return 0;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  auto* sub = app.add_subcommand(
      "import",
      "Full import of the account summary, users with their usage, groups, managed policies, "
      "roles with their trust, instance profiles, identity providers, server certificates and "
      "assignments (docs/full-import.md). Exit codes: 0 done, "
      "1 the import failed (nothing written), 2 bad configuration or arguments.");
  sub->add_option("-c,--config", flags->config,
                  "Provisioner file (default: the embedded emulator of DATA_DIR, as serve)");
  sub->add_option("-o,--output", flags->output, "Output file, written atomically ('-': stdout)");
  sub->add_option("--format", flags->format, "jsonl (one object per line) or json (one document)")
      ->check(CLI::IsMember({"jsonl", "json"}));
  sub->add_option("--key-file", flags->key_file,
                  "Key file that encrypts secrets (default DATA_DIR/connector.key)");
  sub->add_option("--data-dir", flags->data_dir, "Data directory (default ./data)");
  sub->callback([flags, &exit_code] { exit_code = RunImport(*flags); });
}

}  // namespace aic::cli
