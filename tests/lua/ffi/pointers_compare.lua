-- pointer ordering compares addresses
local ffi = require "ffi"
local a = ffi.new("int[4]")
local p = ffi.cast("int *", a)
local q = p + 2
print(p < q, q < p, p <= p, q <= p)
print(ffi.cast("void *", 5) < ffi.cast("void *", 6))
