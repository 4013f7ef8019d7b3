#!/usr/bin/env bash
# The emulator's GetUser throughput with IAM enforcement on vs off, same binary, same run: two
# `aws-iam-connector emulator --threads 2` on free loopback ports, one with --enforce-iam. Each
# gets 1000 users and the caller bench-caller with 10 attached managed policies of 20 statements
# (bench/policy_eval_workload.py; GetUser is allowed only by the last statement of the last
# policy); wrk replays a GetUser signed with bench-caller's key against each. Prints requests/s,
# p50 and p99 and the ratio on/off.
#
# Usage: bench/emulator_enforcement_bench.sh   (env: AIC_BINARY, BENCH_DURATION=10s,
#                                              BENCH_CONNECTIONS=8, BENCH_THREADS=2, BENCH_USERS=1000)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${AIC_BINARY:-build/aws-iam-connector}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-8}"
WRK_THREADS="${BENCH_THREADS:-2}"
USERS="${BENCH_USERS:-1000}"
READY_TIMEOUT_SECONDS=30
HELPER=bench/emulator_bench_helper.py
LUA=bench/wrk_signed_request.lua

[[ -x "$BIN" ]] || { echo "emulator_enforcement_bench: no binary at $BIN (set AIC_BINARY)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "emulator_enforcement_bench: wrk is not installed" >&2; exit 1; }

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

start() {  # start NAME [FLAGS...]: prints the URL
  local name="$1"; shift
  "$BIN" emulator --host 127.0.0.1 --port 0 --signature-mode strict --threads 2 "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq $((READY_TIMEOUT_SECONDS * 10))); do
    grep -q "^listening on http://" "$WORK/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  grep -m1 -o 'http://[^ ]*' "$WORK/$name.out" | sed 's:/*$::'
}

python3 bench/policy_eval_workload.py "$WORK/workload.json"
OFF_URL="$(start off)"
ON_URL="$(start on --enforce-iam)"
[[ -n "$OFF_URL" && -n "$ON_URL" ]] || { echo "an emulator did not get ready" >&2; cat "$WORK"/*.err >&2; exit 1; }
echo "off: $OFF_URL   on (--enforce-iam): $ON_URL   users: $USERS   wrk: -t$WRK_THREADS -c$CONNECTIONS -d$DURATION"
for url in "$OFF_URL" "$ON_URL"; do
  python3 "$HELPER" populate "$url" "$USERS"
done
python3 "$HELPER" caller "$OFF_URL" "$WORK/workload.json" "$WORK/off.key"
python3 "$HELPER" caller "$ON_URL" "$WORK/workload.json" "$WORK/on.key"

declare -A RPS
run() {  # run NAME URL KEYFILE
  local name="$1" url="$2" key="$3" req="$WORK/$1.req" line rps p50 p99 non2xx
  python3 "$HELPER" sign "$url" GetUser "$req" "$key"
  line="$(AIC_WRK_REQUEST="$req" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" \
          --timeout 30s -s "$LUA" "$url/" | grep '^RESULT')"
  [[ -n "$line" ]] || { echo "wrk gave no result for $name" >&2; exit 1; }
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")"
  non2xx="$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$line")"
  [[ "$non2xx" == 0 ]] || { echo "$name: $non2xx non-2xx answers (denied?)" >&2; exit 1; }
  RPS["$name"]="$rps"
  printf '%-4s GetUser %12s req/s  p50 %9s ms  p99 %9s ms\n' "$name" "$rps" "$p50" "$p99"
}
run off "$OFF_URL" "$WORK/off.key"
run on "$ON_URL" "$WORK/on.key"
run off "$OFF_URL" "$WORK/off.key"
run on "$ON_URL" "$WORK/on.key"
awk -v on="${RPS[on]}" -v off="${RPS[off]}" \
  'BEGIN { printf "GetUser requests/s with enforcement on/off (last round) = %.2f\n", on / off }'
