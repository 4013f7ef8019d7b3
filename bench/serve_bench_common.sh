# Shared by bench/rest_bench.sh and bench/scim_bench.sh (sourced, not run): the work folder and
# the processes it starts, waiting for "listening on", and the wrk runs and their report.
# Uses the caller's HERE, HELPER, THREADS, CONNECTIONS, DURATION and (for raw) EMU_URL.
WORK="$(mktemp -d "/tmp/aic_${BENCH_NAME}_XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
wait_url() {  # FILE -> URL printed on its "listening on" line
  for _ in $(seq 1 200); do
    if grep -q "listening on" "$1"; then sed -nE 's/.*listening on ([^ ]+).*/\1/p' "$1" | head -1; return; fi
    sleep 0.1
  done
  echo "$BENCH_NAME: did not start ($1)" >&2; exit 1
}
report() {  # NAME WRK_OUTPUT
  local rps p50 p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$2")"
  p50="$(awk '$1=="50%" {print $2}' <<<"$2")"
  p99="$(awk '$1=="99%" {print $2}' <<<"$2")"
  printf '%-48s %10s req/s   p50 %9s   p99 %9s\n' "$1" "$rps" "$p50" "$p99"
  if grep -q "Non-2xx" <<<"$2"; then echo "  WARNING: $(grep Non-2xx <<<"$2")"; fi
}
cpu_ticks() {  # PID -> user+system CPU time so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}
# CPU_PIDS ("name:pid" ...), when the caller sets it: after each run, the CPU time each of those
# processes spent per request of that run (less noisy than requests/s on a shared machine).
CPU_PIDS=()
run() {  # NAME WRK_SCRIPT URL
  local before=() out line entry i=0 ticks_per_s
  for entry in "${CPU_PIDS[@]}"; do before+=("$(cpu_ticks "${entry#*:}")"); done
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 30s -s "$HERE/$2" "$3")"
  report "$1" "$out"
  ((${#CPU_PIDS[@]})) || return 0
  ticks_per_s=$(getconf CLK_TCK)
  local requests; requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  line="  CPU per request:"
  for entry in "${CPU_PIDS[@]}"; do
    local used=$(( $(cpu_ticks "${entry#*:}") - before[i] ))
    line+=" ${entry%%:*} $(( used * 1000000 / ticks_per_s / (requests > 0 ? requests : 1) )) us"
    i=$((i + 1))
  done
  echo "$line"
}
raw() {  # NAME ACTION: the emulator's own signed call
  local req="$WORK/$2.req"
  python3 "$HELPER" sign "$EMU_URL" "$2" "$req"
  report "$1" "$(AIC_WRK_REQUEST="$req" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" \
                   --latency --timeout 30s -s "$HERE/wrk_signed_request.lua" "$EMU_URL/" |
                 grep -v '^RESULT')"
}
