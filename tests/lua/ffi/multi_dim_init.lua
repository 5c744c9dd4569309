-- two-dimensional arrays from nested tables
local ffi = require "ffi"
local m = ffi.new("int[2][3]", {{1, 2, 3}, {4, 5, 6}})
print(m[0][0], m[0][2], m[1][0], m[1][2])
local z = ffi.new("double[3][2]")
z[2][1] = 0.5
print(z[2][1], z[0][0], ffi.sizeof(z))
