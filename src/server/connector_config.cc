// Provisioner files (config.h): every configurationProperty of SPEC 3 with its type, default and
// check; plain secrets encrypted and written back.
#include <algorithm>
#include <array>
#include <cstdint>
#include <regex>
#include <set>

#include "aws_iam_connector/config.h"
#include "aws_iam_connector/json_text.h"

namespace aic {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

enum class PropType { kString, kSecret, kInt, kNumber, kBool };
enum class Check { kNone, kArn, kRegion, kUrl };

struct PropertySpec {
  std::string_view name;
  PropType type;
  json default_value;
  double min = 0;
  double max = 0;  // min == max == 0: no range check
  Check check = Check::kNone;
};

// Ranges (SPEC 3 and AWS): MaxItems 1..1000, AssumeRole DurationSeconds 900..43200.
constexpr int kMaxConnectionTimeoutMs = 600000;
constexpr int kMaxMaxConnections = 1000;
constexpr int kMaxMaxRetries = 20;
constexpr int kMaxRequestsPerSecond = 100000;
constexpr std::size_t kMaxStringPropertyLength = 2048;

const std::vector<PropertySpec>& Properties() {
  static const std::vector<PropertySpec> kProps = {
      {"accessKeyId", PropType::kString, nullptr},
      {"secretKey", PropType::kSecret, nullptr},
      {"roleArn", PropType::kString, nullptr, 0, 0, Check::kArn},
      {"region", PropType::kString, nullptr, 0, 0, Check::kRegion},
      {"pageSize", PropType::kInt, 100, 1, 1000},
      {"credentialsExpiration", PropType::kInt, 3600, 900, 43200},
      {"proxyHost", PropType::kString, nullptr},
      {"proxyPort", PropType::kInt, nullptr, 1, 65535},
      {"proxyUsername", PropType::kString, nullptr},
      {"proxyPassword", PropType::kSecret, nullptr},
      {"connectionTimeout", PropType::kInt, 10000, 1, kMaxConnectionTimeoutMs},
      {"maxConnections", PropType::kInt, 10, 1, kMaxMaxConnections},
      {"endpoint", PropType::kString, nullptr, 0, 0, Check::kUrl},
      {"stsEndpoint", PropType::kString, nullptr, 0, 0, Check::kUrl},
      {"externalId", PropType::kString, nullptr},
      {"roleSessionName", PropType::kString, "aws-iam-connector"},
      {"maxRetries", PropType::kInt, kConnectorDefaultMaxRetries, 0, kMaxMaxRetries},
      {"requestsPerSecond", PropType::kNumber, 0, 0, kMaxRequestsPerSecond},
      {"cascadeDelete", PropType::kBool, true},
  };
  return kProps;
}

// OpenIDM provisioner keys accepted and ignored (they tune OpenIDM itself).
const std::set<std::string, std::less<>>& IgnoredTopLevelKeys() {
  static const std::set<std::string, std::less<>> kKeys = {"_id",
                                                           "producerBufferSize",
                                                           "connectorPoolingSupported",
                                                           "poolConfigOption",
                                                           "operationTimeout",
                                                           "resultsHandlerConfig",
                                                           "syncFailureHandler",
                                                           "objectTypes",
                                                           "operationOptions"};
  return kKeys;
}

std::string TypeName(PropType t) {
  switch (t) {
    case PropType::kString:
      return "a string";
    case PropType::kSecret:
      return "a string or a $crypto object";
    case PropType::kInt:
      return "an integer";
    case PropType::kNumber:
      return "a number";
    case PropType::kBool:
      return "a boolean";
  }
  return "?";
}

std::string Num(double v) {
  auto i = static_cast<std::int64_t>(v);
  return static_cast<double>(i) == v ? std::to_string(i) : std::to_string(v);
}

Status Problem(std::string_view file, std::string_view property, std::string_view problem) {
  return Status(ErrorCode::kConfiguration,
                std::string(file) + ": " + std::string(property) + ": " + std::string(problem));
}

bool CheckValue(Check check, const std::string& v) {
  static const std::regex kArn(R"(^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\x21-\x7e]{1,512}$)");
  static const std::regex kRegion(R"(^([a-z]{2}(-[a-z]+)+-[0-9]{1,2}|aws-global)$)");
  static const std::regex kUrl(R"(^https?://[^\s/?#]+(/[^\s]*)?$)");
  switch (check) {
    case Check::kNone:
      return true;
    case Check::kArn:
      return std::regex_match(v, kArn);
    case Check::kRegion:
      return std::regex_match(v, kRegion);
    case Check::kUrl:
      return std::regex_match(v, kUrl);
  }
  return false;
}

std::string CheckDescription(Check check) {
  switch (check) {
    case Check::kArn:
      return "malformed role ARN (expected arn:aws:iam::123456789012:role/NAME)";
    case Check::kRegion:
      return "malformed region (expected e.g. us-east-1)";
    case Check::kUrl:
      return "malformed URL (expected http:// or https://HOST[:PORT][/PATH])";
    case Check::kNone:
      break;
  }
  return "invalid value";
}

}  // namespace

json DefaultConnectorRef() {
  return json{{"bundleVersion", "[1.5.0.0,1.6.0.0)"},
              {"bundleName", "org.forgerock.openicf.connectors.aws-connector"},
              {"connectorName", "org.forgerock.openicf.connectors.aws.AwsConnector"}};
}

Result<ConnectorConfig> ParseConnectorConfig(const ojson& document, std::string_view file,
                                             const SecretBox& box, ojson* rewritten,
                                             bool* changed) {
  if (changed != nullptr) *changed = false;
  if (!document.is_object()) return Problem(file, "(document)", "must be a JSON object");
  ConnectorConfig config;
  config.file = std::string(file);
  config.connector_ref = DefaultConnectorRef();
  ojson out = document;
  struct WipeOnExit {  // `out` holds plain secrets until they are replaced by envelopes
    ojson& doc;
    ~WipeOnExit() { WipeJsonStrings(doc); }
  } wipe_out{out};
  static const std::regex kName(R"(^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$)");

  for (const auto& [key, value] : document.items()) {
    if (key == "name") {
      if (!value.is_string()) return Problem(file, key, "must be a string");
      if (!std::regex_match(value.get<std::string>(), kName)) {
        return Problem(file, key, "must be 1-64 of [A-Za-z0-9_.-]");
      }
      config.name = value.get<std::string>();
    } else if (key == "enabled") {
      if (!value.is_boolean()) return Problem(file, key, "must be a boolean");
      config.enabled = value.get<bool>();
    } else if (key == "connectorRef") {
      if (!value.is_object()) return Problem(file, key, "must be an object");
      config.connector_ref = json::parse(value.dump());
    } else if (key == "displayName") {
      if (!value.is_string()) return Problem(file, key, "must be a string");
      config.display_name = value.get<std::string>();
    } else if (key == "systemActions") {
      if (!value.is_array()) return Problem(file, key, "must be an array");
      config.system_actions = json::parse(value.dump());
    } else if (key == "configurationProperties") {
      if (!value.is_object()) return Problem(file, key, "must be an object");
    } else if (!IgnoredTopLevelKeys().contains(key)) {
      return Problem(file, key, "unknown property");
    }
  }
  if (!document.contains("configurationProperties")) {
    return Problem(file, "configurationProperties", "missing required value");
  }
  const ojson& props = document["configurationProperties"];
  for (const auto& [key, value] : props.items()) {
    auto it = std::find_if(Properties().begin(), Properties().end(),
                           [&name = key](const PropertySpec& p) { return p.name == name; });
    if (it == Properties().end()) {
      return Problem(file, "configurationProperties." + key, "unknown property");
    }
  }

  json values = json::object();  // resolved non-secret values
  AwsConnectorConfig& aws = config.aws;
  for (const PropertySpec& spec : Properties()) {
    const std::string name(spec.name);
    const std::string where = "configurationProperties." + name;
    if (spec.type == PropType::kSecret && props.contains(name) && props[name].is_string()) {
      // Read in place: no serialised copy of the plain secret is made. The caller wipes
      // `document`; the copy in `out` is wiped before it is replaced by the envelope.
      SecretString secret(props[name].get_ref<const std::string&>());
      ojson& plain = out["configurationProperties"][name];
      WipeString(plain.get_ref<std::string&>());
      plain = ojson::parse(box.Encrypt(secret).dump());
      if (changed != nullptr) *changed = true;
      (name == "secretKey" ? aws.secret_key : aws.proxy_password) = std::move(secret);
      continue;
    }
    json v = props.contains(name) ? json::parse(props[name].dump()) : json(nullptr);
    if (v.is_null()) v = spec.default_value;
    if (v.is_null()) {
      values[name] = nullptr;
      continue;
    }
    switch (spec.type) {
      case PropType::kSecret: {
        if (SecretBox::IsEnvelope(v)) {
          auto secret = box.Decrypt(v);
          if (!secret.ok()) return Problem(file, where, secret.status().message());
          (name == "secretKey" ? aws.secret_key : aws.proxy_password) = std::move(*secret);
        } else {
          return Problem(file, where, "wrong type: must be " + TypeName(spec.type));
        }
        continue;
      }
      case PropType::kString:
        if (!v.is_string())
          return Problem(file, where, "wrong type: must be " + TypeName(spec.type));
        if (v.get_ref<const std::string&>().size() > kMaxStringPropertyLength) {
          return Problem(file, where, "longer than " + std::to_string(kMaxStringPropertyLength));
        }
        if (!CheckValue(spec.check, v.get<std::string>())) {
          return Problem(file, where, CheckDescription(spec.check));
        }
        break;
      case PropType::kInt:
        if (!v.is_number_integer()) {
          return Problem(file, where, "wrong type: must be " + TypeName(spec.type));
        }
        // Checked here (not by the range check below): a huge integer must not wrap on get<int>.
        if (!JsonIntIn(v, static_cast<std::int64_t>(spec.min),
                       static_cast<std::int64_t>(spec.max))) {
          return Problem(file, where,
                         "out of range (" + Num(spec.min) + ".." + Num(spec.max) + ")");
        }
        break;
      case PropType::kNumber:
        if (!v.is_number())
          return Problem(file, where, "wrong type: must be " + TypeName(spec.type));
        break;
      case PropType::kBool:
        if (!v.is_boolean())
          return Problem(file, where, "wrong type: must be " + TypeName(spec.type));
        break;
    }
    if ((spec.type == PropType::kInt || spec.type == PropType::kNumber) &&
        (spec.min != 0 || spec.max != 0)) {
      double d = v.get<double>();
      if (d < spec.min || d > spec.max) {
        return Problem(file, where, "out of range (" + Num(spec.min) + ".." + Num(spec.max) + ")");
      }
    }
    values[name] = v;
  }

  auto str = [&](const char* n) {
    return values[n].is_string() ? values[n].get<std::string>() : std::string();
  };
  aws.access_key_id = str("accessKeyId");
  aws.role_arn = str("roleArn");
  if (!str("region").empty()) aws.region = str("region");
  aws.page_size = values["pageSize"].get<int>();
  aws.credentials_expiration = values["credentialsExpiration"].get<int>();
  aws.proxy_host = str("proxyHost");
  aws.proxy_port = values["proxyPort"].is_null() ? 0 : values["proxyPort"].get<int>();
  aws.proxy_username = str("proxyUsername");
  aws.connection_timeout_ms = values["connectionTimeout"].get<int>();
  aws.max_connections = values["maxConnections"].get<int>();
  aws.endpoint = str("endpoint");
  aws.sts_endpoint = str("stsEndpoint");
  aws.external_id = str("externalId");
  aws.role_session_name = str("roleSessionName");
  aws.max_retries = values["maxRetries"].get<int>();
  aws.requests_per_second = values["requestsPerSecond"].get<double>();
  aws.cascade_delete = values["cascadeDelete"].get<bool>();

  if (!aws.access_key_id.empty() && aws.secret_key.empty()) {
    return Problem(file, "configurationProperties.secretKey",
                   "missing required value (accessKeyId is set)");
  }
  if (aws.access_key_id.empty() && !aws.secret_key.empty()) {
    return Problem(file, "configurationProperties.accessKeyId",
                   "missing required value (secretKey is set)");
  }
  if (!aws.proxy_host.empty() && aws.proxy_port == 0) {
    return Problem(file, "configurationProperties.proxyPort",
                   "missing required value (proxyHost is set)");
  }
  if (!aws.external_id.empty() && aws.role_arn.empty()) {
    return Problem(file, "configurationProperties.roleArn",
                   "missing required value (externalId is set)");
  }
  Status valid = ValidateAwsConnectorConfig(aws);
  if (!valid.ok()) return Problem(file, "configurationProperties", valid.message());
  if (rewritten != nullptr) *rewritten = std::move(out);
  return config;
}

json ConnectorConfig::ToMaskedJson() const {
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  auto secret = [](const SecretString& s) {
    return s.empty() ? json(nullptr) : json(std::string(SecretString::kMask));
  };
  json props = {
      {"accessKeyId", opt(aws.access_key_id)},
      {"secretKey", secret(aws.secret_key)},
      {"roleArn", opt(aws.role_arn)},
      {"region", aws.region},
      {"pageSize", aws.page_size},
      {"credentialsExpiration", aws.credentials_expiration},
      {"proxyHost", opt(aws.proxy_host)},
      {"proxyPort", aws.proxy_port == 0 ? json(nullptr) : json(aws.proxy_port)},
      {"proxyUsername", opt(aws.proxy_username)},
      {"proxyPassword", secret(aws.proxy_password)},
      {"connectionTimeout", aws.connection_timeout_ms},
      {"maxConnections", aws.max_connections},
      {"endpoint", opt(aws.endpoint)},
      {"stsEndpoint", opt(aws.sts_endpoint)},
      {"externalId", opt(aws.external_id)},
      {"roleSessionName", opt(aws.role_session_name)},
      {"maxRetries", aws.max_retries},
      {"requestsPerSecond", aws.requests_per_second},
      {"cascadeDelete", aws.cascade_delete},
  };
  return json{{"name", name},
              {"enabled", enabled},
              {"connectorRef", connector_ref},
              {"displayName", display_name},
              {"configurationProperties", props},
              {"systemActions", system_actions}};
}

Result<ConnectorConfig> LoadConnectorConfig(const std::string& path, const SecretBox& box) {
  auto text = ReadSmallFile(path, kMaxConfigFileBytes);
  if (!text.ok()) return text.status();
  auto document = ParseOrderedJson(*text);
  WipeString(*text);  // the raw text may hold plain secrets
  if (!document.ok()) {
    return Status(ErrorCode::kConfiguration, path + ": " + document.status().message());
  }
  ojson rewritten;
  bool changed = false;
  auto config = ParseConnectorConfig(*document, path, box, &rewritten, &changed);
  WipeJsonStrings(*document);
  if (config.ok() && changed) {
    std::string out = rewritten.dump(2) + "\n";
    Status written = WriteFileAtomically(path, out);
    if (!written.ok()) config = Status(ErrorCode::kConfiguration, written.message());
  }
  WipeJsonStrings(rewritten);
  return config;
}

Result<std::vector<ConnectorConfig>> LoadConnectorConfigs(const std::vector<std::string>& paths,
                                                          const SecretBox& box) {
  std::vector<ConnectorConfig> configs;
  std::set<std::string> names;
  for (const std::string& path : paths) {
    auto config = LoadConnectorConfig(path, box);
    if (!config.ok()) return config.status();
    if (!names.insert(config->name).second) {
      return Problem(path, "name", "duplicate connector name '" + config->name + "'");
    }
    configs.push_back(std::move(*config));
  }
  return configs;
}

}  // namespace aic
