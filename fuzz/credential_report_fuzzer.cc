// Fuzz target: the credential report's CSV (GetCredentialReport's Content, decoded), parsed into
// rows and turned into the usage attributes (ParseCredentialReport, CredentialUsageJson,
// RootUsageJson). Invariants: no crash, throw, hang or sanitizer report; a refusal is
// kInvalidInput with a message; every parsed user's row is found again by its name; every usage
// object has accessKeyUsage and serialises as the servers write JSON (invalid UTF-8 replaced).
#include "connector/aws/credential_report.h"
#include "fuzz_util.h"

namespace {

void CheckUsage(const nlohmann::json& usage) {
  aic::fuzz::Check(usage.is_object(), "a usage that is not an object");
  aic::fuzz::Check(usage.contains("accessKeyUsage"), "a usage without accessKeyUsage");
  (void)usage.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view csv = aic::fuzz::AsText(data, size);
  auto report = aic::aws_internal::ParseCredentialReport(csv, "2026-01-01T00:00:00Z");
  if (!report.ok()) {
    const auto code = report.status().code();
    aic::fuzz::Check(code == aic::ErrorCode::kInvalidInput, "a refusal with another code");
    aic::fuzz::Check(!report.status().message().empty(), "a refusal without a message");
    return 0;
  }
  for (const auto& [name, row] : report->users) {
    aic::fuzz::Check(report->Find(row.user) == &row, "a parsed user not found by its name");
    CheckUsage(aic::aws_internal::CredentialUsageJson(&row));
  }
  if (report->root) CheckUsage(aic::aws_internal::RootUsageJson(*report->root));
  CheckUsage(aic::aws_internal::CredentialUsageJson(nullptr));
  return 0;
}
