// The shared credentials file source (~/.aws/credentials, AWS_SHARED_CREDENTIALS_FILE,
// AWS_PROFILE) and the public parser entry point.
#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "aws_iam_connector/credentials_chain.h"
#include "credentials/credentials_source.h"
#include "credentials/ini_parser.h"

namespace aic {
namespace {

using credentials_internal::IniFile;
using credentials_internal::IniSection;

std::string EnvOr(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return (v == nullptr || *v == '\0') ? std::move(fallback) : std::string(v);
}

std::string HomeDir() {
  std::string home = EnvOr("HOME", "");
  if (!home.empty()) return home;
  struct passwd pw;
  struct passwd* result = nullptr;
  std::vector<char> buf(16384);
  if (getpwuid_r(getuid(), &pw, buf.data(), buf.size(), &result) == 0 && result != nullptr) {
    return result->pw_dir;
  }
  return "";
}

// "~" and "~/..." become the home directory, as the AWS CLI's os.path.expanduser does.
std::string ExpandUser(std::string_view path) {
  if (path.empty() || path.front() != '~') return std::string(path);
  if (path.size() == 1 || path[1] == '/') return HomeDir() + std::string(path.substr(1));
  return std::string(path);
}

const SecretString* Find(const IniSection& section, std::string_view key) {
  auto it = section.find(key);
  return it == section.end() ? nullptr : &it->second;
}

// Credentials of one parsed profile, nullopt when it has no aws_access_key_id.
Result<std::optional<Credentials>> FromSection(const IniSection& section, std::string_view profile,
                                               std::string_view file_name) {
  const SecretString* key_id = Find(section, "aws_access_key_id");
  const SecretString* secret = Find(section, "aws_secret_access_key");
  if (key_id == nullptr || key_id->empty()) {
    if (secret != nullptr && !secret->empty()) {
      return Status(ErrorCode::kConfiguration,
                    fmt::format("{} profile [{}]: aws_secret_access_key without aws_access_key_id",
                                file_name, profile));
    }
    return std::optional<Credentials>();
  }
  if (secret == nullptr || secret->empty()) {
    return Status(ErrorCode::kConfiguration,
                  fmt::format("{} profile [{}]: aws_access_key_id without aws_secret_access_key",
                              file_name, profile));
  }
  Credentials c;
  c.access_key_id = std::string(key_id->Reveal());
  c.secret_access_key = *secret;
  const SecretString* token = Find(section, "aws_session_token");
  if (token == nullptr || token->empty()) token = Find(section, "aws_security_token");
  if (token != nullptr) c.session_token = *token;
  return std::optional<Credentials>(std::move(c));
}

// Reads a whole file of at most kMaxSharedCredentialsFileBytes into a secret. nullopt when the
// file does not exist.
Result<std::optional<SecretString>> ReadFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR) return std::optional<SecretString>();
    return Status(
        ErrorCode::kConfiguration,
        fmt::format("cannot read shared credentials file {}: {}", path, std::strerror(err)));
  }
  std::string content;
  char buf[4096];
  bool too_big = false;
  bool failed = false;
  for (;;) {
    std::size_t n = std::fread(buf, 1, sizeof buf, f);
    content.append(buf, n);
    if (content.size() > kMaxSharedCredentialsFileBytes) {
      too_big = true;
      break;
    }
    if (n < sizeof buf) {
      failed = std::ferror(f) != 0;
      break;
    }
  }
  std::fclose(f);
  SecretString secret(content);
  WipeString(content);
  std::memset(buf, 0, sizeof buf);
  if (too_big) {
    return Status(ErrorCode::kConfiguration,
                  fmt::format("shared credentials file {} is larger than {} bytes", path,
                              kMaxSharedCredentialsFileBytes));
  }
  if (failed) {
    return Status(ErrorCode::kConfiguration,
                  fmt::format("cannot read shared credentials file {}", path));
  }
  return std::optional<SecretString>(std::move(secret));
}

class SharedFileSource : public credentials_internal::CredentialsSource {
 public:
  SharedFileSource(std::string path, std::string profile) {
    path_ = ExpandUser(path.empty() ? EnvOr("AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials")
                                    : path);
    explicit_profile_ = !profile.empty() || !EnvOr("AWS_PROFILE", "").empty();
    if (profile.empty()) profile = EnvOr("AWS_PROFILE", std::string(kDefaultProfileName));
    profile_ = std::move(profile);
  }

  std::string Describe() const override {
    return fmt::format("shared credentials file {} profile [{}]", path_, profile_);
  }

  Result<std::optional<Credentials>> Lookup() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_) return cached_;
    auto content = ReadFile(path_);
    if (!content.ok()) return content.status();
    if (!content->has_value()) return std::optional<Credentials>();
    auto ini = credentials_internal::ParseIni((*content)->Reveal(), path_);
    if (!ini.ok()) {
      return Status(ErrorCode::kConfiguration,
                    fmt::format("malformed shared credentials file (reading profile [{}]): {}",
                                profile_, ini.status().message()));
    }
    auto section = ini->find(profile_);
    if (section == ini->end()) {
      if (explicit_profile_) {
        return Status(
            ErrorCode::kConfiguration,
            fmt::format("profile [{}] not found in shared credentials file {}", profile_, path_));
      }
      return std::optional<Credentials>();
    }
    auto found = FromSection(section->second, profile_, path_);
    if (found.ok() && found->has_value()) cached_ = *found;
    return found;
  }

 private:
  std::string path_;
  std::string profile_;
  bool explicit_profile_ = false;
  std::mutex mu_;
  std::optional<Credentials> cached_;
};

}  // namespace

Result<std::optional<Credentials>> ParseSharedCredentialsFile(std::string_view content,
                                                              std::string_view profile,
                                                              std::string_view file_name) {
  auto ini = credentials_internal::ParseIni(content, file_name);
  if (!ini.ok()) return ini.status();
  auto section = ini->find(profile);
  if (section == ini->end()) return std::optional<Credentials>();
  return FromSection(section->second, profile, file_name);
}

namespace credentials_internal {
std::unique_ptr<CredentialsSource> MakeSharedFileSource(std::string path, std::string profile) {
  return std::make_unique<SharedFileSource>(std::move(path), std::move(profile));
}
}  // namespace credentials_internal

std::shared_ptr<CredentialsProvider> MakeSharedFileCredentialsProvider(std::string path,
                                                                       std::string profile) {
  return credentials_internal::MakeProviderFromSource(
      credentials_internal::MakeSharedFileSource(std::move(path), std::move(profile)));
}

}  // namespace aic
