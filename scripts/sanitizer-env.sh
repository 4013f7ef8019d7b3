# Sourced by scripts/sanitize.sh and scripts/fuzz.sh: how sanitized binaries (and every child
# process they start: the CLI under the python tests, `serve`, the emulator) report.
# - halt_on_error / -fno-sanitize-recover: the first finding fails the test; nothing suppressed.
# - detect_leaks=1: LeakSanitizer runs at every normal exit, so a leak fails that test (a
#   process killed by a signal, e.g. the kill -9 tests, is not checked, which is right).
# - detect_stack_use_after_return, check_initialization_order/strict_init_order: cheap extra
#   ASan checks for dangling stack references and static-initialisation order bugs.
# - abort_on_error=0 keeps ASan's exit code (1) instead of SIGABRT, so the python tests see an
#   ordinary failure with the report on stderr.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=0:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:print_summary=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:print_summary=1"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:print_summary=1"
if command -v llvm-symbolizer-14 >/dev/null; then
  export LLVM_SYMBOLIZER_PATH="$(command -v llvm-symbolizer-14)"
  export ASAN_SYMBOLIZER_PATH="$LLVM_SYMBOLIZER_PATH"
fi
# One build at a time on a shared machine (no-op cost in CI).
aic_build() { flock "${AIC_BUILD_LOCK:-/tmp/aic-build.lock}" cmake --build "$@"; }
