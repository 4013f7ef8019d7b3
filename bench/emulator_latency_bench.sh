#!/usr/bin/env bash
# The emulator as a model of AWS's distance: `--latency-ms 50` on its default thread count,
# 256 keep-alive clients sending a signed GetUser (wrk), for a new and a baseline binary in the
# same run. The ideal is CONNECTIONS / latency (256 / 0.05 s = 5,120 req/s); an emulator that
# sleeps on its worker threads gets threads / latency.
#   bench/emulator_latency_bench.sh NEW_BINARY [BASELINE_BINARY]
# knobs: BENCH_LATENCY_MS (50), BENCH_CONNECTIONS (256), BENCH_DURATION (10s), BENCH_THREADS (2)
set -euo pipefail
cd "$(dirname "$0")/.."
LATENCY_MS=${BENCH_LATENCY_MS:-50}
CONNECTIONS=${BENCH_CONNECTIONS:-256}
DURATION=${BENCH_DURATION:-10s}
WRK_THREADS=${BENCH_THREADS:-2}
HELPER=bench/emulator_bench_helper.py
LUA=bench/wrk_signed_request.lua
command -v wrk >/dev/null || { echo "emulator_latency_bench: wrk is not installed" >&2; exit 1; }
WORK="$(mktemp -d /tmp/aic_latency_bench_XXXXXX)"
PID=""
cleanup() {
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

run() {  # NAME BINARY
  local name="$1" bin="$2" url line
  "$bin" emulator --host 127.0.0.1 --port 0 --latency-ms "$LATENCY_MS" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PID=$!
  for _ in $(seq 100); do
    grep -q "^listening on http://" "$WORK/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  url="$(grep -m1 -o 'http://[^ ]*' "$WORK/$name.out" | sed 's:/*$::')"
  [[ -n "$url" ]] || { echo "$name: emulator did not start" >&2; cat "$WORK/$name.err" >&2; exit 1; }
  python3 "$HELPER" populate "$url" 600 >/dev/null
  python3 "$HELPER" sign "$url" GetUser "$WORK/$name.req"
  line="$(AIC_WRK_REQUEST="$WORK/$name.req" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" \
          -d"$DURATION" --timeout 30s -s "$LUA" "$url/" | grep '^RESULT')"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  printf '%-9s GetUser +%sms, %s clients: %s\n' "$name" "$LATENCY_MS" "$CONNECTIONS" \
    "$(sed -E 's/^RESULT //' <<<"$line")"
}

run new "$1"
if [[ -n "${2:-}" ]]; then run baseline "$2"; fi
