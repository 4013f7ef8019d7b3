// Process hardening for processes that hold secrets (serve, test, import, script, emulator):
// their memory holds AWS secret keys, the key file's key, decrypted provisioner secrets and the
// emulator's secret access keys, so a core dump or a same-user debugger would expose them.
//
// DisableCoreDumps sets PR_SET_DUMPABLE to 0 (no core dump, no ptrace attach by same-uid
// processes, /proc/PID/mem and environ closed to them) and RLIMIT_CORE to 0 (soft and hard, so
// it cannot be raised again, and no core even if something restores dumpability).
//
// CreatePrivateDirectories creates `path` and any missing parent with mode 0700 (owner only), for
// the data directory and the key file's folder; folders that exist already are left as they are.
//
// Errors: kInternal naming the call that failed (the caller refuses to start).
// Thread safety: call once at start, before other threads exist.
#pragma once

#include <string>

#include "aws_iam_connector/status.h"

namespace aic {

Status DisableCoreDumps();
Status CreatePrivateDirectories(const std::string& path);

}  // namespace aic
