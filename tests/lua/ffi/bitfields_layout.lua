-- bit-field packing as GCC does it
local ffi = require "ffi"
ffi.cdef[[
struct b1 { int a:3; int b:5; unsigned c:30; };
struct b2 { char c; int x:3; };
struct b3 { unsigned a:1; unsigned :0; unsigned b:1; };
struct b4 { unsigned char a:7; unsigned char b:3; unsigned short c:9; };
]]
for _, n in ipairs{"b1","b2","b3","b4"} do print(n, ffi.sizeof("struct "..n), ffi.alignof("struct "..n)) end
print(ffi.offsetof("struct b1", "c"))
print(ffi.offsetof("struct b3", "b"))
print(ffi.offsetof("struct b4", "b"))
print(ffi.offsetof("struct b4", "c"))
print(pcall(ffi.cdef, "struct q { int x:33; };"))
print(pcall(ffi.cdef, "struct q3 { double x:4; };"))
