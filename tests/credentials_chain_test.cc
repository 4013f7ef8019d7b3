// The SPEC section 3 credentials chain with real environment variables and real files:
// configuration, then AWS_* environment variables, then the shared credentials file/profile.
#include "aws_iam_connector/credentials_chain.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "aws_iam_connector/credentials_factory.h"
#include "support/child_process.h"

namespace aic {
namespace {

constexpr const char* kManagedVars[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                        "AWS_SESSION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE",
                                        "AWS_PROFILE",       "HOME"};

// Saves the AWS variables and HOME, clears them, points HOME at an empty temp dir, and
// restores everything afterwards.
class ChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* name : kManagedVars) {
      const char* v = std::getenv(name);
      saved_[name] = v ? std::optional<std::string>(v) : std::nullopt;
      unsetenv(name);
    }
    setenv("HOME", home_.path().c_str(), 1);
  }
  void TearDown() override {
    for (const auto& [name, value] : saved_) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  }
  std::string Write(const std::string& relative, const std::string& text) {
    std::string path = home_.path() + "/" + relative;
    std::string dir = path.substr(0, path.rfind('/'));
    mkdir(dir.c_str(), 0700);
    std::ofstream(path) << text;
    return path;
  }
  static Credentials Configured(std::string id, std::string secret) {
    Credentials c;
    c.access_key_id = std::move(id);
    c.secret_access_key = SecretString(secret);
    return c;
  }

  testing::TempDir home_;
  std::map<std::string, std::optional<std::string>> saved_;
};

constexpr char kHomeFile[] =
    "[default]\n"
    "aws_access_key_id = AKIDFILEDEFAULT\n"
    "aws_secret_access_key = FileDefaultSecret\n"
    "\n"
    "[dev]\n"
    "aws_access_key_id = AKIDFILEDEV\n"
    "aws_secret_access_key = FileDevSecret\n"
    "aws_session_token = FileDevToken\n";

TEST_F(ChainTest, ConfigurationBeatsEnvironmentBeatsFile) {
  Write(".aws/credentials", kHomeFile);
  setenv("AWS_ACCESS_KEY_ID", "AKIDENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "EnvSecret", 1);
  setenv("AWS_SESSION_TOKEN", "EnvToken", 1);

  auto configured = MakeDefaultCredentialsChain(Configured("AKIDCONF", "ConfSecret"))->Get();
  ASSERT_TRUE(configured.ok()) << configured.status().ToString();
  EXPECT_EQ(configured->access_key_id, "AKIDCONF");
  EXPECT_TRUE(configured->secret_access_key.Equals("ConfSecret"));
  EXPECT_TRUE(configured->session_token.empty());

  auto env = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  EXPECT_EQ(env->access_key_id, "AKIDENV");
  EXPECT_TRUE(env->secret_access_key.Equals("EnvSecret"));
  EXPECT_TRUE(env->session_token.Equals("EnvToken"));

  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_SECRET_ACCESS_KEY");
  unsetenv("AWS_SESSION_TOKEN");
  auto file = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->access_key_id, "AKIDFILEDEFAULT");
  EXPECT_TRUE(file->secret_access_key.Equals("FileDefaultSecret"));
}

TEST_F(ChainTest, EmptyConfigurationAndEmptyVariablesCountAsUnset) {
  Write(".aws/credentials", kHomeFile);
  setenv("AWS_ACCESS_KEY_ID", "", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "", 1);
  auto c = MakeDefaultCredentialsChain(Credentials{})->Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDFILEDEFAULT");
}

TEST_F(ChainTest, AwsProfileAndSharedCredentialsFileVariables) {
  Write(".aws/credentials", kHomeFile);
  setenv("AWS_PROFILE", "dev", 1);
  auto dev = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_TRUE(dev.ok()) << dev.status().ToString();
  EXPECT_EQ(dev->access_key_id, "AKIDFILEDEV");
  EXPECT_TRUE(dev->session_token.Equals("FileDevToken"));

  std::string other = Write("elsewhere/creds",
                            "# custom file\n[dev]\naws_access_key_id=AKIDOTHER\n"
                            "aws_secret_access_key=OtherSecret\n");
  setenv("AWS_SHARED_CREDENTIALS_FILE", other.c_str(), 1);
  auto moved = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->access_key_id, "AKIDOTHER");

  // Explicit path and profile arguments win over the variables.
  auto explicit_args =
      MakeSharedFileCredentialsProvider(home_.path() + "/.aws/credentials", "default")->Get();
  ASSERT_TRUE(explicit_args.ok());
  EXPECT_EQ(explicit_args->access_key_id, "AKIDFILEDEFAULT");
}

TEST_F(ChainTest, NothingFoundListsWhatWasChecked) {
  auto c = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), ErrorCode::kConfiguration);
  const std::string& m = c.status().message();
  EXPECT_EQ(m.rfind("no AWS credentials found (checked: ", 0), 0u) << m;
  EXPECT_NE(m.find("configuration"), std::string::npos) << m;
  EXPECT_NE(m.find("AWS_ACCESS_KEY_ID"), std::string::npos) << m;
  EXPECT_NE(m.find(home_.path() + "/.aws/credentials"), std::string::npos) << m;
  EXPECT_NE(m.find("[default]"), std::string::npos) << m;

  // A default profile without keys also means "not here".
  Write(".aws/credentials", "[default]\nregion = us-east-1\n");
  EXPECT_EQ(MakeDefaultCredentialsChain(std::nullopt)->Get().status().code(),
            ErrorCode::kConfiguration);
  EXPECT_EQ(MakeEnvironmentCredentialsProvider()->Get().status().code(), ErrorCode::kConfiguration);
}

TEST_F(ChainTest, BrokenSourcesStopTheChainWithoutLeakingValues) {
  // Half of a key pair in the environment.
  setenv("AWS_ACCESS_KEY_ID", "AKIDHALFENV", 1);
  auto half_env = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(half_env.ok());
  EXPECT_NE(half_env.status().message().find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
  unsetenv("AWS_ACCESS_KEY_ID");
  setenv("AWS_SECRET_ACCESS_KEY", "EnvOnlySecretValue", 1);
  auto half_secret = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(half_secret.ok());
  EXPECT_EQ(half_secret.status().message().find("EnvOnlySecretValue"), std::string::npos);
  unsetenv("AWS_SECRET_ACCESS_KEY");

  // Half of a key pair in the configuration.
  Credentials half;
  half.access_key_id = "AKIDCONF";
  EXPECT_EQ(MakeDefaultCredentialsChain(half)->Get().status().code(), ErrorCode::kConfiguration);

  // A malformed file: the message names the file and line, not the text.
  std::string path = Write(".aws/credentials",
                           "[default]\naws_access_key_id = AKIDX\n"
                           "aws_secret_access_key FileSecretNoDelimiter\n");
  auto bad = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kConfiguration);
  EXPECT_NE(bad.status().message().find(path + " line 3"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("profile [default]"), std::string::npos)
      << bad.status().message();
  EXPECT_EQ(bad.status().message().find("FileSecretNoDelimiter"), std::string::npos);

  // A profile with a key id but no secret names the file and profile.
  Write(".aws/credentials", "[default]\naws_access_key_id = AKIDX\n");
  auto no_secret = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(no_secret.ok());
  EXPECT_NE(no_secret.status().message().find("[default]"), std::string::npos);
  EXPECT_NE(no_secret.status().message().find(path), std::string::npos);

  // A profile asked for by AWS_PROFILE that the file lacks.
  Write(".aws/credentials", kHomeFile);
  setenv("AWS_PROFILE", "prod", 1);
  auto missing = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("profile [prod] not found in shared credentials file " +
                                            path),
            std::string::npos)
      << missing.status().message();
}

TEST_F(ChainTest, UnreadableOrHugeFileIsAConfigurationError) {
  std::string dir = home_.path() + "/.aws/credentials";
  mkdir((home_.path() + "/.aws").c_str(), 0700);
  mkdir(dir.c_str(), 0700);  // a directory where the file should be
  auto as_dir = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(as_dir.ok());
  EXPECT_NE(as_dir.status().message().find(dir), std::string::npos) << as_dir.status().message();
  rmdir(dir.c_str());

  std::string big = "[default]\naws_access_key_id = AKIDBIG\naws_secret_access_key = S\n";
  big += "# " + std::string(kMaxSharedCredentialsFileBytes, 'x') + "\n";
  Write(".aws/credentials", big);
  auto huge = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("larger than"), std::string::npos);
}

TEST_F(ChainTest, FactoryWithoutRoleArnUsesTheChainDirectly) {
  CredentialsSettings settings;
  settings.access_key_id = "AKIDCONF";
  settings.secret_key = SecretString("ConfSecret");
  auto setup = MakeCredentialsSetup(settings, nullptr);
  ASSERT_TRUE(setup.ok()) << setup.status().ToString();
  EXPECT_EQ(setup->provider, setup->base);
  EXPECT_EQ(setup->assume_role, nullptr);
  EXPECT_EQ(setup->provider->Get()->access_key_id, "AKIDCONF");

  settings.secret_key.Clear();
  EXPECT_EQ(MakeCredentialsSetup(settings, nullptr).status().code(), ErrorCode::kConfiguration);

  settings.secret_key = SecretString("ConfSecret");
  settings.assume_role.role_arn = "arn:aws:iam::123:role/short-account";
  auto bad_arn = MakeCredentialsSetup(settings, nullptr);
  EXPECT_EQ(bad_arn.status().code(), ErrorCode::kConfiguration);
  EXPECT_NE(bad_arn.status().message().find("roleArn"), std::string::npos);
}

TEST_F(ChainTest, SecretsNeverReachLogsOrErrors) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_level(spdlog::level::trace);
  spdlog::set_default_logger(logger);

  std::vector<std::string> messages;
  setenv("AWS_ACCESS_KEY_ID", "AKIDLOGENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "EnvSecretForLogTest", 1);
  setenv("AWS_SESSION_TOKEN", "EnvTokenForLogTest", 1);
  auto env = MakeDefaultCredentialsChain(std::nullopt)->Get();
  ASSERT_TRUE(env.ok());
  spdlog::info("resolved {} {}", env->secret_access_key, env->session_token);
  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_SECRET_ACCESS_KEY");
  unsetenv("AWS_SESSION_TOKEN");
  Write(".aws/credentials",
        "[default]\naws_access_key_id=AKIDLOGFILE\naws_secret_access_key=FileSecretForLogTest\n"
        "aws_session_token=FileTokenForLogTest\n");
  ASSERT_TRUE(MakeDefaultCredentialsChain(std::nullopt)->Get().ok());
  Write(".aws/credentials",
        "[default]\naws_secret_access_key=FileSecretForLogTest\n"
        "aws_session_token FileTokenForLogTest\n");
  messages.push_back(MakeDefaultCredentialsChain(std::nullopt)->Get().status().ToString());
  Write(".aws/credentials", "[default]\naws_secret_access_key=FileSecretForLogTest\n");
  messages.push_back(MakeDefaultCredentialsChain(std::nullopt)->Get().status().ToString());
  spdlog::set_default_logger(previous);

  std::string text = captured.str();
  EXPECT_NE(text.find("AKIDLOGENV"), std::string::npos);  // the capture works
  EXPECT_NE(text.find("AKIDLOGFILE"), std::string::npos);
  EXPECT_NE(messages[0].find("line 3"), std::string::npos) << messages[0];
  EXPECT_NE(messages[1].find("without aws_access_key_id"), std::string::npos) << messages[1];
  for (const char* secret : {"EnvSecretForLogTest", "EnvTokenForLogTest", "FileSecretForLogTest",
                             "FileTokenForLogTest"}) {
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    for (const auto& m : messages) EXPECT_EQ(m.find(secret), std::string::npos) << m;
  }
}

TEST_F(ChainTest, ConcurrentFirstGetIsSafe) {
  Write(".aws/credentials", kHomeFile);
  auto chain = MakeDefaultCredentialsChain(std::nullopt);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 100; ++j) {
        auto c = chain->Get();
        if (c.ok() && c->access_key_id == "AKIDFILEDEFAULT") ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1600);
}

}  // namespace
}  // namespace aic
