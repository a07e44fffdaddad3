-- wrk script of the benchmark suite. Argument: a file whose lines are
--   <path> TAB <header name or -> TAB <header value>
-- Each request is one of those lines at random (many distinct files). The requests are formatted once, in init, and
-- there is no response() callback: defining one makes wrk copy every body into Lua, which capped the client near
-- the rate it was meant to measure. Statuses are checked natively instead: wrk counts answers above 399, the suite
-- checks every line's exact status and body before the run, and the bytes read per answer are printed so that a
-- wrong answer of another size shows.
local requests = {}

function init(args)
  for line in io.lines(args[1]) do
    local path, name, value = line:match("([^\t]+)\t([^\t]+)\t([^\t]*)")
    -- Headers given to wrk.format replace wrk's own (-H), so start from those (the cookie).
    local headers = {}
    for header, text in pairs(wrk.headers) do
      headers[header] = text
    end
    if name ~= "-" then
      headers[name] = value
    end
    table.insert(requests, wrk.format("GET", path, headers))
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

function request()
  return requests[math.random(#requests)]
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p99_us=%d status_errors=%d errors=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
