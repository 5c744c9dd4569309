-- A deterministic mixed workload (set/get/delete with ttls under a moving clock) run through
-- both implementations; prints a digest of every result so any divergence shows.
package.path = "/usr/share/lua/5.1/?.lua;" .. package.path
local now = 5000
ngx = { now = function() return now end, log = function() end, ALERT = 2 }
for _, name in ipairs { "resty.lrucache", "resty.lrucache.pureffi" } do
  local lrucache = require(name)
  local c = lrucache.new(64)
  local seed = 12345
  local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n end
  local hits, misses, stale, digest = 0, 0, 0, 0
  for i = 1, 3000 do
    local key = "key" .. rand(150)
    local op = rand(10)
    if op < 4 then
      c:set(key, i, rand(3) == 0 and (rand(50) / 10) or nil)
    elseif op < 5 then
      c:delete(key)
    else
      local v, old = c:get(key)
      if v then hits = hits + 1 digest = (digest * 31 + v) % 1000000007
      elseif old then stale = stale + 1
      else misses = misses + 1 end
    end
    if i % 100 == 0 then now = now + 0.5 end
  end
  local keys = c:get_keys()
  print(name, hits, misses, stale, digest, c:count(), #keys, keys[1])
end
