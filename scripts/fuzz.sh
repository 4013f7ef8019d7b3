#!/usr/bin/env bash
# Runs libFuzzer targets (fuzz/) for a fixed time and prints, per target, the executions, the
# coverage (cov: edges, ft: features) and the crashes found.
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer flags...]   one target, e.g. query_filter 3600
#   scripts/fuzz.sh all SECONDS [libFuzzer flags...]      every target in turn (CI: 10 s each)
#   scripts/fuzz.sh list                                  the target names
# The targets are built in the ASan+UBSan dir (build-asan, as scripts/sanitize.sh asan does).
# Corpora: new inputs go to build-asan/fuzz/work/TARGET (kept between runs); the committed
# seeds fuzz/corpus/TARGET and, where they fit, files of ../shared/testdata are read as extra
# corpora and never written. A crashing input is saved as build-asan/fuzz/artifacts/TARGET/*;
# reproduce it with: build-asan/fuzz/TARGET_fuzzer FILE. The run of a target stops at its first
# crash (fix it, then run again). Exit status 1 when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitizer-env.sh
BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
TARGETS=($(sed -n 's/^aic_fuzzer(\([a-z0-9_]*\) .*/\1/p' fuzz/CMakeLists.txt))
WHAT=${1:?usage: scripts/fuzz.sh TARGET|all|list SECONDS [libFuzzer flags...]}
if [[ "$WHAT" == list ]]; then printf '%s\n' "${TARGETS[@]}"; exit 0; fi
SECS=${2:?usage: scripts/fuzz.sh TARGET|all SECONDS [libFuzzer flags...]}
shift 2
if [[ "$WHAT" == all ]]; then RUN=("${TARGETS[@]}"); else RUN=("$WHAT"); fi
TESTDATA=${AIC_SHARED_DIR:-../shared}/testdata

extra_corpus() {  # read-only corpora from the shared test data
  case "$1" in
    iam_xml | sts_xml) echo "$TESTDATA/iam-responses" ;;
    sigv4_request) echo "$TESTDATA/sigv4/v4" ;;
  esac
}

if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then scripts/sanitize.sh asan --build-only; fi
aic_build "$BUILD_DIR" -j "$(nproc)" --target "${RUN[@]/%/_fuzzer}"

summary=()
status=0
for t in "${RUN[@]}"; do
  work="$BUILD_DIR/fuzz/work/$t" artifacts="$BUILD_DIR/fuzz/artifacts/$t"
  log="$BUILD_DIR/fuzz/$t.log"
  mkdir -p "$work" "$artifacts"
  corpora=("$work" "fuzz/corpus/$t")
  extra=$(extra_corpus "$t")
  if [[ -n "$extra" && -d "$extra" ]]; then corpora+=("$extra"); fi
  echo "=== fuzzing $t for ${SECS}s (log: $log)"
  rc=0
  "$BUILD_DIR/fuzz/${t}_fuzzer" -max_total_time="$SECS" -timeout=25 -rss_limit_mb=2560 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "${corpora[@]}" >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  # A slow unit (an input that once took over -report_slow_units, 10 s, of wall-clock time) is
  # written like a crash but is not one: on a loaded machine any input can be slow. It is
  # counted apart; replay it (FUZZER ARTIFACT) to see whether it is really slow.
  crashes=$(grep '^artifact_prefix=.*Test unit written to' "$log" | grep -vc '/slow-unit-' || true)
  slow=$(grep -c '^artifact_prefix=.*Test unit written to .*/slow-unit-' "$log" || true)
  line="$t: executions=${execs:-?} cov=${cov:-?} ft=${ft:-?} crashes=$crashes slow_units=$slow"
  if ((rc != 0)); then
    line+=" FAILED (exit $rc): $(grep -m1 -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|invariant' "$log" || true)"
    line+=" -> $(grep -o 'Test unit written to .*' "$log" | tail -n 1 | cut -d' ' -f5)"
    tail -n 40 "$log"
    status=1
  fi
  summary+=("$line")
done
echo "=== fuzz summary (${SECS}s per target)"
printf '%s\n' "${summary[@]}"
exit $status
