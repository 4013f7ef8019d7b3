// ConfiguredConnector: one configured AwsConnector and everything that points into it (its
// ConnectorFacade and the script host over the facade and its IAM QueryClient), owned together
// and destroyed in order: the script host, then the facade, then the connector they use.
//
//   auto c = ConfiguredConnector::Create(config.aws);   // kConfiguration on a bad config
//   co_await (*c)->facade().Get("__ACCOUNT__", "alice", {});
//
// Thread safety: as the facade and the script host (both thread-safe); IamCalls() from any
// thread.
#pragma once

#include <cstdint>
#include <memory>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/script_runner.h"
#include "aws_iam_connector/status.h"

namespace aic {

class ConfiguredConnector {
 public:
  static Result<std::unique_ptr<ConfiguredConnector>> Create(const AwsConnectorConfig& config);
  ~ConfiguredConnector();
  ConfiguredConnector(const ConfiguredConnector&) = delete;
  ConfiguredConnector& operator=(const ConfiguredConnector&) = delete;

  connector::ConnectorFacade& facade() const { return *facade_; }
  // The connector itself (its `test` with the permission check).
  AwsConnector& aws() const { return *connector_; }
  // What a script's connector.* calls run against.
  ScriptHost* script_host() const { return script_host_.get(); }
  // IAM calls made so far (all actions), for the request log.
  std::int64_t IamCalls() const;

 private:
  ConfiguredConnector() = default;
  // Declared in dependency order, so destroyed dependents first.
  std::unique_ptr<AwsConnector> connector_;
  std::unique_ptr<connector::ConnectorFacade> facade_;
  std::unique_ptr<ScriptHost> script_host_;
};

}  // namespace aic
