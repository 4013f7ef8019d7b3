// The connector's configuration properties (SPEC section 3): the one table that drives reading
// them from a provisioner file, their types, defaults, ranges and checks, validation messages,
// and their masked form (the config endpoint and Lua's `connector.config` show the same thing).
//
//   AwsConnectorConfig c;                                   // every default (aws_connector.h)
//   Status s = SetConfigProperty(c, *FindConfigProperty("pageSize"), json(500));
//   json shown = MaskedConfigProperties(c);                 // secrets "****", unset ones null
//
// Defaults are AwsConnectorConfig's member initialisers: a property that is absent or null
// keeps the default. A problem is kConfiguration "PROPERTY: problem" (callers add the file).
//
// Thread safety: the table is immutable; the functions touch only their arguments.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>
#include <vector>

#include "aws_iam_connector/aws_connector.h"
#include "aws_iam_connector/status.h"

namespace aic {

enum class ConfigPropertyType { kString, kSecret, kInt, kNumber, kBool };
// A format a string property must have.
enum class ConfigPropertyCheck { kNone, kRoleArn, kRegion, kUrl };

struct ConfigProperty {
  using Field = std::variant<std::string AwsConnectorConfig::*, SecretString AwsConnectorConfig::*,
                             int AwsConnectorConfig::*, double AwsConnectorConfig::*,
                             bool AwsConnectorConfig::*>;
  std::string_view name;  // as in configurationProperties
  ConfigPropertyType type;
  Field field;
  double min = 0;  // numbers: the accepted range (min == max == 0: no range)
  double max = 0;
  ConfigPropertyCheck check = ConfigPropertyCheck::kNone;
  // Shown (and read) as null when it holds this "unset" value: "" for a string, 0 for proxyPort.
  bool zero_is_unset = false;
};

// Longest accepted string property.
inline constexpr std::size_t kMaxStringPropertyLength = 2048;

// Every property, in SPEC order.
const std::vector<ConfigProperty>& ConfigProperties();
// The property named `name`, or nullptr.
const ConfigProperty* FindConfigProperty(std::string_view name);

// Sets one property from its JSON value: null keeps the default; a secret takes a plain string
// (the caller decrypts envelopes first). Type, range and format are checked.
Status SetConfigProperty(AwsConnectorConfig& config, const ConfigProperty& property,
                         const nlohmann::json& value);

// The properties as JSON in table order: secrets "****" when set, unset values null.
nlohmann::json MaskedConfigProperties(const AwsConnectorConfig& config);

}  // namespace aic
