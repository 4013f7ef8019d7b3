// SecretBox, atomic file writes and small-file reads (config.h).
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/hardening.h"
#include "common/text_codec.h"
#include "server/config.h"

namespace aic {
namespace {

using json = nlohmann::json;

constexpr std::string_view kCryptoType = "x-simple-encryption";
constexpr std::string_view kCipherName = "xsalsa20poly1305";
// Largest ciphertext accepted in an envelope (secrets are short).
constexpr std::size_t kMaxEnvelopeDataBytes = 16 * 1024;

Status ConfigError(const std::string& file, std::string_view problem) {
  return Status(ErrorCode::kConfiguration, file + ": " + std::string(problem));
}

// fsync of the folder holding `path`, so a rename or link into it survives a crash.
bool SyncParentDir(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().string();
  if (dir.empty()) dir = ".";
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// A temp file beside `path` (mode 0600) holding `content`, written and fsynced; its name, or
// "" on failure (nothing left behind).
std::string WriteTempFile(const std::string& path, std::string_view content, unsigned int mode) {
  std::string tmp = path + ".tmp.XXXXXX";
  int fd = ::mkstemp(tmp.data());  // mode 0600
  if (fd < 0) return {};
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t written = 0;
  while (ok && written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n <= 0)
      ok = false;
    else
      written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    ::unlink(tmp.c_str());
    return {};
  }
  return tmp;
}

}  // namespace

SecretBox::SecretBox(std::string key) : key_(std::move(key)) {}

SecretBox::~SecretBox() { WipeString(key_); }

Result<std::shared_ptr<const SecretBox>> SecretBox::Open(const std::string& key_file) {
  if (sodium_init() < 0) return Status(ErrorCode::kInternal, "libsodium failed to initialise");
  struct stat st {};
  if (::stat(key_file.c_str(), &st) != 0) {
    if (errno != ENOENT)
      return ConfigError(key_file, std::string("key file: ") + std::strerror(errno));
    auto parent = std::filesystem::path(key_file).parent_path();
    if (!parent.empty()) {
      Status made = CreatePrivateDirectories(parent.string());  // 0700 when we create it
      if (!made.ok())
        return ConfigError(key_file, "key file: cannot create its folder: " + made.message());
    }
    std::string key(crypto_secretbox_KEYBYTES, '\0');
    randombytes_buf(key.data(), key.size());
    // Durable and never torn: written whole to a 0600 temp file, fsynced, linked into place
    // (link fails if another process created the key meanwhile: then that key is used), and
    // the folder fsynced before any secret is encrypted under the key.
    std::string encoded = text::Base64Encode(key);
    encoded += '\n';
    std::string tmp = WriteTempFile(key_file, encoded, 0600);
    WipeString(encoded);
    if (tmp.empty()) {
      WipeString(key);
      return ConfigError(key_file, "key file: cannot create: write failed");
    }
    bool linked = ::link(tmp.c_str(), key_file.c_str()) == 0;
    int link_errno = errno;
    if (!linked && link_errno != EEXIST && ::access(key_file.c_str(), F_OK) != 0) {
      // Filesystems without hard links: rename (a concurrent creator could lose its key, so
      // this is only the fallback).
      linked = ::rename(tmp.c_str(), key_file.c_str()) == 0;
      link_errno = errno;
    }
    ::unlink(tmp.c_str());
    if (!linked) {
      WipeString(key);
      if (link_errno == EEXIST) return Open(key_file);
      return ConfigError(key_file,
                         std::string("key file: cannot create: ") + std::strerror(link_errno));
    }
    if (!SyncParentDir(key_file)) {
      WipeString(key);
      return ConfigError(key_file, "key file: cannot sync its folder");
    }
    return std::shared_ptr<const SecretBox>(std::make_shared<SecretBox>(std::move(key)));
  }
  if ((st.st_mode & 077) != 0) {
    return ConfigError(key_file, "key file: readable by group or others (must be mode 0600)");
  }
  auto text = ReadSmallFile(key_file, 1024);
  if (!text.ok()) return ConfigError(key_file, "key file: unreadable");
  std::string trimmed = *text;
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
    trimmed.pop_back();
  }
  std::optional<std::string> key = text::Base64Decode(trimmed);
  WipeString(trimmed);
  WipeString(*text);
  if (!key || key->size() != crypto_secretbox_KEYBYTES) {
    if (key) WipeString(*key);
    return ConfigError(key_file, "key file: malformed (expected a base64 32-byte key)");
  }
  return std::shared_ptr<const SecretBox>(std::make_shared<SecretBox>(std::move(*key)));
}

json SecretBox::Encrypt(const SecretString& plain) const {
  unsigned char nonce[crypto_secretbox_NONCEBYTES];
  randombytes_buf(nonce, sizeof nonce);
  std::string cipher(plain.size() + crypto_secretbox_MACBYTES, '\0');
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(cipher.data()),
                        reinterpret_cast<const unsigned char*>(plain.Reveal().data()), plain.size(),
                        nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  const std::string_view nonce_bytes(reinterpret_cast<const char*>(nonce), sizeof nonce);
  json value = {{"cipher", kCipherName},
                {"nonce", text::Base64Encode(nonce_bytes)},
                {"data", text::Base64Encode(cipher)}};
  return json{{std::string(kCryptoKey), {{"type", kCryptoType}, {"value", value}}}};
}

bool SecretBox::IsEnvelope(const json& value) {
  return value.is_object() && value.size() == 1 && value.contains(std::string(kCryptoKey));
}

Result<SecretString> SecretBox::Decrypt(const json& envelope) const {
  const Status bad(ErrorCode::kConfiguration, "malformed $crypto envelope");
  if (!IsEnvelope(envelope)) return bad;
  const json& crypto = envelope.at(std::string(kCryptoKey));
  if (!crypto.is_object() || !crypto.contains("value") || !crypto["value"].is_object()) return bad;
  const json& v = crypto["value"];
  if (!v.contains("nonce") || !v["nonce"].is_string() || !v.contains("data") ||
      !v["data"].is_string() || v.value("cipher", "") != kCipherName) {
    return bad;
  }
  std::optional<std::string> nonce = text::Base64Decode(v["nonce"].get<std::string>());
  if (!nonce || nonce->size() != crypto_secretbox_NONCEBYTES) return bad;
  std::optional<std::string> data = text::Base64Decode(v["data"].get<std::string>());
  if (!data || data->size() < crypto_secretbox_MACBYTES || data->size() > kMaxEnvelopeDataBytes) {
    return bad;
  }
  std::string plain(data->size() - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 reinterpret_cast<const unsigned char*>(data->data()), data->size(),
                                 reinterpret_cast<const unsigned char*>(nonce->data()),
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0) {
    return Status(ErrorCode::kConfiguration, "cannot decrypt (encrypted under another key file?)");
  }
  SecretString secret(plain);
  WipeString(plain);
  return secret;
}

Status WriteFileAtomically(const std::string& path, std::string_view content, unsigned int mode) {
  // The files rewritten hold encrypted secrets or password hashes: never group/other readable,
  // whatever the old file's mode was.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) mode = st.st_mode & 0700;
  mode &= 0700;
  std::string tmp = WriteTempFile(path, content, mode);
  if (tmp.empty()) return Status(ErrorCode::kInternal, path + ": cannot write a temporary file");
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status(ErrorCode::kInternal, path + ": cannot rewrite the file");
  }
  if (!SyncParentDir(path)) return Status(ErrorCode::kInternal, path + ": cannot sync its folder");
  return Status::Ok();
}

Result<std::string> ReadSmallFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(ErrorCode::kConfiguration, path + ": cannot read the file");
  std::string data;
  data.resize(max_bytes + 1);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (data.size() > max_bytes) {
    return Status(ErrorCode::kConfiguration,
                  path + ": file larger than " + std::to_string(max_bytes) + " bytes");
  }
  return data;
}

}  // namespace aic
