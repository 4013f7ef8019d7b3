#include "server/scim/scim_tokens.h"

#include <sodium.h>

#include <filesystem>

#include "aws_iam_connector/secret_string.h"
#include "common/text_codec.h"
#include "server/config.h"

namespace aic {

std::string ScimTokens::DigestHex(std::string_view token) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return text::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::optional<std::string> ScimTokens::Verify(std::string_view token) const {
  if (token.empty()) return std::nullopt;
  const std::string digest = DigestHex(token);
  std::optional<std::string> match;
  for (const ScimTokenEntry& e : entries_) {
    if (e.sha256_hex.size() == digest.size() &&
        sodium_memcmp(e.sha256_hex.data(), digest.data(), digest.size()) == 0 && !match) {
      match = e.name;
    }
  }
  return match;
}

Result<ScimTokenEntry> ScimTokens::LoadOrCreateTokenFile(const std::string& data_dir,
                                                         bool* created) {
  const std::string path = (std::filesystem::path(data_dir) / kScimTokenFileName).string();
  *created = false;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    unsigned char bytes[kGeneratedTokenBytes];
    randombytes_buf(bytes, sizeof bytes);
    std::string token =
        text::Base64Encode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes),
                           text::Base64Variant::kUrlNoPadding);
    sodium_memzero(bytes, sizeof bytes);
    Status written = WriteFileAtomically(path, token + "\n", 0600);
    ScimTokenEntry entry{"scim-token", DigestHex(token)};
    WipeString(token);
    if (!written.ok()) return Status(ErrorCode::kConfiguration, written.message());
    *created = true;
    return entry;
  }
  auto text = ReadSmallFile(path, 4096);
  if (!text.ok()) return text.status();
  std::string token(text::TrimAsciiSpace(*text));
  WipeString(*text);
  if (token.size() < kMinScimTokenLength) {
    WipeString(token);
    return Status(ErrorCode::kConfiguration, path + ": the SCIM token must be at least " +
                                                 std::to_string(kMinScimTokenLength) +
                                                 " characters");
  }
  ScimTokenEntry entry{"scim-token", DigestHex(token)};
  WipeString(token);
  return entry;
}

}  // namespace aic
