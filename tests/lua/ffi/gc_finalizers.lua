-- ffi.gc and a metatype __gc run when the cdata is collected (collectgarbage runs them)
local ffi = require "ffi"
local log = {}
do
  local x = ffi.gc(ffi.new("int[4]"), function(p) log[#log + 1] = "freed " .. tostring(p[0]) end)
  x[0] = 42
  x = nil
end
collectgarbage(); collectgarbage()
print(#log, log[1])
ffi.cdef "struct res { int id; };"
ffi.metatype("struct res", { __gc = function(r) log[#log + 1] = "res " .. r.id end })
do local r = ffi.new("struct res", 7); r = nil end
collectgarbage(); collectgarbage()
print(#log, log[2])
-- Made and filled in a function of its own: a value last used by an indexing operation can stay in the
-- running function's (JIT) temporaries until they are reused (docs/engine.md, Garbage collection: Limits).
local function make_big()
  local big = ffi.gc(ffi.new("char[100000]"), function(p) log[#log + 1] = "big " .. p[99999] end)
  big[99999] = 9
end
make_big()
collectgarbage(); collectgarbage()
print(#log, log[3])
