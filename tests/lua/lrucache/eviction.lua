-- LRU eviction order: a get or a set refreshes a key; the least recently used goes first.
package.path = "/usr/share/lua/5.1/?.lua;" .. package.path
local now = 1000
ngx = { now = function() return now end, log = function() end, ALERT = 2 }
for _, name in ipairs { "resty.lrucache", "resty.lrucache.pureffi" } do
  local lrucache = require(name)
  local c = lrucache.new(3)
  c:set("a", 1) c:set("b", 2) c:set("c", 3)
  c:get("a")            -- a is now the most recent
  c:set("d", 4)         -- evicts b
  print(name, c:get("a"), c:get("b"), c:get("c"), c:get("d"), c:count())
  c:set("c", 30)        -- refresh c by set
  c:set("e", 5)         -- evicts a (get order: a, c, d were touched; a oldest after c/d gets)
  local keys = c:get_keys()
  print(#keys, table.concat(keys, ","))
  -- many inserts through a small cache keep only the last ones
  local small = lrucache.new(5)
  for i = 1, 100 do small:set("k" .. i, i) end
  local seen = {}
  for i = 1, 100 do if small:get("k" .. i) then seen[#seen + 1] = i end end
  print(small:count(), table.concat(seen, " "))
  -- capacity 1
  local one = lrucache.new(1)
  one:set("x", 1) one:set("y", 2)
  print(one:get("x"), one:get("y"), one:count(), one:capacity())
end
