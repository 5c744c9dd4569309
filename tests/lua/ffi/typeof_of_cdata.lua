-- ffi.typeof of a cdata gives its type; ffi.new takes ctype objects
local ffi = require "ffi"
ffi.cdef "struct tc { int a; };"
local s = ffi.new("struct tc", 3)
local T = ffi.typeof(s)
print(T, ffi.typeof(1LL), ffi.typeof(ffi.new("double[2]")))
local s2 = ffi.new(T, 9)
print(s2.a, ffi.istype(T, s2), ffi.sizeof(T))
