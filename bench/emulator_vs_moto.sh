#!/usr/bin/env bash
# Emulator vs moto: the same signed GetUser and ListUsers (MaxItems=100) load, over 1000 users,
# against `aws-iam-connector emulator` (--signature-mode strict --threads 2) and moto's server,
# both started here on free loopback ports, in one run. Prints requests/s, p50 and p99 for each,
# and the ratio ours/moto.
#
# Usage: bench/emulator_vs_moto.sh   (env: AIC_BINARY, BENCH_DURATION=10s, BENCH_CONNECTIONS=8,
#                                      BENCH_THREADS=2, BENCH_USERS=1000)
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

[[ -x "$BIN" ]] || { echo "emulator_vs_moto: no binary at $BIN (set AIC_BINARY)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "emulator_vs_moto: wrk is not installed" >&2; exit 1; }

WORK="$(mktemp -d)"
EMU_PID=""
MOTO_PID=""
cleanup() {
  [[ -n "$EMU_PID" ]] && kill "$EMU_PID" 2>/dev/null && wait "$EMU_PID" 2>/dev/null || true
  [[ -n "$MOTO_PID" ]] && kill "$MOTO_PID" 2>/dev/null && wait "$MOTO_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Our emulator: port 0, read the port from its "listening on" line.
"$BIN" emulator --host 127.0.0.1 --port 0 --signature-mode strict --threads 2 \
  >"$WORK/emu.out" 2>"$WORK/emu.err" &
EMU_PID=$!
for _ in $(seq $((READY_TIMEOUT_SECONDS * 10))); do
  grep -q "^listening on http://" "$WORK/emu.out" 2>/dev/null && break
  kill -0 "$EMU_PID" 2>/dev/null || { cat "$WORK/emu.err" >&2; exit 1; }
  sleep 0.1
done
EMU_URL="$(grep -m1 -o 'http://[^ ]*' "$WORK/emu.out" | sed 's:/*$::')"
[[ -n "$EMU_URL" ]] || { echo "emulator did not get ready" >&2; cat "$WORK/emu.err" >&2; exit 1; }

# moto: a free port (bind then close), wait until it answers.
MOTO_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m moto.server -H 127.0.0.1 -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
MOTO_URL="http://127.0.0.1:$MOTO_PORT"
for _ in $(seq $((READY_TIMEOUT_SECONDS * 10))); do
  curl -sf -X POST "$MOTO_URL/moto-api/reset" >/dev/null 2>&1 && break
  kill -0 "$MOTO_PID" 2>/dev/null || { cat "$WORK/moto.log" >&2; exit 1; }
  sleep 0.1
done

echo "emulator: $EMU_URL   moto: $MOTO_URL   users: $USERS   wrk: -t$WRK_THREADS -c$CONNECTIONS -d$DURATION"
python3 "$HELPER" populate "$EMU_URL" "$USERS"
python3 "$HELPER" populate "$MOTO_URL" "$USERS"

declare -A RPS P50 P99
run() {  # run NAME URL ACTION
  local name="$1" url="$2" action="$3" req="$WORK/$1-$3.req" line
  python3 "$HELPER" sign "$url" "$action" "$req"   # signed just before the run (valid 5 min)
  line="$(AIC_WRK_REQUEST="$req" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" \
          --timeout 30s -s "$LUA" "$url/" | grep '^RESULT')"
  [[ -n "$line" ]] || { echo "wrk gave no result for $name $action" >&2; exit 1; }
  local rps p50 p99 non2xx sockerr
  rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")"
  p50="$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")"
  p99="$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")"
  non2xx="$(sed -E 's/.*non2xx=([0-9]+).*/\1/' <<<"$line")"
  sockerr="$(sed -E 's/.*socket_errors=([0-9]+).*/\1/' <<<"$line")"
  if [[ "$non2xx" != 0 ]]; then
    echo "$name $action: $non2xx non-2xx answers (signature refused?)" >&2; exit 1
  fi
  RPS["$name-$action"]="$rps"; P50["$name-$action"]="$p50"; P99["$name-$action"]="$p99"
  printf '%-9s %-10s %12s req/s  p50 %9s ms  p99 %9s ms  socket errors %s\n' \
    "$name" "$action" "$rps" "$p50" "$p99" "$sockerr"
}

for action in GetUser ListUsers; do
  run emulator "$EMU_URL" "$action"
  run moto "$MOTO_URL" "$action"
done

echo
for action in GetUser ListUsers; do
  awk -v a="$action" -v o="${RPS[emulator-$action]}" -v m="${RPS[moto-$action]}" \
    'BEGIN { printf "%-10s ours/moto requests/s = %.1fx\n", a, (m > 0 ? o / m : 0) }'
done
