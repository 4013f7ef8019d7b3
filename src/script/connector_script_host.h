// ConnectorScriptHost: the ScriptHost over the real connector: the ConnectorFacade (so scripts
// get the same validation, aliases and projections as REST callers) and the IAM QueryClient for
// connector.iam. Plus the helpers that shape what a script sees.
//
// XmlResultToJson(<ActionResult>): elements whose children are all <member> -> arrays; <entry>
// lists of <key>/<value> (SummaryMap) -> objects; elements with text only -> strings; an empty
// element -> [] (IAM's empty lists: <Users/>); other elements -> objects (a repeated child name
// -> array). At most kScriptMaxIamResultNodes elements and kScriptMaxJsonDepth levels (deeper or
// more -> kLimitExceeded).
//
// MaskedAwsConfig(config): the configurationProperties as the config endpoint shows them
// (MaskedConfigProperties: secrets "****", unset values null); no SecretString is revealed.
//
// Thread safety: ConnectorScriptHost is as thread-safe as the facade and the QueryClient it
// wraps (both are).
#pragma once

#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/connector/connector_facade.h"
#include "aws_iam_connector/script_runner.h"

namespace aic {

class QueryClient;

inline constexpr std::size_t kScriptMaxIamResultNodes = 1'000'000;

Result<nlohmann::json> XmlResultToJson(const pugi::xml_node& result);

nlohmann::json MaskedAwsConfig(const AwsConnectorConfig& config);

class ConnectorScriptHost : public ScriptHost {
 public:
  // `facade` and `query` must outlive the host; `query` null makes connector.iam kUnsupported.
  ConnectorScriptHost(connector::ConnectorFacade& facade, QueryClient* query)
      : facade_(facade), query_(query) {}

  // Binds an AwsConnector: its own facade over connector.Ops() and its IAM QueryClient.
  static std::unique_ptr<ConnectorScriptHost> ForAwsConnector(AwsConnector& connector);

  Result<nlohmann::json> Create(std::string_view object_class,
                                const nlohmann::json& attributes) override;
  Result<nlohmann::json> Get(std::string_view object_class, std::string_view id,
                             std::string_view fields) override;
  Result<nlohmann::json> Update(std::string_view object_class, std::string_view id,
                                const nlohmann::json& attributes) override;
  Result<nlohmann::json> Patch(std::string_view object_class, std::string_view id,
                               const nlohmann::json& operations) override;
  Result<nlohmann::json> Delete(std::string_view object_class, std::string_view id) override;
  Result<nlohmann::json> Search(std::string_view object_class, std::string_view filter,
                                const nlohmann::json& options) override;
  Result<nlohmann::json> Iam(
      std::string_view action,
      const std::vector<std::pair<std::string, std::string>>& params) override;

 private:
  std::unique_ptr<connector::ConnectorFacade> owned_facade_;
  connector::ConnectorFacade& facade_;
  QueryClient* query_;
};

}  // namespace aic
