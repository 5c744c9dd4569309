-- type() of 64-bit literals and other cdata is "cdata"
local ffi = require "ffi"
print(type(1LL), type(2ULL), type(ffi.new("int[2]")), type(ffi.typeof("int")))
