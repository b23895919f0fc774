-- wrk script for the purchase endpoint with an Idempotency-Key: random buyers, one unit each, a new key per
-- request (docs/BENCHMARKS.md). Keyed purchases are not batched: each makes four grid calls.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
function setup(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
function init(args) math.randomseed(os.time() * 1000 + tid) end
request = function()
  local n = math.random(1, 1000000000)
  wrk.headers["Idempotency-Key"] = "k" .. tid .. "-" .. n
  return wrk.format(nil, nil, nil, '{"userId":"u' .. n .. '","quantity":1}')
end
