-- float members round to single precision
local ffi = require "ffi"
local f = ffi.new("float[3]", 0.1, 1/3, 1e39)
print(f[0], f[1], f[2])
local d = ffi.new("double[2]", 0.1, -0.0)
print(d[0], d[1])
