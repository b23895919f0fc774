-- wrk script for the purchase endpoint: random buyers, one unit each (docs/BENCHMARKS.md). With "-- keyed" after
-- the URL every request carries a new Idempotency-Key (keyed purchases are not batched: four grid calls each).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
local keyed = false
function setup(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
function init(args) math.randomseed(os.time() * 1000 + tid); keyed = args[1] == "keyed" end
request = function()
  local n = math.random(1, 1000000000)
  if keyed then wrk.headers["Idempotency-Key"] = "k" .. tid .. "-" .. n end
  return wrk.format(nil, nil, nil, '{"userId":"u' .. n .. '","quantity":1}')
end
