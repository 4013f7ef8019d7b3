// ScimTokens: the bearer tokens the SCIM API accepts (SPEC 10), kept only as SHA-256 digests.
// A token is a long random secret, not a password: a fast digest compared in constant time is
// enough (Argon2 would only slow every request down). Sources:
//   - the server file's "scimTokens": [{"name": "entra-id", "tokenSha256": "HEX"}] (a plain
//     "token" is replaced by its digest and the file rewritten, as admin passwords are);
//   - with no "scimTokens" in the configuration: DATA_DIR/scim-token, created on first start
//     with kGeneratedTokenBytes random bytes (base64url) and mode 0600; its path is logged,
//     never its content.
//
// Thread safety: immutable after construction; Verify may be called from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws_iam_connector/status.h"

namespace aic {

inline constexpr std::string_view kScimTokenFileName = "scim-token";
inline constexpr std::size_t kGeneratedTokenBytes = 32;
// Plain tokens in a server file shorter than this are refused.
inline constexpr std::size_t kMinScimTokenLength = 32;

struct ScimTokenEntry {
  std::string name;
  std::string sha256_hex;  // lowercase hex of SHA-256(token)
};

class ScimTokens {
 public:
  ScimTokens() = default;
  explicit ScimTokens(std::vector<ScimTokenEntry> entries) : entries_(std::move(entries)) {}

  // The name of the entry `token` matches, or nullopt. Every entry is compared (constant time).
  std::optional<std::string> Verify(std::string_view token) const;
  bool empty() const { return entries_.empty(); }

  static std::string DigestHex(std::string_view token);
  // Reads DATA_DIR/scim-token, or creates it; `*created` says which. kConfiguration naming the
  // file when it cannot be read or written, or holds less than kMinScimTokenLength characters.
  static Result<ScimTokenEntry> LoadOrCreateTokenFile(const std::string& data_dir, bool* created);

 private:
  std::vector<ScimTokenEntry> entries_;
};

}  // namespace aic
