-- variable-length arrays and structs
local ffi = require "ffi"
ffi.cdef"struct vls { int n; double a[?]; };"
print(ffi.sizeof("int[?]", 5), ffi.sizeof("struct vls", 3))
local v = ffi.new("struct vls", 4)
v.n = 4
for i = 0, 3 do v.a[i] = i * 1.5 end
print(v.n, v.a[0], v.a[3], ffi.sizeof(v))
local a = ffi.new("int[?]", 6)
print(ffi.sizeof(a), a[5])
print(pcall(ffi.new, "int[?]", -1))
