-- wrk script: durable PUT /api/v1/units/{id} with the right version each time. Each wrk thread
-- owns its own range of unit ids and cycles through them, remembering the version the server
-- returned, so every request is a real optimistic-concurrency update (no 409s by design).
-- Arguments: TOKEN [SPAN=1000] [FIRST=0]: thread t updates ids FIRST + t*SPAN + 1 … FIRST + (t+1)*SPAN.
-- Several wrk processes against several instances of one database must be given disjoint
-- ranges (FIRST = 0, 1000, …): versions are remembered per process, so two processes updating
-- the same id would answer each other's updates with 409s.
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  span = tonumber(args[2] or "1000")
  base = tonumber(args[3] or "0") + tid * span + 1
  versions = {}
  cursor = 0
  failures = 0
end

function request()
  cursor = (cursor % span) + 1
  local id = base + cursor - 1
  local version = versions[id] or 1
  return wrk.format("PUT", "/api/v1/units/" .. id,
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
    '{"version":' .. version .. ',"address":"压测路' .. version .. '号"}')
end

function response(status, headers, body)
  if status == 200 then
    local id = tonumber(body:match('"id":(%d+)'))
    local version = tonumber(body:match('"version":(%d+)'))
    if id and version then versions[id] = version end
  else
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("failures") end
  io.write(string.format("non-200 responses: %d\n", total))
end
