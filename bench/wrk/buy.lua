-- wrk script for the purchase endpoint: random buyers, one unit each (docs/BENCHMARKS.md)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
function setup(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
function init(args) math.randomseed(os.time() * 1000 + tid) end
request = function()
  local body = '{"userId":"u' .. math.random(1, 1000000000) .. '","quantity":1}'
  return wrk.format(nil, nil, nil, body)
end
