-- pointer indexing and arithmetic
local ffi = require "ffi"
local a = ffi.new("int[4]", 10, 20, 30, 40)
local p = ffi.cast("int *", a)
print(p[0], p[3])
p[1] = 99
print(a[1])
local q = p + 2
print(q[0], q[-1])
print(q - p, p - q)
print((p + 1)[0], (1 + p)[0], (q - 1)[0])
