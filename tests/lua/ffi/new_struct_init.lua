-- struct initializers: positional values, tables by position then by name
local ffi = require "ffi"
ffi.cdef"struct P {int x, y; double z;}"
local p = ffi.new("struct P", 1, 2, 3) print(p.x, p.y, p.z)
p = ffi.new("struct P", {4, 5}) print(p.x, p.y, p.z)
p = ffi.new("struct P", {y = 6, z = 7}) print(p.x, p.y, p.z)
p = ffi.new("struct P", {x = 1, 9}) print(p.x, p.y, p.z)
p = ffi.new("struct P") print(p.x, p.y, p.z)
print(pcall(ffi.new, "struct P", 1, 2, 3, 4))
