#include "sigv4/botocore_peer.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace aic::sigv4::testing {
namespace {

// A fresh, unique temp file name (the file exists, empty).
std::string TempBase() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sigv4_peer_XXXXXX").string();
  int fd = mkstemp(pattern.data());
  if (fd >= 0) close(fd);
  return pattern;
}

}  // namespace

Result<HttpRequest> SignWithBotocore(const HttpRequest& request, const Credentials& credentials,
                                     std::string_view region, std::string_view service,
                                     std::string_view amz_date,
                                     std::optional<std::chrono::seconds> presign_expires) {
  nlohmann::json spec;
  spec["method"] = request.method;
  spec["url"] = request.url;
  spec["headers"] = nlohmann::json::array();
  for (const auto& h : request.headers) spec["headers"].push_back({h.name, h.value});
  spec["body"] = request.body;
  spec["access_key_id"] = credentials.access_key_id;
  spec["secret_access_key"] = std::string(credentials.secret_access_key.Reveal());
  spec["token"] = std::string(credentials.session_token.Reveal());
  spec["region"] = std::string(region);
  spec["service"] = std::string(service);
  spec["amz_date"] = std::string(amz_date);
  if (presign_expires) spec["presign_expires"] = presign_expires->count();

  std::string base = TempBase();
  std::filesystem::path in = base + ".in.json", out = base + ".out.json";
  std::ofstream(in) << spec.dump();
  std::string cmd = "python3 '" AIC_SOURCE_DIR "/src/sigv4/botocore_signer.py' < '" + in.string() +
                    "' > '" + out.string() + "'";
  int rc = std::system(cmd.c_str());
  std::ifstream result_file(out);
  std::stringstream ss;
  ss << result_file.rdbuf();
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  std::filesystem::remove(base);
  if (rc != 0) return Status(ErrorCode::kInternal, "botocore_signer.py failed");
  try {
    auto j = nlohmann::json::parse(ss.str());
    HttpRequest signed_request;
    signed_request.method = request.method;
    signed_request.url = j["url"].get<std::string>();
    signed_request.body = j["body"].get<std::string>();
    for (const auto& h : j["headers"]) {
      signed_request.headers.push_back({h[0].get<std::string>(), h[1].get<std::string>()});
    }
    return signed_request;
  } catch (const nlohmann::json::exception& e) {
    return Status(ErrorCode::kInternal, std::string("bad botocore_signer.py output: ") + e.what());
  }
}

}  // namespace aic::sigv4::testing
