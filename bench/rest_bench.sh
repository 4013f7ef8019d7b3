#!/usr/bin/env bash
# REST throughput and latency of `aws-iam-connector serve` under wrk with keep-alive, next to a
# named peer in the same run: the raw IAM call(s) of the emulator it talks to.
#   REST GET one account      (GetUser + 3 list calls, concurrent)  vs  raw GetUser
#   REST query-all-ids        (ceil(N/100) ListUsers)               vs  raw ListUsers (one page)
# Prints requests/s, p50 and p99 for each.
#
#   bench/rest_bench.sh [BINARY] [USERS>500] [DURATION] [CONNECTIONS] [THREADS]
# Defaults: build-server/aws-iam-connector 1000 10s 8 2. AIC_EMULATOR_BINARY runs the emulator
# from another binary (to tell the server's share of a change from the emulator's);
# AIC_LATENCY_MS=50 makes every IAM call take 50 ms once the users are made (AWS's distance;
# the emulator's fault setting, a timer). AIC_MAX_CONNECTIONS sets the connector's
# maxConnections (default 10: at most 10 IAM calls in flight, so 200 calls/s at 50 ms each).
# The threads of `serve` are printed after the REST runs, and after each REST run the CPU time
# `serve` and the emulator spent per request (from /proc; the machine's speed swings, this less).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BINARY="${1:-$HERE/../build-server/aws-iam-connector}"
USERS="${2:-1000}"
DURATION="${3:-10s}"
CONNECTIONS="${4:-8}"
THREADS="${5:-2}"
HELPER="$HERE/emulator_bench_helper.py"   # populate/sign (PROBE_USER is bench-user-0500)
command -v wrk >/dev/null || { echo "rest_bench: wrk is not installed" >&2; exit 1; }
(( USERS > 500 )) || { echo "rest_bench: USERS must be > 500 (the probe user is bench-user-0500)" >&2; exit 1; }

BENCH_NAME=rest_bench
source "$HERE/serve_bench_common.sh"

"${AIC_EMULATOR_BINARY:-$BINARY}" emulator --port 0 --log-level warn --admin >"$WORK/emu.out" 2>"$WORK/emu.err" &
PIDS+=($!)
EMU_PID=$!
EMU_URL="$(wait_url "$WORK/emu.out")"; EMU_URL="${EMU_URL%/}"
python3 "$HELPER" populate "$EMU_URL" "$USERS"
if [[ -n "${AIC_LATENCY_MS:-}" ]]; then
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"latency_ms\": $AIC_LATENCY_MS}" "$EMU_URL/_emulator/faults" >/dev/null
  echo "emulator: every IAM call takes ${AIC_LATENCY_MS} ms"
fi
cat >"$WORK/provisioner.openicf-aws.json" <<JSON
{"name": "aws", "configurationProperties": {"accessKeyId": "test", "secretKey": "test",
 "endpoint": "$EMU_URL/", "stsEndpoint": "$EMU_URL/",
 "maxConnections": ${AIC_MAX_CONNECTIONS:-10}}}
JSON
"$BINARY" serve --port 0 --config "$WORK/provisioner.openicf-aws.json" --data-dir "$WORK" \
  --log-level warn >"$WORK/serve.out" 2>"$WORK/serve.err" &
PIDS+=($!)
SERVE_PID=$!
REST_URL="$(wait_url "$WORK/serve.out")"
CPU_PIDS=("serve:$SERVE_PID" "emulator:$EMU_PID")
BASE="$REST_URL/openidm/system/aws/__ACCOUNT__"

echo "$USERS users; wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive; $(nproc) cores"
run "REST GET one account" rest_wrk_headers.lua "$BASE/bench-user-0500"
raw "peer: emulator GetUser (raw IAM)" GetUser
run "REST query-all-ids ($USERS users)" rest_wrk_headers.lua "$BASE?_queryId=query-all-ids"
echo "serve threads: $(ls "/proc/$SERVE_PID/task" | wc -l)"
raw "peer: emulator ListUsers (1 page of 100)" ListUsers
