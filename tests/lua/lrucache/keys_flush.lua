-- get_keys (most recent first, with a limit and a reused table) and flush_all.
package.path = "/usr/share/lua/5.1/?.lua;" .. package.path
local now = 1000
ngx = { now = function() return now end, log = function() end, ALERT = 2 }
for _, name in ipairs { "resty.lrucache", "resty.lrucache.pureffi" } do
  local lrucache = require(name)
  local c = lrucache.new(10)
  for i = 1, 6 do c:set("k" .. i, i) end
  c:get("k2")
  print(name, table.concat(c:get_keys(), ","))
  print(table.concat(c:get_keys(3), ","))
  local reuse = { "old1", "old2", "old3", "old4", "old5", "old6", "old7", "old8" }
  local got = c:get_keys(0, reuse)
  print(got == reuse, #got, table.concat(got, ","))
  c:flush_all()
  print("flushed", c:count(), c:get("k1"), #c:get_keys())
  for i = 1, 12 do c:set(i, i * i) end
  print("refill", c:count(), c:get(1), c:get(3), c:get(12))
  c:flush_all() c:flush_all()
  print("twice", c:count())
end
