-- wrk script of the benchmark suite. Argument: a file whose lines are
--   <path> TAB <header name or -> TAB <header value> TAB <expected status>
-- Each request picks a random line (many distinct files); every response's status is checked.
local lines = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    local path, name, value, status = line:match("([^\t]+)\t([^\t]+)\t([^\t]*)\t(%d+)")
    table.insert(lines, { path = path, name = name, value = value, status = tonumber(status) })
  end
  wrong = 0
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end

function request()
  current = lines[math.random(#lines)]
  -- Headers given to wrk.format replace wrk's own (-H), so start from those (the cookie).
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  if current.name ~= "-" then
    headers[current.name] = current.value
  end
  return wrk.format("GET", current.path, headers)
end

function response(status, headers, body)
  if status ~= current.status then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local wrongs = 0
  for _, thread in ipairs(threads) do
    wrongs = wrongs + thread:get("wrong")
  end
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d wrong=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), wrongs,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
