-- wrk script for the portpedia soak: page views, JSON API calls and feedback votes.
--
-- Votes go the way the page's script sends them: GET /api/v1/feedback for the counts, the
-- CSRF cookie and its token, then POST /api/v1/feedback with the token in X-CSRF-Token.
-- Votes carry the CSRF cookie but never keep the visitor cookie a vote answer sets, so each
-- is a new visitor (one vote per visitor and page) and the per-visitor rate limit does not
-- turn the soak into a test of 429s; soak.py lifts the per-network bound for the same
-- reason (every vote comes from 127.0.0.1).
-- Status counts per thread are summed in done(): 5xx must stay at zero.

local threads = {}
local id = 0

function setup(thread)
  id = id + 1
  thread:set("tid", id)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  token = nil
  cookie = nil
  counts = { s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, votes = 0, votes_ok = 0, s429 = 0 }
  paths = {
    "/ports/443", "/ports/22", "/ports/5432", "/ports/60463", "/bn/ports/8080",
    "/", "/ports?from=1024", "/ranges/dynamic", "/services/ssh", "/search?q=postgres",
    "/api/v1/ports/443", "/api/v1/ports/53?lang=bn", "/api/v1/search?q=redis",
    "/api/v1/services/http", "/api/v1/ranges", "/api/v1/health", "/static/app.js",
  }
end

function request()
  n = n + 1
  if token == nil or n % 50 == 0 then
    -- Fetch (or refresh) the counts and the CSRF token, as the page's script does.
    local headers = {}
    if cookie then headers["Cookie"] = cookie end
    return wrk.format("GET", "/api/v1/feedback?page=/ports/" .. (n % 1000), headers)
  end
  if n % 7 == 0 then
    counts.votes = counts.votes + 1
    local reactions = { "disappointed", "unsure", "happy" }
    local body = string.format(
      '{"page":"/ports/%d","language":"en","reaction":"%s","comment":"soak %d"}',
      n % 1000, reactions[n % 3 + 1], n)
    return wrk.format("POST", "/api/v1/feedback", {
      ["Content-Type"] = "application/json",
      ["X-CSRF-Token"] = token,
      ["Cookie"] = cookie,
      ["User-Agent"] = string.format("soak-%d-%d", tid, n),
    }, body)
  end
  return wrk.format("GET", paths[n % #paths + 1])
end

function response(status, headers, body)
  local class = math.floor(status / 100)
  local key = "s" .. class .. "xx"
  counts[key] = (counts[key] or 0) + 1
  if status == 429 then counts.s429 = counts.s429 + 1 end
  if status ~= 200 then return end
  -- A thread's connections interleave, so responses are told apart by their content.
  local found = string.match(body, '"csrf_token":"([^"]+)"')
  if found then
    local set = headers["Set-Cookie"] or headers["set-cookie"]
    if set then
      -- A new cookie and its token arrive together: take them as a pair.
      cookie = string.match(set, "^([^;]+)")
      token = found
    elseif cookie and cookie == "portpedia_csrf=" .. found then
      token = found
    end
  elseif string.match(body, '^{"page":"/ports/%d+","totals":') then
    counts.votes_ok = counts.votes_ok + 1
  end
end

function done(summary, latency, requests)
  local total = { s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, votes = 0, votes_ok = 0, s429 = 0 }
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  io.write(string.format(
    "SOAK {\"requests\":%d,\"errors_connect\":%d,\"errors_read\":%d,\"errors_write\":%d," ..
    "\"errors_timeout\":%d,\"status_2xx\":%d,\"status_3xx\":%d,\"status_4xx\":%d," ..
    "\"status_5xx\":%d,\"status_429\":%d,\"votes_sent\":%d,\"votes_ok\":%d," ..
    "\"latency_p50_ms\":%.2f,\"latency_p99_ms\":%.2f,\"latency_max_ms\":%.2f}\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, total.s2xx, total.s3xx, total.s4xx, total.s5xx, total.s429,
    total.votes, total.votes_ok, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
