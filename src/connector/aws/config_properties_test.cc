#include "connector/aws/config_properties.h"

#include <gtest/gtest.h>

#include <set>

namespace aic {
namespace {

using json = nlohmann::json;

Status Set(AwsConnectorConfig& c, std::string_view name, const json& v) {
  const ConfigProperty* p = FindConfigProperty(name);
  EXPECT_NE(p, nullptr) << name;
  return p == nullptr ? Status(ErrorCode::kInternal, "no property") : SetConfigProperty(c, *p, v);
}

TEST(ConfigPropertiesTest, TheTableHasEverySpecPropertyOnce) {
  std::set<std::string_view> names;
  for (const auto& p : ConfigProperties()) EXPECT_TRUE(names.insert(p.name).second) << p.name;
  const std::set<std::string_view> spec = {
      "accessKeyId",     "secretKey",         "roleArn",
      "region",          "pageSize",          "credentialsExpiration",
      "proxyHost",       "proxyPort",         "proxyUsername",
      "proxyPassword",   "connectionTimeout", "maxConnections",
      "endpoint",        "stsEndpoint",       "externalId",
      "roleSessionName", "maxRetries",        "requestsPerSecond",
      "cascadeDelete"};
  EXPECT_EQ(names, spec);
  EXPECT_EQ(FindConfigProperty("nope"), nullptr);
}

TEST(ConfigPropertiesTest, SetChecksTypeRangeAndFormatAndChangesNothingOnError) {
  AwsConnectorConfig c;
  EXPECT_TRUE(Set(c, "pageSize", 500).ok());
  EXPECT_EQ(c.page_size, 500);
  EXPECT_EQ(Set(c, "pageSize", 1001).message(), "pageSize: out of range (1..1000)");
  EXPECT_EQ(Set(c, "pageSize", 4294967297LL).message(), "pageSize: out of range (1..1000)");
  EXPECT_EQ(Set(c, "pageSize", "5").message(), "pageSize: wrong type: must be an integer");
  EXPECT_EQ(c.page_size, 500);
  EXPECT_EQ(Set(c, "region", "Mars").message(),
            "region: malformed region (expected e.g. us-east-1)");
  EXPECT_EQ(c.region, "us-east-1");
  EXPECT_EQ(Set(c, "requestsPerSecond", -1).message(),
            "requestsPerSecond: out of range (0..100000)");
  EXPECT_TRUE(Set(c, "requestsPerSecond", 2.5).ok());
  EXPECT_EQ(c.requests_per_second, 2.5);
  EXPECT_EQ(Set(c, "cascadeDelete", 1).message(), "cascadeDelete: wrong type: must be a boolean");
  EXPECT_TRUE(Set(c, "proxyPort", nullptr).ok());  // null keeps the default
  EXPECT_EQ(c.proxy_port, 0);
  EXPECT_EQ(Set(c, "roleArn", std::string(3000, 'a')).message(), "roleArn: longer than 2048");
}

TEST(ConfigPropertiesTest, ValidateUsesTheSameRangesAndTheRulesBetweenProperties) {
  AwsConnectorConfig c;
  EXPECT_TRUE(ValidateAwsConnectorConfig(c).ok());
  c.max_connections = 0;
  EXPECT_EQ(ValidateAwsConnectorConfig(c).message(), "maxConnections: out of range (1..1000)");
  c.max_connections = 10;
  c.proxy_host = "proxy.example";
  EXPECT_EQ(ValidateAwsConnectorConfig(c).message(),
            "proxyPort: missing required value (proxyHost is set)");
  c.proxy_port = 3128;
  c.access_key_id = "AKIDEXAMPLE";
  EXPECT_EQ(ValidateAwsConnectorConfig(c).message(),
            "secretKey: missing required value (accessKeyId is set)");
  c.secret_key = SecretString("s3cr3t");
  c.external_id = "x";
  EXPECT_EQ(ValidateAwsConnectorConfig(c).message(),
            "roleArn: missing required value (externalId is set)");
  c.role_arn = "arn:aws:iam::123456789012:role/r";
  EXPECT_TRUE(ValidateAwsConnectorConfig(c).ok());
}

TEST(ConfigPropertiesTest, MaskedShowsEveryPropertySecretsMaskedUnsetNull) {
  AwsConnectorConfig c;
  json shown = MaskedConfigProperties(c);
  EXPECT_EQ(shown.size(), ConfigProperties().size());
  EXPECT_TRUE(shown["secretKey"].is_null());
  EXPECT_TRUE(shown["proxyPort"].is_null());
  EXPECT_TRUE(shown["endpoint"].is_null());
  EXPECT_EQ(shown["region"], "us-east-1");
  EXPECT_EQ(shown["maxConnections"], 10);
  EXPECT_EQ(shown["cascadeDelete"], true);
  c.secret_key = SecretString("very-secret-value");
  c.proxy_port = 8080;
  shown = MaskedConfigProperties(c);
  EXPECT_EQ(shown["secretKey"], "****");
  EXPECT_EQ(shown["proxyPort"], 8080);
  EXPECT_EQ(shown.dump().find("very-secret"), std::string::npos);
}

}  // namespace
}  // namespace aic
