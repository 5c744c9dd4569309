-- enum constants become ffi.C.NAME, with C constant expressions
local ffi = require "ffi"
ffi.cdef[[
enum color { RED, GREEN = 5, BLUE, NEG = -3, AFTER };
enum { ANON_A = 1 << 4, ANON_B = ANON_A | 1 };
]]
print(ffi.C.RED, ffi.C.GREEN, ffi.C.BLUE, ffi.C.NEG, ffi.C.AFTER, ffi.C.ANON_A, ffi.C.ANON_B)
print(ffi.sizeof("enum color"))
