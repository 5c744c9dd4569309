-- ffi.gc returns its cdata; finalizers may be removed with nil
local ffi = require "ffi"
local log = {}
do
  local x = ffi.gc(ffi.new("int[4]"), function(p) log[#log + 1] = "freed" end)
  x = nil
end
collectgarbage(); collectgarbage()
print(#log >= 0)
local y = ffi.gc(ffi.new("int[1]"), function() end)
print(ffi.gc(y, nil) == y)
