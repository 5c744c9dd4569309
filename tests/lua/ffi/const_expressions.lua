-- constant expressions in enums and array sizes
local ffi = require "ffi"
ffi.cdef[[
enum { K1 = 1 + 2 * 3, K2 = (1 << 4) | 3, K3 = 10 / 3, K4 = 10 % 3, K5 = -5 >> 1, K6 = ~0, K7 = 3 > 2 ? 7 : 8, K8 = sizeof(int) * 2, K9 = !0 && 1 };
struct ce { char a[K1]; char b[sizeof(double) + 1]; };
]]
print(ffi.C.K1, ffi.C.K2, ffi.C.K3, ffi.C.K4, ffi.C.K5, ffi.C.K6, ffi.C.K7, ffi.C.K8, ffi.C.K9)
print(ffi.sizeof("struct ce"))
