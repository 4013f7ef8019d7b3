// MakeAwsRestSystem (rest_api.h): an AwsConnector behind a ConnectorFacade, with its scripts.
#include <filesystem>
#include <memory>

#include "iam/query_client.h"
#include "script/connector_script_host.h"
#include "server/rest_api.h"

namespace aic {

Result<RestSystem> MakeAwsRestSystem(const ConnectorConfig& config) {
  auto prefixed = [&config](const Status& status) {
    if (config.file.empty()) return status;
    return Status(status.code(), config.file + ": " + status.message());
  };
  const std::string base_dir = config.file.empty()
                                   ? std::string()
                                   : std::filesystem::path(config.file).parent_path().string();
  auto definitions = ParseSystemActions(config.system_actions, base_dir);
  if (!definitions.ok()) {
    return prefixed(Status(ErrorCode::kConfiguration, definitions.status().message()));
  }
  auto created = ConfiguredConnector::Create(config.aws);
  if (!created.ok()) return prefixed(created.status());
  RestSystem system;
  system.name = config.name;
  system.enabled = config.enabled;
  system.display_name = config.display_name;
  system.connector_ref = config.connector_ref;
  system.masked_config = config.ToMaskedJson();
  system.connector = std::move(*created);
  system.scripts = std::make_shared<ScriptCatalog>(std::move(*definitions));
  system.script_config = MaskedAwsConfig(config.aws);
  return system;
}

}  // namespace aic
