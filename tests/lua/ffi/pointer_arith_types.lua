-- pointer arithmetic gives pointers to the element type
local ffi = require "ffi"
local a = ffi.new("double[4]")
local p = a + 1
print(ffi.typeof(p), (tostring(p):gsub("0x%x+", "ADDR")))
local s = ffi.new("short[4]")
print(ffi.cast("char *", s + 2) - ffi.cast("char *", s))
