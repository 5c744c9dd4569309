-- Imaginary literals (2i, 1.5e3i, 0x10i) are complex cdata; a minus folds into the imaginary part.
local ffi = require "ffi"
print(1i, 2.5i, 0x10i, 1e2i, 1.5e-1i, 3I, 0i)
print(-1i, - 2.5i, -(1i), -0i, -(-(2i)))
print(type(1i), ffi.typeof(1i), ffi.istype("complex", 1i), ffi.istype("complex float", 1i))
print(tonumber(2i), tostring(1i):len())
local z = 4i
print(z.re, z.im, z[0], z[1])
print(1i == 1i, z == z, 0i == 0)
print(pcall(function() local w = 1i return -w end))
print(pcall(function() return 1i + 1 end))
print(pcall(function() return 1 * 2i end))
print(pcall(function() return 1i < 2i end))
print(pcall(function() return 1i .. "" end))
print(pcall(function() return #1i end))
print(pcall(function() return -ffi.new("struct { int a; }") end))
print(pcall(function() return -ffi.new("int *") end))
