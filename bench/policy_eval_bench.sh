#!/usr/bin/env bash
# Policy evaluations per second: our engine (policy_eval_bench, built from src/policy) vs moto's
# evaluator (moto.iam.access_control, bench/policy_eval_moto.py) on the same workload (a user's
# 10 attached policies of 20 statements, bench/policy_eval_workload.py), in one run. Prints
# evaluations/s per request for each and the ratio ours/moto.
#
# Usage: bench/policy_eval_bench.sh [SECONDS=3]   (env: AIC_POLICY_BENCH=build/bench/policy_eval_bench)
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${AIC_POLICY_BENCH:-build/bench/policy_eval_bench}"
SECONDS_PER_REQUEST="${1:-3}"
[[ -x "$BIN" ]] || { echo "policy_eval_bench: no binary at $BIN (cmake --build build --target policy_eval_bench)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT INT TERM
python3 bench/policy_eval_workload.py "$WORK/workload.json"
"$BIN" "$WORK/workload.json" "$SECONDS_PER_REQUEST" | tee "$WORK/ours.txt"
python3 bench/policy_eval_moto.py "$WORK/workload.json" "$SECONDS_PER_REQUEST" | tee "$WORK/moto.txt"
echo
while read -r _ name decision rate; do
  peer="$(awk -v n="$name" '$2 == n { print $4 }' "$WORK/moto.txt")"
  [[ -n "$peer" ]] || continue
  awk -v n="$name" -v d="$decision" -v o="$rate" -v m="$peer" \
    'BEGIN { printf "%-16s %-13s ours/moto evaluations/s = %.0fx\n", n, d, o / m }'
done <"$WORK/ours.txt"
