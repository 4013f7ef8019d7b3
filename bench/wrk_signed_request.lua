-- wrk script: replays one pre-signed request read from the file named by $AIC_WRK_REQUEST
-- (header lines "Name: value", a blank line, then the body; see emulator_bench_helper.py) and
-- prints one machine-readable RESULT line at the end.
local path = os.getenv("AIC_WRK_REQUEST")
local file = assert(io.open(path, "r"), "cannot open " .. tostring(path))
local text = file:read("*a")
file:close()

local head, body = text:match("^(.-)\n\n(.*)$")
wrk.method = "POST"
wrk.body = body
for line in head:gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then
    wrk.headers[name] = value
  end
end
wrk.headers["Content-Length"] = nil  -- wrk sets it from the body
wrk.headers["Connection"] = "keep-alive"

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
