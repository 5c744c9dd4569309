-- ffi.new of scalars and scalar arrays
local ffi = require "ffi"
print(tostring(ffi.new("int", 5)):match("^cdata<int>: 0x%x+$") ~= nil)
local i = ffi.new("int[1]", 42)
print(i[0])
local d = ffi.new("double[1]", 1.5)
print(d[0])
local b = ffi.new("bool[2]", true, false)
print(b[0], b[1])
local f = ffi.new("float[1]", 0.1)
print(f[0])
