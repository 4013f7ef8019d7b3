// Configuration loading: property types, defaults, checks, secrets encrypted at rest, key file.
#include "server/config.h"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/text_codec.h"

namespace aic {
namespace {

using ojson = nlohmann::ordered_json;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/aic_config_test_XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    ASSERT_FALSE(dir_.empty());
    auto box = SecretBox::Open(dir_ + "/keys/connector.key");
    ASSERT_TRUE(box.ok()) << box.status().ToString();
    box_ = *box;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  Status LoadError(const std::string& text) {
    auto c = LoadConnectorConfig(Write("p.json", text), *box_);
    return c.ok() ? Status::Ok() : c.status();
  }

  std::string dir_;
  std::shared_ptr<const SecretBox> box_;
};

TEST_F(ConfigTest, KeyFileIsCreatedWithMode0600AndReused) {
  struct stat st {};
  ASSERT_EQ(::stat((dir_ + "/keys/connector.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = SecretBox::Open(dir_ + "/keys/connector.key");
  ASSERT_TRUE(again.ok());
  auto envelope = box_->Encrypt(SecretString("s3cret"));
  auto plain = (*again)->Decrypt(envelope);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->Reveal(), "s3cret");
}

TEST_F(ConfigTest, KeyFileReadableByOthersOrMalformedIsRefused) {
  std::string loose = Write("loose.key", "abc\n");
  ::chmod(loose.c_str(), 0644);
  auto a = SecretBox::Open(loose);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("loose.key"), std::string::npos);
  EXPECT_NE(a.status().message().find("0600"), std::string::npos);
  ::chmod(loose.c_str(), 0600);
  auto b = SecretBox::Open(loose);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("malformed"), std::string::npos);
}

TEST_F(ConfigTest, EnvelopeUnderAnotherKeyIsRefused) {
  auto other = SecretBox::Open(dir_ + "/other.key");
  ASSERT_TRUE(other.ok());
  auto envelope = (*other)->Encrypt(SecretString("x"));
  EXPECT_FALSE(box_->Decrypt(envelope).ok());
  EXPECT_FALSE(box_->Decrypt(nlohmann::json{{"$crypto", 1}}).ok());
}

TEST_F(ConfigTest, DefaultsAndEveryProperty) {
  auto c = LoadConnectorConfig(Write("p.json", R"({"configurationProperties": {}})"), *box_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "aws");
  EXPECT_TRUE(c->enabled);
  EXPECT_EQ(c->aws.page_size, 100);
  EXPECT_EQ(c->aws.credentials_expiration, 3600);
  EXPECT_EQ(c->aws.connection_timeout_ms, 10000);
  EXPECT_EQ(c->aws.max_connections, 10);
  EXPECT_TRUE(c->aws.cascade_delete);
  EXPECT_EQ(c->connector_ref["bundleName"], "org.forgerock.openicf.connectors.aws-connector");

  auto full = LoadConnectorConfig(Write("full.json", R"({
    "name": "aws-prod", "enabled": false, "connectorRef": {"bundleName": "b"},
    "configurationProperties": {
      "accessKeyId": "AKIAEXAMPLE", "secretKey": "sk", "roleArn": "arn:aws:iam::123456789012:role/Idm",
      "region": "eu-west-1", "pageSize": 50, "credentialsExpiration": 900, "proxyHost": "proxy",
      "proxyPort": 3128, "proxyUsername": "pu", "proxyPassword": "pp", "connectionTimeout": 2000,
      "maxConnections": 3, "endpoint": "http://127.0.0.1:1/", "stsEndpoint": "https://sts.example/",
      "externalId": "ext", "roleSessionName": "idm", "maxRetries": 1, "requestsPerSecond": 2.5,
      "cascadeDelete": false},
    "systemActions": []})"),
                                  *box_);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  EXPECT_EQ(full->name, "aws-prod");
  EXPECT_FALSE(full->enabled);
  EXPECT_EQ(full->aws.role_arn, "arn:aws:iam::123456789012:role/Idm");
  EXPECT_EQ(full->aws.region, "eu-west-1");
  EXPECT_EQ(full->aws.page_size, 50);
  EXPECT_EQ(full->aws.proxy_port, 3128);
  EXPECT_EQ(full->aws.proxy_password.Reveal(), "pp");
  EXPECT_EQ(full->aws.secret_key.Reveal(), "sk");
  EXPECT_EQ(full->aws.requests_per_second, 2.5);
  EXPECT_FALSE(full->aws.cascade_delete);
  EXPECT_EQ(full->aws.external_id, "ext");
  auto masked = full->ToMaskedJson().dump();
  EXPECT_EQ(masked.find("\"sk\""), std::string::npos);
  EXPECT_EQ(masked.find("\"pp\""), std::string::npos);
  EXPECT_NE(masked.find("****"), std::string::npos);
}

TEST_F(ConfigTest, PlainSecretsAreEncryptedInTheFileAndStillLoad) {
  std::string path = Write("p.json", R"({
  "name": "aws",
  "configurationProperties": {"accessKeyId": "AKIAEXAMPLE", "secretKey": "VerySecretValue42",
                              "proxyHost": "h", "proxyPort": 8, "proxyPassword": "ProxyPw99"}
})");
  ::chmod(path.c_str(), 0640);
  auto first = LoadConnectorConfig(path, *box_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::string text = Read(path);
  EXPECT_EQ(text.find("VerySecretValue42"), std::string::npos);
  EXPECT_EQ(text.find("ProxyPw99"), std::string::npos);
  EXPECT_NE(text.find("$crypto"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // owner bits kept, group/other dropped (issue 10)
  // Key order kept: name before configurationProperties.
  EXPECT_LT(text.find("\"name\""), text.find("configurationProperties"));
  auto second = LoadConnectorConfig(path, *box_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->aws.secret_key.Reveal(), "VerySecretValue42");
  EXPECT_EQ(second->aws.proxy_password.Reveal(), "ProxyPw99");
  EXPECT_EQ(Read(path), text);  // nothing to rewrite the second time
}

TEST_F(ConfigTest, EachBadValueNamesFilePropertyAndProblem) {
  struct Case {
    const char* text;
    const char* property;
    const char* problem;
  };
  const Case cases[] = {
      {R"({"configurationProperties": {"bogus": 1}})", "configurationProperties.bogus",
       "unknown property"},
      {R"({"configurationProperties": {}, "extra": 1})", "extra", "unknown property"},
      {R"({"configurationProperties": {"pageSize": "100"}})", "configurationProperties.pageSize",
       "wrong type"},
      {R"({"configurationProperties": {"pageSize": 0}})", "configurationProperties.pageSize",
       "out of range"},
      {R"({"configurationProperties": {"cascadeDelete": "yes"}})",
       "configurationProperties.cascadeDelete", "wrong type"},
      {R"({"configurationProperties": {"roleArn": "arn:aws:iam::12:role/x"}})",
       "configurationProperties.roleArn", "malformed role ARN"},
      {R"({"configurationProperties": {"region": "Mars"}})", "configurationProperties.region",
       "malformed region"},
      {R"({"configurationProperties": {"endpoint": "ftp://x"}})",
       "configurationProperties.endpoint", "malformed URL"},
      {R"({"configurationProperties": {"accessKeyId": "AKIA"}})",
       "configurationProperties.secretKey", "missing required value"},
      {R"({"configurationProperties": {"secretKey": 5}})", "configurationProperties.secretKey",
       "wrong type"},
      {R"({"name": "aws"})", "configurationProperties", "missing required value"},
      {R"({"name": "a b", "configurationProperties": {}})", "name", "must be"},
      {R"({"configurationProperties": {)", "(document)", "malformed JSON"},
  };
  for (const Case& c : cases) {
    Status s = LoadError(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.code(), ErrorCode::kConfiguration);
    EXPECT_NE(s.message().find("p.json: "), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(std::string(c.property) + ": "), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(c.problem), std::string::npos) << s.message();
  }
}

TEST_F(ConfigTest, SecretNeverInErrorMessages) {
  Status s =
      LoadError(R"({"configurationProperties": {"secretKey": "TopSecretXyz", "pageSize": -1}})");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message().find("TopSecretXyz"), std::string::npos);
}

TEST_F(ConfigTest, DuplicateConnectorNamesAreRefused) {
  std::string a = Write("a.json", R"({"name": "x", "configurationProperties": {}})");
  std::string b = Write("b.json", R"({"name": "x", "configurationProperties": {}})");
  auto both = LoadConnectorConfigs({a, b}, *box_);
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.status().message().find("b.json: name: duplicate"), std::string::npos);
}

TEST_F(ConfigTest, ServerFileHashesPlainAdminPasswords) {
  std::string path = Write("server.json", R"({"host": "127.0.0.1", "port": 0,
    "adminUsers": [{"username": "admin", "password": "Adm1nPass"}],
    "connectors": ["p.json"], "dataDir": "d"})");
  auto config = LoadServerConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->admins.size(), 1u);
  EXPECT_TRUE(VerifyPassword(config->admins[0].password_hash, "Adm1nPass"));
  EXPECT_FALSE(VerifyPassword(config->admins[0].password_hash, "wrong"));
  EXPECT_EQ(config->connector_files.at(0), dir_ + "/p.json");
  EXPECT_EQ(config->data_dir, dir_ + "/d");
  EXPECT_EQ(config->KeyFilePath(), dir_ + "/d/connector.key");
  std::string text = Read(path);
  EXPECT_EQ(text.find("Adm1nPass"), std::string::npos);
  EXPECT_NE(text.find("$argon2id$"), std::string::npos);
  auto again = LoadServerConfig(path);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(VerifyPassword(again->admins[0].password_hash, "Adm1nPass"));
}

TEST_F(ConfigTest, ServerFileErrors) {
  auto bad = LoadServerConfig(Write("s.json", R"({"port": 70000})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("s.json: port: out of range"), std::string::npos);
  auto unknown = LoadServerConfig(Write("s2.json", R"({"hots": "x"})"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("s2.json: hots: unknown property"), std::string::npos);
  auto hash = LoadServerConfig(
      Write("s3.json", R"({"adminUsers": [{"username": "a", "passwordHash": "plain"}]})"));
  ASSERT_FALSE(hash.ok());
  EXPECT_NE(hash.status().message().find("passwordHash"), std::string::npos);
}

// Issue 10: empty, short or cheaply hashed admin passwords are refused at load, naming the file
// and the user; the file is not rewritten.
TEST_F(ConfigTest, WeakAdminPasswordsAreRefused) {
  auto empty =
      LoadServerConfig(Write("e.json", R"({"adminUsers": [{"username": "ops", "password": ""}]})"));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("e.json: adminUsers[0].password: user 'ops': empty"),
            std::string::npos)
      << empty.status().message();
  EXPECT_NE(Read(dir_ + "/e.json").find("\"password\""), std::string::npos);
  auto short_one = LoadServerConfig(
      Write("s.json", R"({"adminUsers": [{"username": "ops", "password": "abc12345"}],
                    "minAdminPasswordLength": 12})"));
  ASSERT_FALSE(short_one.ok());
  EXPECT_NE(short_one.status().message().find("minAdminPasswordLength (12)"), std::string::npos);
  auto empty_hash = HashPassword(SecretString(""));
  ASSERT_TRUE(empty_hash.ok());
  auto hashed_empty =
      LoadServerConfig(Write("h.json", R"({"adminUsers": [{"username": "ops", "passwordHash": ")" +
                                           *empty_hash + R"("}]})"));
  ASSERT_FALSE(hashed_empty.ok());
  EXPECT_NE(hashed_empty.status().message().find("user 'ops': empty password"), std::string::npos);
  auto cheap = HashPasswordWithCost(SecretString("long-enough-pw"), {true, 8 * 1024, 1});
  ASSERT_TRUE(cheap.ok());
  auto cheap_hash = LoadServerConfig(Write(
      "c.json", R"({"adminUsers": [{"username": "ops", "passwordHash": ")" + *cheap + R"("}]})"));
  ASSERT_FALSE(cheap_hash.ok());
  EXPECT_NE(cheap_hash.status().message().find("below the interactive minimum"), std::string::npos);
}

TEST_F(ConfigTest, ServerFileLimits) {
  auto config = LoadServerConfig(
      Write("l.json",
            R"({"maxClientConnections": 500, "headerTimeoutSeconds": 5, "idleTimeoutSeconds": 20,
                    "bodyTimeoutSeconds": 40, "authFailuresPerMinute": 3,
                    "maxConcurrentPasswordChecks": 1, "minAdminPasswordLength": 10})"));
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->max_connections, 500u);
  EXPECT_EQ(config->header_timeout_seconds, 5);
  EXPECT_EQ(config->idle_timeout_seconds, 20);
  EXPECT_EQ(config->body_timeout_seconds, 40);
  EXPECT_EQ(config->auth_failures_per_minute, 3);
  EXPECT_EQ(config->max_concurrent_password_checks, 1);
  EXPECT_EQ(config->min_admin_password_length, 10);
  auto bad = LoadServerConfig(Write("b.json", R"({"headerTimeoutSeconds": 0})"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("b.json: headerTimeoutSeconds: out of range"),
            std::string::npos);
  auto cost = ParsePasswordHashCost("$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
  ASSERT_TRUE(cost);
  EXPECT_TRUE(MeetsInteractiveCost(*cost));
  EXPECT_FALSE(ParsePasswordHashCost("$argon2id$v=19$m=x,t=2,p=1$s$h"));
}

// Issue 12: SCIM bearer tokens are kept as SHA-256 digests; a plain token is replaced by its
// digest in the file; short tokens, bad digests and duplicate names are refused.
TEST_F(ConfigTest, ScimTokensAreKeptAsDigests) {
  const std::string token = "k7Jq2vX9mP4sW8zR1tY6uB3nC5dE0fGh";
  std::string path = Write("scim.json", R"({"scimTokens": [{"name": "entra", "token": ")" + token +
                                            R"("}, {"name": "okta", "tokenSha256": ")" +
                                            std::string(64, 'a') + R"("}]})");
  auto config = LoadServerConfig(path);
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_TRUE(config->scim_tokens.has_value());
  ScimTokens tokens(*config->scim_tokens);
  EXPECT_EQ(std::optional<std::string>("entra"), tokens.Verify(token));
  EXPECT_FALSE(tokens.Verify(token + "x").has_value());
  EXPECT_FALSE(tokens.Verify("").has_value());
  const std::string text = Read(path);
  EXPECT_EQ(std::string::npos, text.find(token));
  EXPECT_NE(std::string::npos, text.find(ScimTokens::DigestHex(token)));
  auto again = LoadServerConfig(path);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(ScimTokens(*again->scim_tokens).Verify(token).has_value());

  for (const char* bad : {R"({"scimTokens": [{"name": "a", "token": "short"}]})",
                          R"({"scimTokens": [{"name": "a", "tokenSha256": "xyz"}]})",
                          R"({"scimTokens": [{"token": "k7Jq2vX9mP4sW8zR1tY6uB3nC5dE0fGhZZ"}]})",
                          R"({"scimTokens": [{"name": "a", "tokenSha256": "AAAA", "x": 1}]})",
                          R"({"scimTokens": {"name": "a"}})"}) {
    auto refused = LoadServerConfig(Write("bad.json", bad));
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_NE(std::string::npos, refused.status().message().find("scimTokens")) << bad;
  }
  // Without scimTokens the server uses DATA_DIR/scim-token (made once, mode 0600, then reused).
  EXPECT_FALSE(LoadServerConfig(Write("none.json", "{}"))->scim_tokens.has_value());
  bool created = false;
  auto made = ScimTokens::LoadOrCreateTokenFile(dir_ + "/data", &created);
  ASSERT_FALSE(made.ok());  // the folder does not exist: serve creates it first
  std::filesystem::create_directories(dir_ + "/data");
  made = ScimTokens::LoadOrCreateTokenFile(dir_ + "/data", &created);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_TRUE(created);
  const std::string file = dir_ + "/data/scim-token";
  EXPECT_EQ(std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
            std::filesystem::status(file).permissions());
  auto reread = ScimTokens::LoadOrCreateTokenFile(dir_ + "/data", &created);
  ASSERT_TRUE(reread.ok());
  EXPECT_FALSE(created);
  EXPECT_EQ(made->sha256_hex, reread->sha256_hex);
  EXPECT_TRUE(
      ScimTokens({*reread}).Verify(std::string(text::TrimAsciiSpace(Read(file)))).has_value());
}

}  // namespace
}  // namespace aic
