-- ttl: entries expire when ngx.now() passes set time + ttl; get returns nil, the stale value
-- and the flags; a fresh set revives. The clock is a controlled ngx.now.
package.path = "/usr/share/lua/5.1/?.lua;" .. package.path
local now = 1000
ngx = { now = function() return now end, log = function() end, ALERT = 2 }
for _, name in ipairs { "resty.lrucache", "resty.lrucache.pureffi" } do
  now = 1000
  local lrucache = require(name)
  local c = lrucache.new(8)
  c:set("short", "s", 0.5)
  c:set("long", "l", 10)
  c:set("forever", "f")
  c:set("flagged", "v", 1, 7)
  print(name, c:get("short"), c:get("long"), c:get("forever"), c:get("flagged"))
  now = now + 0.4 print("0.4", c:get("short"))
  now = now + 0.2 print("0.6", c:get("short"))
  now = now + 1 print("1.6", c:get("long"), c:get("forever"), c:get("flagged"))
  print("count with expired", c:count())
  c:set("short", "again", 1) print("revived", c:get("short"))
  now = now + 100
  print("late", c:get("long"), c:get("forever"), c:get("short"))
  -- ttl 0 or negative: never expires in these versions?
  c:set("zero", "z", 0) now = now + 5 print("ttl 0", c:get("zero"))
end
