-- wrk script: `-- unique` makes every request unique (an extra query parameter), so the API's output cache never
-- answers it. Prints one machine-readable line: requests, non-2xx/3xx answers, socket errors, p50/p95/p99 in ms,
-- duration in s.
local unique = false
local counter = 0
local prefix = tostring(math.random(1, 1000000000))

init = function(args)
  unique = args[1] == "unique"
end

request = function()
  if not unique then
    return wrk.format("GET", wrk.path)
  end
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", wrk.path .. separator .. "uncached=" .. prefix .. "-" .. counter)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.3f %.3f %.3f %.3f\n",
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.duration / 1e6))
end
