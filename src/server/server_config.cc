// Server settings and admin password hashing (config.h).
#include <sodium.h>

#include <filesystem>
#include <set>

#include "aws_iam_connector/config.h"

namespace aic {
namespace {

using ojson = nlohmann::ordered_json;

// Largest accepted worker thread count.
constexpr int kMaxServerThreads = 256;
// Largest REST body limit a configuration may set.
constexpr std::size_t kMaxRestBodyLimit = 64 * 1024 * 1024;

Status Problem(const std::string& file, std::string_view property, std::string_view problem) {
  return Status(ErrorCode::kConfiguration,
                file + ": " + std::string(property) + ": " + std::string(problem));
}

std::string Resolve(const std::string& base_dir, const std::string& p) {
  if (p.empty() || std::filesystem::path(p).is_absolute() || base_dir.empty()) return p;
  return (std::filesystem::path(base_dir) / p).lexically_normal().string();
}

}  // namespace

Result<std::string> HashPassword(const SecretString& password) {
  if (sodium_init() < 0) return Status(ErrorCode::kInternal, "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.Reveal().data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status(ErrorCode::kInternal, "password hashing failed (out of memory)");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string ServerConfig::KeyFilePath() const {
  if (!key_file.empty()) return key_file;
  return (std::filesystem::path(data_dir) / std::string(kKeyFileName)).string();
}

Result<ServerConfig> LoadServerConfig(const std::string& path) {
  auto text = ReadSmallFile(path, kMaxConfigFileBytes);
  if (!text.ok()) return text.status();
  ojson doc;
  bool changed = false;
  auto config = ParseServerConfig(*text, path, &doc, &changed);
  WipeString(*text);
  if (!config.ok()) return config.status();
  if (changed) {
    Status written = WriteFileAtomically(path, doc.dump(2) + "\n");
    if (!written.ok()) return Status(ErrorCode::kConfiguration, written.message());
  }
  return config;
}

Result<ServerConfig> ParseServerConfig(std::string_view text, const std::string& path,
                                       nlohmann::ordered_json* rewritten, bool* changed_out) {
  ojson& doc = *rewritten;
  try {
    doc = ojson::parse(text);
  } catch (const ojson::parse_error& e) {
    return Problem(path, "(document)", "malformed JSON at byte " + std::to_string(e.byte));
  } catch (const ojson::out_of_range&) {  // e.g. 1e999
    return Problem(path, "(document)", "malformed JSON: a number is out of range");
  }
  if (!doc.is_object()) return Problem(path, "(document)", "must be a JSON object");
  const std::string base = std::filesystem::path(path).parent_path().string();
  ServerConfig config;
  config.file = path;
  bool changed = false;
  auto need_string = [&](const std::string& key, const ojson& v) -> Result<std::string> {
    if (!v.is_string()) return Problem(path, key, "wrong type: must be a string");
    return v.get<std::string>();
  };
  for (auto item = doc.begin(); item != doc.end(); ++item) {
    const std::string key = item.key();
    ojson& value = item.value();
    if (key == "host") {
      auto s = need_string(key, value);
      if (!s.ok()) return s.status();
      if (s->empty()) return Problem(path, key, "must not be empty");
      config.host = *s;
    } else if (key == "port") {
      if (!value.is_number_integer()) return Problem(path, key, "wrong type: must be an integer");
      int p = value.get<int>();
      if (p < 0 || p > 65535) return Problem(path, key, "out of range (0..65535)");
      config.port = p;
    } else if (key == "threads") {
      if (!value.is_number_integer()) return Problem(path, key, "wrong type: must be an integer");
      int t = value.get<int>();
      if (t < 1 || t > kMaxServerThreads) return Problem(path, key, "out of range (1..256)");
      config.threads = t;
    } else if (key == "maxBodyBytes") {
      if (!value.is_number_unsigned()) return Problem(path, key, "wrong type: must be an integer");
      auto b = value.get<std::size_t>();
      if (b < 1024 || b > kMaxRestBodyLimit) return Problem(path, key, "out of range");
      config.max_body_bytes = b;
    } else if (key == "dataDir") {
      auto s = need_string(key, value);
      if (!s.ok()) return s.status();
      config.data_dir = Resolve(base, *s);
    } else if (key == "keyFile") {
      auto s = need_string(key, value);
      if (!s.ok()) return s.status();
      config.key_file = Resolve(base, *s);
    } else if (key == "tls") {
      if (!value.is_object()) return Problem(path, key, "wrong type: must be an object");
      for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string k = it.key();
        const ojson& v = it.value();
        if (k != "certFile" && k != "keyFile") return Problem(path, "tls." + k, "unknown property");
        auto s = need_string("tls." + k, v);
        if (!s.ok()) return s.status();
        (k == "certFile" ? config.tls_cert_file : config.tls_key_file) = Resolve(base, *s);
      }
      if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
        return Problem(path, "tls", "certFile and keyFile must be given together");
      }
    } else if (key == "connectors") {
      if (!value.is_array()) return Problem(path, key, "wrong type: must be an array of paths");
      for (const auto& v : value) {
        auto s = need_string(key, v);
        if (!s.ok()) return s.status();
        config.connector_files.push_back(Resolve(base, *s));
      }
    } else if (key == "adminUsers") {
      if (!value.is_array()) return Problem(path, key, "wrong type: must be an array");
      std::set<std::string> seen;
      for (std::size_t i = 0; i < value.size(); ++i) {
        ojson& u = value[i];
        const std::string where = "adminUsers[" + std::to_string(i) + "]";
        if (!u.is_object()) return Problem(path, where, "must be an object");
        AdminUser admin;
        for (auto it = u.begin(); it != u.end(); ++it) {
          const std::string k = it.key();
          const ojson& v = it.value();
          if (k != "username" && k != "password" && k != "passwordHash") {
            return Problem(path, where + "." + k, "unknown property");
          }
          if (!v.is_string()) return Problem(path, where + "." + k, "wrong type: must be a string");
        }
        if (!u.contains("username") || u["username"].get<std::string>().empty()) {
          return Problem(path, where + ".username", "missing required value");
        }
        admin.username = u["username"].get<std::string>();
        if (!seen.insert(admin.username).second) {
          return Problem(path, where + ".username", "duplicate user");
        }
        if (u.contains("password")) {
          SecretString plain(u["password"].get_ref<const std::string&>());
          WipeString(u["password"].get_ref<std::string&>());
          auto hash = HashPassword(plain);
          if (!hash.ok()) return Problem(path, where + ".password", hash.status().message());
          admin.password_hash = *hash;
          u.erase("password");
          u["passwordHash"] = *hash;
          changed = true;
        } else if (u.contains("passwordHash")) {
          admin.password_hash = u["passwordHash"].get<std::string>();
          if (admin.password_hash.rfind("$argon2", 0) != 0) {
            return Problem(path, where + ".passwordHash",
                           "not a libsodium crypto_pwhash_str hash ($argon2id$...)");
          }
        } else {
          return Problem(path, where + ".passwordHash", "missing required value");
        }
        config.admins.push_back(std::move(admin));
      }
    } else {
      return Problem(path, key, "unknown property");
    }
  }
  *changed_out = changed;
  return config;
}

}  // namespace aic
