-- union sizes and shared storage
local ffi = require "ffi"
ffi.cdef[[
union u1 { char c; int i; double d; };
union u2 { char c[5]; int i; };
]]
print(ffi.sizeof("union u1"), ffi.alignof("union u1"), ffi.sizeof("union u2"), ffi.alignof("union u2"))
local u = ffi.new("union u1")
u.i = 0x41424344
print(u.c, u.i)
