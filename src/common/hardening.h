// Process hardening for processes that hold secrets (serve, test, import, script, emulator):
// their memory holds AWS secret keys, the key file's key, decrypted provisioner secrets and the
// emulator's secret access keys, so a core dump or a same-user debugger would expose them.
//
// DisableCoreDumps sets PR_SET_DUMPABLE to 0 (no core dump, no ptrace attach by same-uid
// processes, /proc/PID/mem and environ closed to them) and RLIMIT_CORE to 0 (soft and hard, so
// it cannot be raised again, and no core even if something restores dumpability).
//
// Errors: kInternal naming the call that failed (the caller refuses to start).
// Thread safety: call once at start, before other threads exist.
#pragma once

#include "aws_iam_connector/status.h"

namespace aic {

Status DisableCoreDumps();

}  // namespace aic
