-- Debian's lua-resty-lrucache (both implementations), unmodified: set/get/delete/count/capacity.
package.path = "/usr/share/lua/5.1/?.lua;" .. package.path
local now = 1000
ngx = { now = function() return now end, log = function(...) print("ngx.log", ...) end, ALERT = 2 }
for _, name in ipairs { "resty.lrucache", "resty.lrucache.pureffi" } do
  local lrucache = require(name)
  print(name, type(lrucache.new), lrucache._VERSION ~= nil)
  local c = assert(lrucache.new(4))
  print("empty", c:get("a"), c:count(), c:capacity())
  c:set("a", 1) c:set("b", "two") c:set("c", { 3 }) c:set("d", false)
  print(c:get("a"), c:get("b"), c:get("c")[1], c:get("d"), c:count())
  c:set("a", 10) print("overwrite", c:get("a"), c:count())
  c:delete("b") print("delete", c:get("b"), c:count())
  c:delete("nope") print("delete missing", c:count())
  c:set("b", nil) print("nil value", c:get("b"), c:count())
  -- keys of any type the implementation accepts
  local ok, err = pcall(function()
    c:set(42, "number key") c:set(true, "bool key")
    return c:get(42), c:get(true)
  end)
  print("other keys", ok, ok and err or "error")
  -- numeric and string keys stay apart
  c:set("42", "string key") print(c:get("42"), c:get(42))
end
