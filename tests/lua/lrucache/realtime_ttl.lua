-- Expiry against a real clock: ngx.now from gettimeofday, sleeps through usleep (ffi).
package.path = "/usr/share/lua/5.1/?.lua;" .. package.path
local ffi = require "ffi"
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } lru_timeval;
int gettimeofday(lru_timeval *tv, void *tz);
int usleep(unsigned int usec);
]]
local tv = ffi.new("lru_timeval")
ngx = { now = function() ffi.C.gettimeofday(tv, nil) return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6 end,
        log = function() end, ALERT = 2 }
for _, name in ipairs { "resty.lrucache", "resty.lrucache.pureffi" } do
  local lrucache = require(name)
  local c = lrucache.new(4)
  c:set("gone", 1, 0.05)
  c:set("kept", 2, 60)
  print(name, c:get("gone"), c:get("kept"))
  ffi.C.usleep(120000)
  print(c:get("gone"), c:get("kept"))
end
