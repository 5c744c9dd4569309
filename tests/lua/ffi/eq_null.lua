-- == between cdata: NULL pointers equal nil, 64-bit integers equal numbers, pointers by address
local ffi = require "ffi"
local p = ffi.new("int *")
print(p == nil, nil == p, ffi.cast("void *", 0) == nil, ffi.cast("void *", 1) == nil)
print(1LL == 1, 2 == 2LL, 1LL == 2, 1ULL == 1LL)
local a = ffi.new("int[2]")
local q = ffi.cast("int *", a)
print(q == q + 0, q == q + 1, q + 1 == q + 1)
print(p ~= nil, 1LL ~= 1)
