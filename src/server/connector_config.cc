// Provisioner files (config.h): configurationProperties read through the property table
// (connector/aws/config_properties.h); plain secrets encrypted and written back.
#include <regex>
#include <set>

#include "aws_iam_connector/json_text.h"
#include "connector/aws/config_properties.h"
#include "server/config.h"

namespace aic {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

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

Status Problem(std::string_view file, std::string_view property, std::string_view problem) {
  return Status(ErrorCode::kConfiguration,
                std::string(file) + ": " + std::string(property) + ": " + std::string(problem));
}

// "FILE: configurationProperties.PROPERTY: problem" from the table's "PROPERTY: problem".
Status PropertyProblem(std::string_view file, const Status& status) {
  return Status(ErrorCode::kConfiguration,
                std::string(file) + ": configurationProperties." + status.message());
}

// The top-level keys other than configurationProperties into `config` (that one is only checked
// to be an object here); OpenIDM's own keys are ignored, any other key is refused.
Status ReadTopLevelKeys(const ojson& document, std::string_view file, ConnectorConfig& config) {
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
  return Status::Ok();
}

// Every key of configurationProperties must be in the property table.
Status RejectUnknownProperties(const ojson& props, std::string_view file) {
  for (const auto& [key, value] : props.items()) {
    if (FindConfigProperty(key) == nullptr) {
      return Problem(file, "configurationProperties." + key, "unknown property");
    }
  }
  return Status::Ok();
}

// A plain secret `given` (property `name`) into `field`, and its copy in `out` replaced by its
// envelope. Read in place: no serialised copy of it is made. The caller wipes the document;
// the copy in `out` is wiped before the envelope replaces it.
void EncryptPlainSecret(const ojson& given, const std::string& name, const SecretBox& box,
                        SecretString& field, ojson& out) {
  field = SecretString(given.get_ref<const std::string&>());
  ojson& plain = out["configurationProperties"][name];
  WipeString(plain.get_ref<std::string&>());
  plain = ojson::parse(box.Encrypt(field).dump());
}

// A secret given as a $crypto envelope (property `name`), decrypted into `field`.
Status DecryptSecret(const ojson& given, const std::string& name, std::string_view file,
                     const SecretBox& box, SecretString& field) {
  const json envelope = json::parse(given.dump());
  if (!SecretBox::IsEnvelope(envelope)) {
    return Problem(file, "configurationProperties." + name,
                   "wrong type: must be a string or a $crypto object");
  }
  auto secret = box.Decrypt(envelope);
  if (!secret.ok()) {
    return Problem(file, "configurationProperties." + name, secret.status().message());
  }
  field = std::move(*secret);
  return Status::Ok();
}

// configurationProperties into `aws`, in the table's order. A plain secret is encrypted into
// `out` (which is written back), and then *changed is set.
Status ReadConfigurationProperties(const ojson& props, std::string_view file, const SecretBox& box,
                                   AwsConnectorConfig& aws, ojson& out, bool* changed) {
  for (const ConfigProperty& property : ConfigProperties()) {
    const std::string name(property.name);
    if (!props.contains(name)) continue;
    const ojson& given = props[name];
    if (property.type == ConfigPropertyType::kSecret && !given.is_null()) {
      SecretString& field = aws.*std::get<SecretString AwsConnectorConfig::*>(property.field);
      if (given.is_string()) {
        EncryptPlainSecret(given, name, box, field, out);
        if (changed != nullptr) *changed = true;
        continue;
      }
      AIC_RETURN_IF_ERROR(DecryptSecret(given, name, file, box, field));
      continue;
    }
    Status set = SetConfigProperty(aws, property, json::parse(given.dump()));
    if (!set.ok()) return PropertyProblem(file, set);
  }
  return Status::Ok();
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

  AIC_RETURN_IF_ERROR(ReadTopLevelKeys(document, file, config));
  if (!document.contains("configurationProperties")) {
    return Problem(file, "configurationProperties", "missing required value");
  }
  const ojson& props = document["configurationProperties"];
  AIC_RETURN_IF_ERROR(RejectUnknownProperties(props, file));
  AIC_RETURN_IF_ERROR(ReadConfigurationProperties(props, file, box, config.aws, out, changed));

  Status valid = ValidateAwsConnectorConfig(config.aws);
  if (!valid.ok()) return PropertyProblem(file, valid);
  if (rewritten != nullptr) *rewritten = std::move(out);
  return config;
}

json ConnectorConfig::ToMaskedJson() const {
  json props = MaskedConfigProperties(aws);
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
