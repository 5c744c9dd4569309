-- reading and writing struct members
local ffi = require "ffi"
ffi.cdef"struct F { int a; double d; int arr[3]; char *p; int64_t big; bool b; }"
local s = ffi.new("struct F")
print(s.a, s.d, s.p, s.big, s.b)
s.a = 10; s.d = 2.5; s.big = 123; s.b = 1
print(s.a, s.d, s.big, s.b)
s.arr[1] = 9
print(s.arr[0], s.arr[1], s.arr[2])
print((tostring(s.arr):gsub("0x%x+", "ADDR")))
