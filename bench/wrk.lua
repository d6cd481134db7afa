-- wrk script of bench/run: GET @EP@ with a random form id (or page) of @N@ forms,
-- and one result line "WRK requests errors p50_ms p99_ms requests_per_s".
math.randomseed(1)
local n = @N@
local ep = "@EP@"
request = function()
  local k = math.random(1, n)
  if ep:sub(-1) == "=" then k = math.random(1, math.max(1, math.floor(n / 50))) end
  return wrk.format("GET", ep .. k)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %.3f %.3f %.1f\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
