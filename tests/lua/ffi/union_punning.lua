-- reading a float's bits through a union
local ffi = require "ffi"
ffi.cdef "union pun { float f; uint32_t u; double d; uint8_t b[8]; };"
local p = ffi.new("union pun")
p.f = 1.0
print(p.u, bit.tohex(p.u))
p.d = -2.5
print(p.b[7], p.b[6], p.b[0])
p.u = 0x40490fdb
print(string.format("%.5f", p.f))
