-- member references print with & as LuaJIT prints them
local ffi = require "ffi"
ffi.cdef"struct R { int arr[3]; struct { int x; } in1; }"
local s = ffi.new("struct R")
print((tostring(s.arr):gsub("0x%x+", "ADDR")))
print((tostring(s.in1):gsub("0x%x+", "ADDR")))
print((tostring(s):gsub("0x%x+", "ADDR")))
s.in1.x = 5
print(s.in1.x)
