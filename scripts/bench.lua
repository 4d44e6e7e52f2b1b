-- wrk script for scripts/bench.sh: signed-in requests and a machine-readable summary.
--
-- BENCH_COOKIE  the session cookie ("sinergi_sid=…") of a user logged in by bench.sh
-- BENCH_METHOD  GET (default) or POST
-- BENCH_BODY    for POST: an urlencoded form; every "IDEM" becomes a fresh 16-hex-digit form
--               key, so each request creates a new meeting instead of replaying the first
--
-- At the end it prints one line:
--   RESULT <req/s> <p50 ms> <p95 ms> <p99 ms> <errors> <requests>

local cookie = os.getenv("BENCH_COOKIE") or ""
local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY") or ""

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
  table.insert(threads, thread)
end

local counter = 0

function request()
  if method == "POST" then
    counter = counter + 1
    local idem = string.format("%08x%08x", thread_id or 0, counter)
    local form = body:gsub("IDEM", idem)
    return wrk.format("POST", nil, {
      ["Cookie"] = cookie,
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Sec-Fetch-Site"] = "same-origin",
    }, form)
  end
  return wrk.format("GET", nil, { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    errors,
    summary.requests))
end
