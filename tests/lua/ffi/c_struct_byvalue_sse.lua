-- Aggregates of floating-point members travel in vector registers (SSE class):
-- libm's complex functions declared with ABI-equivalent structs.
local ffi = require "ffi"
ffi.cdef [[
typedef struct { double re, im; } zd;
typedef struct { float re, im; } zf;
double cabs(zd z);
zd csqrt(zd z);
zd conj(zd z);
float cabsf(zf z);
zf conjf(zf z);
zd cpow(zd x, zd y);
]]
local C = ffi.C
print(C.cabs(ffi.new("zd", 3, 4)))
print(C.cabs({5, 12}))
local r = C.csqrt({-4, 0}) print(r.re, r.im)
r = C.conj({1.5, 2.5}) print(r.re, r.im)
print(C.cabsf({3, 4}))
local f = C.conjf({1.25, -8}) print(f.re, f.im, ffi.sizeof(f))
r = C.cpow({0, 1}, {2, 0}) print(string.format("%.6f %.6f", r.re, r.im))
