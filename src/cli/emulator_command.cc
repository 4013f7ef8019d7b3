// `aws-iam-connector emulator`: runs the IAM + STS emulator (include/aws_iam_connector/emulator.h)
// until SIGINT or SIGTERM.
//
// Flags: --host (default 127.0.0.1), --port (default 4566, kEmulatorDefaultCliPort; 0 = any
// free port), --db PATH (SQLite file; default in-memory), --account-id (default 123456789012),
// --signature-mode strict|any-key (default strict), --admin (admin endpoints on), --enforce-iam
// (authorise every call of a non-root identity against its IAM policies, request_authorizer.h),
// --throttle-rate and --error-rate (0..1), --latency-ms (0..60000), --lose-answer ACTION=N
// (repeatable: the next N requests for ACTION that succeed are answered 500 InternalFailure;
// N in 1..kMaxLostAnswers = 1000), --threads (1..256, default 2), --log-level
// trace|debug|info|warn|error|critical|off (default info; per-request lines of successful calls are
// at debug).
//
// Once it serves, it prints exactly one line "listening on http://HOST:PORT" to standard output
// (flushed), so scripts and tests can read the port. Logs go to standard error. Exit status: 0
// after a clean stop on SIGINT/SIGTERM; 1 with one line on standard error when the emulator
// cannot start (port in use, database cannot be opened, ...); CLI11's usage status for bad
// flags.
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "aws_iam_connector/emulator.h"
#include "cli/commands.h"
#include "common/logging.h"
#include "emulator/fault_injector.h"

namespace aic::cli {
namespace {

struct EmulatorFlags {
  EmulatorOptions options;
  std::string mode = "strict";
  std::string log_level = "info";
  std::vector<std::string> lose_answers;  // "ACTION=N"
};

// Parses "ACTION=N" into `action` and `count`; the error text, or empty.
std::string ParseLoseAnswer(const std::string& spec, std::string* action, int* count) {
  const auto eq = spec.find('=');
  const std::string name = spec.substr(0, eq);
  const std::string digits = eq == std::string::npos ? "" : spec.substr(eq + 1);
  const bool digits_ok = !digits.empty() && digits.size() <= 9 &&
                         digits.find_first_not_of("0123456789") == std::string::npos;
  const int n = digits_ok ? std::stoi(digits) : 0;
  if (!emulator::IsLostAnswerAction(name) || n < 1 || n > emulator::kMaxLostAnswers) {
    return "expected ACTION=N with N between 1 and " + std::to_string(emulator::kMaxLostAnswers);
  }
  if (action) *action = name;
  if (count) *count = n;
  return {};
}

std::string CheckAccountId(const std::string& id) {
  if (id.size() != 12 || id.find_first_not_of("0123456789") != std::string::npos) {
    return "the account id must be 12 digits";
  }
  return {};
}

int RunEmulator(const EmulatorFlags& flags) {
  InitLogging(flags.log_level);
  EmulatorOptions options = flags.options;
  for (const auto& spec : flags.lose_answers) {
    std::string action;
    int count = 0;
    if (ParseLoseAnswer(spec, &action, &count).empty()) options.lost_answers[action] = count;
  }
  options.mode = flags.mode == "any-key" ? EmulatorOptions::SignatureMode::kAnyKey
                                         : EmulatorOptions::SignatureMode::kStrict;

  // Block the stop signals before any worker thread exists, so every thread inherits the mask
  // and this thread alone receives them through sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto emulator = Emulator::Start(options);
  if (!emulator.ok()) {
    std::fprintf(stderr, "aws-iam-connector emulator: %s\n", emulator.status().message().c_str());
    return 1;
  }
  std::string url = (*emulator)->endpoint();
  if (!url.empty() && url.back() == '/') url.pop_back();
  spdlog::info(
      "emulator: serving IAM and STS on {} (signature mode {}, admin {}, IAM enforcement {}, "
      "state {})",
      url, flags.mode, options.admin ? "on" : "off", options.enforce_iam ? "on" : "off",
      options.db_path.empty() ? std::string("in memory") : options.db_path);
  std::printf("listening on %s\n", url.c_str());
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  spdlog::info("emulator: signal {} received, stopping", received);
  (*emulator)->Stop();
  return 0;
}

}  // namespace

void RegisterEmulatorCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<EmulatorFlags>();
  flags->options.port = kEmulatorDefaultCliPort;
  auto* sub = app.add_subcommand("emulator", "Run the IAM + STS emulator");
  EmulatorOptions& o = flags->options;
  sub->add_option("--host", o.host, "Address to listen on")->capture_default_str();
  sub->add_option("--port", o.port, "TCP port (0 = any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--db", o.db_path, "SQLite database file (default: in-memory state)");
  sub->add_option("--account-id", o.account_id, "AWS account id of the emulated account")
      ->check(CLI::Validator(CheckAccountId, "ACCOUNT_ID"))
      ->capture_default_str();
  sub->add_option("--signature-mode", flags->mode,
                  "strict: verify SigV4 against the emulator's keys; any-key: accept any key")
      ->check(CLI::IsMember({"strict", "any-key"}))
      ->capture_default_str();
  sub->add_flag("--admin", o.admin, "Enable the /_emulator/* and /moto-api/reset endpoints");
  sub->add_flag("--enforce-iam", o.enforce_iam,
                "Authorise every IAM and STS call of a non-root identity against its IAM "
                "policies (identity, boundary, session, trust); denied calls answer "
                "AccessDenied 403 as AWS words it. The root key test/test is never checked");
  sub->add_option("--throttle-rate", o.throttle_rate, "Probability of a Throttling error")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--error-rate", o.error_rate, "Probability of a ServiceFailure (500)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--latency-ms", o.latency_ms, "Latency added to every call")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  sub->add_option(
         "--lose-answer", flags->lose_answers,
         "ACTION=N: answer the next N successful ACTION requests 500 (applied, answer lost)")
      ->check(CLI::Validator(
          [](const std::string& v) { return ParseLoseAnswer(v, nullptr, nullptr); }, "ACTION=N"));
  sub->add_option("--threads", o.threads, "HTTP worker threads")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  sub->add_option("--log-level", flags->log_level, "Log level")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  sub->callback([flags, &exit_code] { exit_code = RunEmulator(*flags); });
}

}  // namespace aic::cli
