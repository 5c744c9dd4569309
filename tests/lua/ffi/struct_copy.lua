-- assigning a struct copies it
local ffi = require "ffi"
ffi.cdef"struct sc { int a, b; }; struct holder { struct sc inner; };"
local a = ffi.new("struct sc", 1, 2)
local h = ffi.new("struct holder")
h.inner = a
a.a = 100
print(h.inner.a, h.inner.b)
local b = ffi.new("struct sc", a)
print(b.a, b.b)
