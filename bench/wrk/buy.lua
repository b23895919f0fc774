-- wrk script for the purchase endpoint (docs/BENCHMARKS.md): random buyers of a token file (TOKENS, lines of
-- "userId<TAB>token" from io.flashsale.bench.BuyerTokens), one unit each, the buyer named in the body too (an app
-- node from before buyer tokens reads it there). Without TOKENS, random buyers of a billion and no token (for
-- HttpFront, which has no identity). With "-- keyed" after the URL every request carries a new Idempotency-Key
-- (keyed purchases are not batched: four grid calls each).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local thread_id = 0
local keyed = false
local users, tokens = {}, {}
function setup(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
function init(args)
  math.randomseed(os.time() * 1000 + tid)
  keyed = args[1] == "keyed"
  if os.getenv("TOKENS") then
    for line in io.lines(os.getenv("TOKENS")) do
      local user, token = line:match("^([^\t]+)\t(.+)$")
      users[#users + 1] = user
      tokens[#tokens + 1] = "Bearer " .. token
    end
  end
end
request = function()
  local user
  if #users > 0 then
    local n = math.random(1, #users)
    user = users[n]
    wrk.headers["Authorization"] = tokens[n]
  else
    user = "u" .. math.random(1, 1000000000)
  end
  if keyed then wrk.headers["Idempotency-Key"] = "k" .. tid .. "-" .. math.random(1, 1000000000) end
  return wrk.format(nil, nil, nil, '{"userId":"' .. user .. '","quantity":1}')
end
