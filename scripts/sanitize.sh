#!/usr/bin/env bash
# Builds and runs the tests under sanitizers (clang-14; see cmake/AicSanitizers.cmake).
#   scripts/sanitize.sh asan [--build-only]  AddressSanitizer + UndefinedBehaviorSanitizer: the
#       whole test suite (CTest) in build-asan, which also holds the fuzz targets (AIC_FUZZ) so
#       one build serves both; CTest replays each fuzz target's seed corpus.
#   scripts/sanitize.sh tsan [--build-only]  ThreadSanitizer: only the test programs with
#       concurrency (TSAN_TESTS below), in build-tsan.
# Both use CMAKE_BUILD_TYPE=Sanitize (-O1, line tables only) and no benchmarks. Any sanitizer
# report fails the run (see scripts/sanitizer-env.sh). Extra arguments go to ctest (asan).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitizer-env.sh
source scripts/compiler-cache.sh
MODE=${1:?usage: scripts/sanitize.sh asan|tsan [--build-only] [ctest args...]}
shift
BUILD_ONLY=0
if [[ "${1:-}" == "--build-only" ]]; then BUILD_ONLY=1; shift; fi

# The test programs that run threads. CI (default): transport (pool, connection limits, rate
# limiter), credentials (single-flight AssumeRole refresh), http_server (several workers) and
# the IAM client's concurrent calls -- the set that fits CI's 50 minutes. AIC_TSAN_TESTS
# overrides it; the full set (nightly / before a release) adds credentials_chain_test
# emulator_unit_test emulator_front_test connector_budget_test script_connector_test
# test_support_test (emulator concurrency, the connector's concurrent reads, scripts beside
# scripts; about 4 more minutes of build).
read -r -a TSAN_TESTS <<<"${AIC_TSAN_TESTS:-http_server_test transport_unit_test curl_transport_test credentials_unit_test credentials_sts_test iam_stub_test query_client_async_test}"

configure() {  # configure DIR SANITIZERS [cmake args...]
  local dir=$1 sanitizers=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Sanitize \
    -DAIC_SANITIZE="$sanitizers" -DAIC_BUILD_BENCH=OFF "${AIC_CMAKE_LAUNCHER[@]}" "$@" >/dev/null
}

case "$MODE" in
  asan)
    BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
    configure "$BUILD_DIR" address,undefined -DAIC_FUZZ=ON
    aic_build "$BUILD_DIR" -j "$(nproc)"
    ((BUILD_ONLY)) && exit 0
    cd "$BUILD_DIR"
    # Left out: moto_accept_* (boto3 and the aws CLI against moto: no instrumented code), and
    # the moto variants of the connector and IAM client suites (Moto*, IamMotoTest: the same
    # C++ paths the emulator runs cover; moto's server makes them 30% of the suite's time).
    ctest --output-on-failure -j "$(nproc)" --timeout 900 \
      -E '^moto_accept_|^Moto[A-Za-z]*Test\.|^IamMotoTest\.' "$@"
    ;;
  tsan)
    BUILD_DIR=${TSAN_BUILD_DIR:-build-tsan}
    configure "$BUILD_DIR" thread
    aic_build "$BUILD_DIR" -j "$(nproc)" --target "${TSAN_TESTS[@]}"
    ((BUILD_ONLY)) && exit 0
    BUILD_DIR=$(cd "$BUILD_DIR" && pwd)  # the programs run from their own folders below
    failed=()
    for t in "${TSAN_TESTS[@]}"; do
      bin=$(find "$BUILD_DIR" -type f -name "$t" -perm -u+x | head -n 1)
      echo "=== $t (ThreadSanitizer)"
      if ! (cd "$(dirname "$bin")" && timeout 900 "$bin" --gtest_brief=1); then failed+=("$t"); fi
    done
    if ((${#failed[@]})); then
      echo "ThreadSanitizer run failed: ${failed[*]}" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: scripts/sanitize.sh asan|tsan [--build-only] [ctest args...]" >&2
    exit 2
    ;;
esac
