// The SPEC section 3 chain: configuration, environment, shared file.
#include "aws_iam_connector/credentials_chain.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <utility>
#include <vector>

#include "credentials/credentials_source.h"

namespace aic {
namespace {

using credentials_internal::CredentialsSource;

// Tries each source in order; the first that has credentials wins and is remembered.
class ChainProvider : public CredentialsProvider {
 public:
  explicit ChainProvider(std::vector<std::unique_ptr<CredentialsSource>> sources)
      : sources_(std::move(sources)) {}

  Result<Credentials> Get() override {
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_) return *cached_;
    std::string checked;
    for (auto& source : sources_) {
      auto found = source->Lookup();
      if (!found.ok()) return found.status();
      if (found->has_value()) {
        spdlog::debug("AWS credentials: key id {} from {}", (*found)->access_key_id,
                      source->Describe());
        cached_ = std::move(*found);
        return *cached_;
      }
      if (!checked.empty()) checked += "; ";
      checked += source->Describe();
    }
    return Status(ErrorCode::kConfiguration,
                  fmt::format("no AWS credentials found (checked: {})", checked));
  }

 private:
  const std::vector<std::unique_ptr<CredentialsSource>> sources_;
  std::mutex mu_;
  std::optional<Credentials> cached_;
};

// One source, no caching of its own (the shared file source caches itself).
class SingleSourceProvider : public CredentialsProvider {
 public:
  explicit SingleSourceProvider(std::unique_ptr<CredentialsSource> source)
      : source_(std::move(source)) {}

  Result<Credentials> Get() override {
    auto found = source_->Lookup();
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return Status(ErrorCode::kConfiguration,
                    fmt::format("no AWS credentials found (checked: {})", source_->Describe()));
    }
    return std::move(**found);
  }

 private:
  const std::unique_ptr<CredentialsSource> source_;
};

}  // namespace

namespace credentials_internal {
std::shared_ptr<CredentialsProvider> MakeProviderFromSource(
    std::unique_ptr<CredentialsSource> source) {
  return std::make_shared<SingleSourceProvider>(std::move(source));
}
}  // namespace credentials_internal

std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChain(
    std::optional<Credentials> configured) {
  std::vector<std::unique_ptr<CredentialsSource>> sources;
  sources.push_back(credentials_internal::MakeConfigurationSource(
      configured ? std::move(*configured) : Credentials{}));
  sources.push_back(credentials_internal::MakeEnvironmentSource());
  sources.push_back(credentials_internal::MakeSharedFileSource("", ""));
  return std::make_shared<ChainProvider>(std::move(sources));
}

}  // namespace aic
