#!/usr/bin/env bash
# Full import of N users (2 groups, 2 managed policies, 2 tags each) against the CLI emulator:
# the connector (import_bench import) beside `aws iam get-account-authorization-details` +
# `aws iam list-users` (page size 1000), with wall time, IAM calls (emulator counters) and
# peak memory (/usr/bin/time) for each, and the ratios.
#   bench/import_bench.sh BUILD_DIR [N=5000]
set -euo pipefail
BUILD=${1:?usage: import_bench.sh BUILD_DIR [N]}
N=${2:-5000}
BIN=$BUILD/aws-iam-connector
[ -x "$BIN" ] || BIN=$BUILD/src/cli/aws-iam-connector
BENCH=$BUILD/bench/import_bench
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT/
"$BIN" emulator --port "$PORT" --admin --threads 4 >/dev/null 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null; wait $EMU 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "${URL}_emulator/counters" >/dev/null && break; sleep 0.1; done
"$BENCH" seed "$URL" "$N"

counters() { curl -sf "${URL}_emulator/counters"; }
reset() { curl -sf -X POST "${URL}_emulator/counters/reset" >/dev/null; }
total() { python3 -c 'import json,sys; print(sum(json.load(sys.stdin).values()))'; }

reset
/usr/bin/time -f '%e %M' -o /tmp/aic_import_time.$$ "$BENCH" import "$URL" >/tmp/aic_import_out.$$
read -r C_WALL C_RSS </tmp/aic_import_time.$$
C_CALLS=$(counters | total)
C_DETAIL=$(counters)

reset
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
/usr/bin/time -f '%e %M' -o /tmp/aic_cli_time.$$ sh -c "
  aws --endpoint-url $URL iam get-account-authorization-details --page-size 1000 >/tmp/aic_cli_gaad.$$ &&
  aws --endpoint-url $URL iam list-users --page-size 1000 >/tmp/aic_cli_users.$$"
read -r A_WALL A_RSS </tmp/aic_cli_time.$$
A_CALLS=$(counters | total)
A_DETAIL=$(counters)
rm -f /tmp/aic_import_time.$$ /tmp/aic_cli_time.$$ /tmp/aic_cli_gaad.$$ /tmp/aic_cli_users.$$

echo "users: $N"
echo "connector import: wall ${C_WALL}s, IAM calls $C_CALLS $C_DETAIL, peak RSS ${C_RSS} KB; $(cat /tmp/aic_import_out.$$)"
echo "aws cli (GAAD + list-users): wall ${A_WALL}s, IAM calls $A_CALLS $A_DETAIL, peak RSS ${A_RSS} KB"
python3 -c "print('ratio aws/connector: wall %.2fx, peak memory %.2fx' % ($A_WALL/$C_WALL, $A_RSS/$C_RSS))"
rm -f /tmp/aic_import_out.$$
