#!/usr/bin/env bash
# SCIM throughput and latency of `aws-iam-connector serve` under wrk with keep-alive, next to
# named peers in the same run on the same server and emulator:
#   SCIM GET /Users/{id}                  (1 GetUser)   vs  REST GET with the same fields (1 GetUser)
#                                                       and the raw emulator GetUser
#   SCIM GET /Users?filter=userName eq    (1 GetUser)   vs  the same peers
#   SCIM GET /Users?startIndex=401&count=100 (the cached listing: no IAM call)
#                                                       vs  REST query-all-ids (ceil(N/100) ListUsers)
# Prints requests/s, p50 and p99 for each.
#
#   bench/scim_bench.sh [BINARY] [USERS>500] [DURATION] [CONNECTIONS] [THREADS]
# Defaults: build/aws-iam-connector 1000 10s 8 2.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
BINARY="${1:-$HERE/../build/aws-iam-connector}"
USERS="${2:-1000}"
DURATION="${3:-10s}"
CONNECTIONS="${4:-8}"
THREADS="${5:-2}"
HELPER="$HERE/emulator_bench_helper.py"   # populate/sign (PROBE_USER is bench-user-0500)
command -v wrk >/dev/null || { echo "scim_bench: wrk is not installed" >&2; exit 1; }
(( USERS > 500 )) || { echo "scim_bench: USERS must be > 500 (the probe user is bench-user-0500)" >&2; exit 1; }

BENCH_NAME=scim_bench
source "$HERE/serve_bench_common.sh"

"$BINARY" emulator --port 0 --log-level warn --admin >"$WORK/emu.out" 2>"$WORK/emu.err" &
PIDS+=($!)
EMU_URL="$(wait_url "$WORK/emu.out")"; EMU_URL="${EMU_URL%/}"
python3 "$HELPER" populate "$EMU_URL" "$USERS"
cat >"$WORK/provisioner.openicf-aws.json" <<JSON
{"name": "aws", "configurationProperties": {"accessKeyId": "test", "secretKey": "test",
 "endpoint": "$EMU_URL/", "stsEndpoint": "$EMU_URL/"}}
JSON
"$BINARY" serve --port 0 --config "$WORK/provisioner.openicf-aws.json" --data-dir "$WORK" \
  --log-level warn >"$WORK/serve.out" 2>"$WORK/serve.err" &
PIDS+=($!)
URL="$(wait_url "$WORK/serve.out")"; URL="${URL%/}"
export AIC_SCIM_TOKEN="$(cat "$WORK/scim-token")"
SCIM="$URL/scim/v2/aws"
USER_ID="$(curl -sf -H "Authorization: Bearer $AIC_SCIM_TOKEN" \
  "$SCIM/Users?filter=userName%20eq%20%22bench-user-0500%22" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["Resources"][0]["id"])')"
GETUSER_FIELDS="__NAME__,UserId,Arn,Path,CreatedDate,PasswordLastUsed,PermissionsBoundary,Tags,__ENABLE__"

echo "$USERS users; wrk -t$THREADS -c$CONNECTIONS -d$DURATION, keep-alive; $(nproc) cores"
run "SCIM GET /Users/{id}" scim_wrk_headers.lua "$SCIM/Users/$USER_ID"
run "peer: REST GET, GetUser's fields" rest_wrk_headers.lua \
  "$URL/openidm/system/aws/__ACCOUNT__/bench-user-0500?_fields=$GETUSER_FIELDS"
raw "peer: emulator GetUser (raw IAM)" GetUser
run "SCIM GET /Users?filter=userName eq" scim_wrk_headers.lua \
  "$SCIM/Users?filter=userName%20eq%20%22bench-user-0500%22"
run "SCIM GET /Users page of 100 (cached listing)" scim_wrk_headers.lua \
  "$SCIM/Users?startIndex=401&count=100"
run "peer: REST query-all-ids ($USERS users)" rest_wrk_headers.lua \
  "$URL/openidm/system/aws/__ACCOUNT__?_queryId=query-all-ids"
