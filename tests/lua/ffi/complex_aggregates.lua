-- Complex members and arrays, and complex numbers through libm (passed and returned by value).
local ffi = require "ffi"
ffi.cdef [[
double cabs(complex double z);
complex double csqrt(complex double z);
complex double conj(complex double z);
complex double cpow(complex double x, complex double y);
float cabsf(complex float z);
complex float conjf(complex float z);
double creal(complex double z);
double cimag(complex double z);
]]
local s = ffi.new("struct { complex c; complex float f; int n; }", { 1i, { 1, 2 }, 3 })
print(s.c, s.f, s.n, ffi.sizeof(s), ffi.offsetof(s, "f"))
s.c = 5 print(s.c) s.c = ffi.new("complex", 1, -1) print(s.c)
local arr = ffi.new("complex[3]", 5) print(arr[0], arr[2])
local arr2 = ffi.new("complex[2]", { 1, 2 }, 3i) print(arr2[0], arr2[1])
local C = ffi.C
print(C.cabs(ffi.new("complex", 3, 4)), C.cabs(3), C.cabs(4i))
print(C.csqrt(-4), C.conj(ffi.new("complex", 1, 2)), C.creal(2 + 0), C.cimag(7i))
local p = C.cpow(1i, 2) print(string.format("%.6f %.6f", p.re, p.im))
print(C.cabsf(ffi.new("complex float", 3, 4)), C.conjf(2i))
print(pcall(ffi.cast, "void (*)(complex)", function() end))
