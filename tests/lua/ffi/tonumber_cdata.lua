-- tonumber() of cdata: numbers, 64-bit integers, booleans; nil for other cdata
local ffi = require "ffi"
print(tonumber(1LL), tonumber(2ULL ^ 63), type(tonumber(1LL)))
print(tonumber(ffi.new("int", 5)), tonumber(ffi.new("double", 2.5)), tonumber(-7LL))
print(tonumber(ffi.new("struct { int a; }")))
