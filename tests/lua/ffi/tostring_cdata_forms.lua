-- tostring forms of cdata
local ffi = require "ffi"
local function m(x) return (tostring(x):gsub("0x%x+", "ADDR")) end
print(m(ffi.new("int")), m(ffi.new("char[3]")), m(ffi.new("double")), m(ffi.new("bool")))
print(m(ffi.new("struct { int a; }")), m(ffi.cast("int *", 1)))
