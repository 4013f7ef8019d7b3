#include "server/configured_connector.h"

#include "iam/query_client.h"
#include "script/connector_script_host.h"

namespace aic {

Result<std::unique_ptr<ConfiguredConnector>> ConfiguredConnector::Create(
    const AwsConnectorConfig& config) {
  auto created = AwsConnector::Create(config);
  if (!created.ok()) return created.status();
  std::unique_ptr<ConfiguredConnector> out(new ConfiguredConnector());
  out->connector_ = std::move(*created);
  out->facade_ = std::make_unique<connector::ConnectorFacade>(out->connector_->GetSchema(),
                                                              out->connector_->Ops());
  out->script_host_ =
      std::make_unique<ConnectorScriptHost>(*out->facade_, &QueryClientOf(out->connector_->iam()));
  return out;
}

ConfiguredConnector::~ConfiguredConnector() = default;

std::int64_t ConfiguredConnector::IamCalls() const {
  std::int64_t total = 0;
  for (const auto& [action, stats] : QueryClientOf(connector_->iam()).AllCallStats()) {
    total += stats.calls;
  }
  return total;
}

}  // namespace aic
