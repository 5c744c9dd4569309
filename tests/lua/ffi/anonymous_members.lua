-- unnamed struct/union members are reached from the outer struct
local ffi = require "ffi"
ffi.cdef[[
struct anon { int kind; union { int i; float f; }; struct { short x, y; }; };
]]
local s = ffi.new("struct anon")
s.i = 7; s.x = 3; s.y = 4
print(ffi.sizeof("struct anon"), s.i, s.x, s.y, ffi.offsetof("struct anon", "x"))
