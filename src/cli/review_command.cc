// `aws-iam-connector review`: the access review (SPEC 11, docs/review.md) of one import snapshot,
// read from a JSON Lines file or from a live full import run in-process (nothing written), as
// JSON or one self-contained HTML page.
// Exit codes: 0 no check FAILs (PASS or UNKNOWN only), 1 at least one check FAILs, 2 bad
// arguments or configuration, 3 no review (unreadable or malformed snapshot, the import failed,
// the output cannot be written).
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>

#include "aws_iam_connector/task.h"
#include "cli/commands.h"
#include "common/logging.h"
#include "review/review.h"
#include "server/connector_server.h"

namespace aic::cli {
namespace {

constexpr int kExitNoReview = 3;

struct ReviewFlags {
  std::string input;
  std::string config;
  std::string key_file;
  std::string data_dir = std::string(kDefaultDataDir);
  std::string format;
  std::string output = "-";
  std::string now;
  int unused_days = review::kDefaultUnusedRoleDays;
};

int Fail(int code, const std::string& message) {
  std::fprintf(stderr, "aws-iam-connector review: %s\n", message.c_str());
  return code;
}

Status ReadFile(const std::string& path, review::SnapshotReader& reader) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kInvalidInput, path + ": cannot open");
  std::string line;
  while (std::getline(in, line)) {
    if (Status s = reader.AddLine(line); !s.ok()) {
      return Status(ErrorCode::kInvalidInput, path + ": " + s.message());
    }
  }
  if (in.bad()) return Status(ErrorCode::kInvalidInput, path + ": read error");
  return Status::Ok();
}

Status ReadLive(const ReviewFlags& flags, review::SnapshotReader& reader, bool& config_error) {
  InitLogging("warn");
  auto opened = OpenCliConnector(flags.config, flags.key_file, flags.data_dir);
  config_error = true;
  if (!opened.ok()) return opened.status();
  auto connector = AwsConnector::Create(opened->config.aws);
  if (!connector.ok()) {
    return Status(ErrorCode::kConfiguration,
                  opened->config.file + ": " + connector.status().message());
  }
  config_error = false;
  auto sink = [&reader](const std::string& line) { return reader.AddLine(line); };
  auto stats = Wait((*connector)->FullImport(sink));
  if (!stats.ok()) {
    std::string why = "import: " + stats.status().message();
    if (stats.status().aws()) {
      why += " (" + stats.status().aws()->action + ": " + stats.status().aws()->code + ")";
    }
    return Status(ErrorCode::kInternal, why);
  }
  return Status::Ok();
}

Status WriteOutput(const std::string& path, const std::string& text) {
  if (path == "-") {
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() ||
        std::fflush(stdout) != 0) {
      return Status(ErrorCode::kInternal, "cannot write standard output");
    }
    return Status::Ok();
  }
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      ::unlink(tmp.c_str());
      return Status(ErrorCode::kInternal, path + ": cannot write");
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status(ErrorCode::kInternal, path + ": cannot rename the temporary file into place");
  }
  return Status::Ok();
}

bool EndsWith(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

int RunReview(const ReviewFlags& flags) {
  if (!flags.input.empty() && !flags.config.empty()) {
    return Fail(2, "--input and --config exclude each other");
  }
  if (flags.unused_days < 1) return Fail(2, "--unused-days must be at least 1");
  std::optional<review::EpochSeconds> now;
  if (!flags.now.empty()) {
    now = review::ParseIsoTime(flags.now);
    if (!now) return Fail(2, "--now: not an ISO 8601 date (2026-01-02 or 2026-01-02T03:04:05Z)");
  }
  std::string format = flags.format;
  if (format.empty()) format = EndsWith(flags.output, ".html") ? "html" : "json";

  review::SnapshotReader reader;
  if (!flags.input.empty()) {
    if (Status s = ReadFile(flags.input, reader); !s.ok()) return Fail(kExitNoReview, s.message());
  } else {
    bool config_error = false;
    if (Status s = ReadLive(flags, reader, config_error); !s.ok()) {
      return Fail(config_error ? 2 : kExitNoReview, s.message());
    }
  }
  review::Snapshot snapshot = reader.Take();
  review::ReviewOptions options;
  options.now = now ? *now : review::DefaultNow(snapshot, std::time(nullptr));
  options.unused_role_days = flags.unused_days;
  review::ReviewReport report = review::Review(snapshot, options);
  const std::string text =
      format == "html" ? review::ReportHtml(report, snapshot) : review::ReportJson(report);
  if (Status s = WriteOutput(flags.output, text); !s.ok()) return Fail(kExitNoReview, s.message());
  if (flags.output != "-") {
    std::fprintf(stderr, "review: %d PASS, %d FAIL, %d UNKNOWN -> %s\n", report.pass, report.fail,
                 report.unknown, flags.output.c_str());
  }
  return report.fail > 0 ? 1 : 0;
}

}  // namespace

void RegisterReviewCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ReviewFlags>();
  auto* sub = app.add_subcommand(
      "review",
      "Access review of one import snapshot: the IAM checks of the CIS AWS Foundations Benchmark "
      "v3.0.0, unused roles, external and wildcard trust (docs/review.md). Exit codes: 0 no check "
      "FAILs, 1 some check FAILs, 2 bad arguments or configuration, 3 no review (bad snapshot, "
      "import failed, output not written).");
  sub->add_option("-i,--input", flags->input,
                  "Snapshot written by `import` (JSON Lines); without it, a live import of "
                  "--config runs in-process");
  sub->add_option("-c,--config", flags->config,
                  "Provisioner file of the live import (default: the embedded emulator of "
                  "DATA_DIR, as serve)");
  sub->add_option("--format", flags->format, "json or html (default: html when -o ends in .html)")
      ->check(CLI::IsMember({"json", "html"}));
  sub->add_option("-o,--output", flags->output, "Output file ('-': stdout, the default)");
  sub->add_option("--now", flags->now,
                  "Evaluation time, ISO 8601 (default: the credential report's time, else now)");
  sub->add_option("--unused-days", flags->unused_days,
                  "A role unused this many days or more is unused (default 90)");
  sub->add_option("--key-file", flags->key_file,
                  "Key file that encrypts secrets (default DATA_DIR/connector.key)");
  sub->add_option("--data-dir", flags->data_dir, "Data directory (default ./data)");
  sub->callback([flags, &exit_code] { exit_code = RunReview(*flags); });
}

}  // namespace aic::cli
