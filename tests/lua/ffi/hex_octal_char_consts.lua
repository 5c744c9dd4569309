-- integer and character constants in C
local ffi = require "ffi"
ffi.cdef[[ enum { H = 0x1F, O = 017, C = 'A', U = 10u, L = 0x10U }; ]]
print(ffi.C.H, ffi.C.O, ffi.C.C, ffi.C.U, ffi.C.L)
print(pcall(ffi.cdef, "enum { G = 5L };"))
