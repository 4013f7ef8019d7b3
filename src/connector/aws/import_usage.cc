// The full import's usage facts: one credential report, read before the walk, joined to each
// user as its GetAccountAuthorizationDetails page streams.
#include "connector/aws/import_internal.h"
#include "connector/aws/trust_principals.h"

namespace aic::aws_internal {

using json = nlohmann::json;

Task<ImportUsage> FetchImportUsage(IamClient& iam) {
  ImportUsage usage;
  usage.root = nullptr;
  auto fetched = co_await FetchCredentialReport(iam);
  if (!fetched.ok()) {
    usage.error = fetched.status().message();
    co_return usage;
  }
  usage.available = true;
  usage.report = std::move(*fetched);
  usage.generated_time = usage.report.generated_time;
  if (usage.report.root) {
    usage.root = RootUsageJson(*usage.report.root);
    usage.account_id = AccountIdOfArn(usage.report.root->arn);
  }
  co_return usage;
}

void AddUsage(const ImportUsage& usage, const std::string& name, json& object) {
  const CredentialReportRow* row = usage.available ? usage.report.Find(name) : nullptr;
  json fields = CredentialUsageJson(row);
  for (auto& [key, value] : fields.items()) {
    // CreatedDate is GAAD's; the report's user_creation_time is not repeated.
    if (key == "userCreationTime") continue;
    // PasswordLastUsed stays absent when never used, as in the connector's reads.
    if (key == "PasswordLastUsed" && value.is_null()) continue;
    object[key] = std::move(value);
  }
}

}  // namespace aic::aws_internal
