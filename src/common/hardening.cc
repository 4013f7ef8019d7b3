#include "common/hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

namespace aic {

Status DisableCoreDumps() {
  rlimit none{0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0) {
    return Status(ErrorCode::kInternal,
                  std::string("setrlimit(RLIMIT_CORE, 0): ") + std::strerror(errno));
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Status(ErrorCode::kInternal,
                  std::string("prctl(PR_SET_DUMPABLE, 0): ") + std::strerror(errno));
  }
  return Status::Ok();
}

Status CreatePrivateDirectories(const std::string& path) {
  std::filesystem::path partial;
  for (const auto& part : std::filesystem::path(path).lexically_normal()) {
    partial /= part;
    if (part.empty() || part == "/" || part == "." || part == "..") continue;
    if (mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
      return Status(ErrorCode::kInternal,
                    "mkdir(" + partial.string() + "): " + std::strerror(errno));
    }
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    return Status(ErrorCode::kInternal, path + ": not a directory");
  }
  return Status::Ok();
}

}  // namespace aic
