-- wrk script of benchmarks/load.py: cycles over the paths given after "--", and prints
-- one machine-readable line with the latency percentiles when the run ends.
--   wrk -t2 -c16 -d10s -s benchmarks/load.lua http://127.0.0.1:8000 -- /gi/search/?q=... /gi/search/?q=...
local paths = {}
local counter = 0

function init(args)
  for _, path in ipairs(args) do
    table.insert(paths, path)
  end
  if #paths == 0 then
    table.insert(paths, "/")
  end
  -- threads start at different places in the list
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "GI_LOAD requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
