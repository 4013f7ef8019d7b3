#include "connector/aws/config_properties.h"

#include <algorithm>
#include <cstdint>
#include <regex>
#include <string>

#include "aws_iam_connector/iam_client.h"
#include "aws_iam_connector/json_text.h"

namespace aic {
namespace {

using json = nlohmann::json;
using Type = ConfigPropertyType;
using Check = ConfigPropertyCheck;
using C = AwsConnectorConfig;

// Ranges (SPEC 3 and AWS): MaxItems 1..1000, AssumeRole DurationSeconds 900..43200.
constexpr int kMaxConnectionTimeoutMs = 600000;
constexpr int kMaxMaxConnections = 1000;
constexpr int kMaxMaxRetries = 20;
constexpr int kMaxRequestsPerSecond = 100000;

std::string TypeName(Type t) {
  switch (t) {
    case Type::kString:
      return "a string";
    case Type::kSecret:
      return "a string or a $crypto object";
    case Type::kInt:
      return "an integer";
    case Type::kNumber:
      return "a number";
    case Type::kBool:
      return "a boolean";
  }
  return "?";
}

std::string Num(double v) {
  auto i = static_cast<std::int64_t>(v);
  return static_cast<double>(i) == v ? std::to_string(i) : std::to_string(v);
}

Status Problem(const ConfigProperty& p, const std::string& problem) {
  return Status(ErrorCode::kConfiguration, std::string(p.name) + ": " + problem);
}

bool Matches(Check check, const std::string& v) {
  static const std::regex kArn(R"(^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\x21-\x7e]{1,512}$)");
  static const std::regex kRegion(R"(^([a-z]{2}(-[a-z]+)+-[0-9]{1,2}|aws-global)$)");
  static const std::regex kUrl(R"(^https?://[^\s/?#]+(/[^\s]*)?$)");
  switch (check) {
    case Check::kNone:
      return true;
    case Check::kRoleArn:
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
    case Check::kRoleArn:
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

bool HasRange(const ConfigProperty& p) { return p.min != 0 || p.max != 0; }

std::string RangeText(const ConfigProperty& p) {
  return "out of range (" + Num(p.min) + ".." + Num(p.max) + ")";
}

Status CheckString(const ConfigProperty& p, const std::string& v) {
  if (v.size() > kMaxStringPropertyLength) {
    return Problem(p, "longer than " + std::to_string(kMaxStringPropertyLength));
  }
  if ((!v.empty() || !p.zero_is_unset) && !Matches(p.check, v)) {
    return Problem(p, CheckDescription(p.check));
  }
  return Status::Ok();
}

Status CheckNumber(const ConfigProperty& p, double v) {
  if (!HasRange(p) || (v == 0 && p.zero_is_unset)) return Status::Ok();
  if (!(v >= p.min && v <= p.max)) return Problem(p, RangeText(p));
  return Status::Ok();
}

// Checks a value already in a config (set in code or read from a file).
Status CheckField(const C& config, const ConfigProperty& p) {
  if (auto* f = std::get_if<std::string C::*>(&p.field)) return CheckString(p, config.*(*f));
  if (auto* i = std::get_if<int C::*>(&p.field)) return CheckNumber(p, config.*(*i));
  if (auto* d = std::get_if<double C::*>(&p.field)) return CheckNumber(p, config.*(*d));
  return Status::Ok();
}

}  // namespace

const std::vector<ConfigProperty>& ConfigProperties() {
  static const std::vector<ConfigProperty> kProperties = {
      {"accessKeyId", Type::kString, &C::access_key_id, 0, 0, Check::kNone, true},
      {"secretKey", Type::kSecret, &C::secret_key},
      {"roleArn", Type::kString, &C::role_arn, 0, 0, Check::kRoleArn, true},
      {"region", Type::kString, &C::region, 0, 0, Check::kRegion},
      {"pageSize", Type::kInt, &C::page_size, 1, kIamMaxItems},
      {"credentialsExpiration", Type::kInt, &C::credentials_expiration, 900, 43200},
      {"proxyHost", Type::kString, &C::proxy_host, 0, 0, Check::kNone, true},
      {"proxyPort", Type::kInt, &C::proxy_port, 1, 65535, Check::kNone, true},
      {"proxyUsername", Type::kString, &C::proxy_username, 0, 0, Check::kNone, true},
      {"proxyPassword", Type::kSecret, &C::proxy_password},
      {"connectionTimeout", Type::kInt, &C::connection_timeout_ms, 1, kMaxConnectionTimeoutMs},
      {"maxConnections", Type::kInt, &C::max_connections, 1, kMaxMaxConnections},
      {"endpoint", Type::kString, &C::endpoint, 0, 0, Check::kUrl, true},
      {"stsEndpoint", Type::kString, &C::sts_endpoint, 0, 0, Check::kUrl, true},
      {"externalId", Type::kString, &C::external_id, 0, 0, Check::kNone, true},
      {"roleSessionName", Type::kString, &C::role_session_name, 0, 0, Check::kNone, true},
      {"maxRetries", Type::kInt, &C::max_retries, 0, kMaxMaxRetries},
      {"requestsPerSecond", Type::kNumber, &C::requests_per_second, 0, kMaxRequestsPerSecond},
      {"cascadeDelete", Type::kBool, &C::cascade_delete},
  };
  return kProperties;
}

const ConfigProperty* FindConfigProperty(std::string_view name) {
  const auto& all = ConfigProperties();
  auto it = std::find_if(all.begin(), all.end(),
                         [name](const ConfigProperty& p) { return p.name == name; });
  return it == all.end() ? nullptr : &*it;
}

Status SetConfigProperty(C& config, const ConfigProperty& p, const json& value) {
  if (value.is_null()) return Status::Ok();  // the default stays
  const std::string wrong_type = "wrong type: must be " + TypeName(p.type);
  if (auto* f = std::get_if<std::string C::*>(&p.field)) {
    if (!value.is_string()) return Problem(p, wrong_type);
    AIC_RETURN_IF_ERROR(CheckString(p, value.get_ref<const std::string&>()));
    config.*(*f) = value.get<std::string>();
  } else if (auto* s = std::get_if<SecretString C::*>(&p.field)) {
    if (!value.is_string()) return Problem(p, wrong_type);
    config.*(*s) = SecretString(value.get_ref<const std::string&>());
  } else if (auto* i = std::get_if<int C::*>(&p.field)) {
    if (!value.is_number_integer()) return Problem(p, wrong_type);
    // Checked as a 64-bit integer: a huge one must not wrap on the way to int.
    auto v = JsonIntIn(value, static_cast<std::int64_t>(p.min), static_cast<std::int64_t>(p.max));
    if (!v) return Problem(p, RangeText(p));
    config.*(*i) = static_cast<int>(*v);
  } else if (auto* d = std::get_if<double C::*>(&p.field)) {
    if (!value.is_number()) return Problem(p, wrong_type);
    AIC_RETURN_IF_ERROR(CheckNumber(p, value.get<double>()));
    config.*(*d) = value.get<double>();
  } else if (auto* b = std::get_if<bool C::*>(&p.field)) {
    if (!value.is_boolean()) return Problem(p, wrong_type);
    config.*(*b) = value.get<bool>();
  }
  return Status::Ok();
}

json MaskedConfigProperties(const C& config) {
  json out = json::object();
  for (const ConfigProperty& p : ConfigProperties()) {
    const std::string name(p.name);
    if (auto* f = std::get_if<std::string C::*>(&p.field)) {
      const std::string& v = config.*(*f);
      out[name] = (v.empty() && p.zero_is_unset) ? json(nullptr) : json(v);
    } else if (auto* s = std::get_if<SecretString C::*>(&p.field)) {
      out[name] = (config.*(*s)).empty() ? json(nullptr) : json(std::string(SecretString::kMask));
    } else if (auto* i = std::get_if<int C::*>(&p.field)) {
      const int v = config.*(*i);
      out[name] = (v == 0 && p.zero_is_unset) ? json(nullptr) : json(v);
    } else if (auto* d = std::get_if<double C::*>(&p.field)) {
      out[name] = config.*(*d);
    } else if (auto* b = std::get_if<bool C::*>(&p.field)) {
      out[name] = config.*(*b);
    }
  }
  return out;
}

Status ValidateAwsConnectorConfig(const C& config) {
  for (const ConfigProperty& p : ConfigProperties()) AIC_RETURN_IF_ERROR(CheckField(config, p));
  auto missing = [](std::string_view property, std::string_view because) {
    return Status(ErrorCode::kConfiguration, std::string(property) + ": missing required value (" +
                                                 std::string(because) + " is set)");
  };
  if (!config.access_key_id.empty() && config.secret_key.empty()) {
    return missing("secretKey", "accessKeyId");
  }
  if (config.access_key_id.empty() && !config.secret_key.empty()) {
    return missing("accessKeyId", "secretKey");
  }
  if (!config.proxy_host.empty() && config.proxy_port == 0)
    return missing("proxyPort", "proxyHost");
  if (!config.external_id.empty() && config.role_arn.empty())
    return missing("roleArn", "externalId");
  return Status::Ok();
}

}  // namespace aic
