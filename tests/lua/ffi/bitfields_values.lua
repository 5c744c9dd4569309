-- bit-field reads sign-extend signed fields and stores truncate
local ffi = require "ffi"
ffi.cdef[[ struct bf { int s:4; unsigned u:4; unsigned w:24; }; ]]
local b = ffi.new("struct bf")
b.s = 7; print(b.s)
b.s = 8; print(b.s)
b.s = -1; print(b.s)
b.u = 15; print(b.u)
b.u = 17; print(b.u)
b.w = 0xabcdef; print(b.w, b.s, b.u)
