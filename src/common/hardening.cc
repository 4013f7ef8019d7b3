#include "common/hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
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

}  // namespace aic
