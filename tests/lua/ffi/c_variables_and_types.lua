-- function pointer types from declarations; calling through ffi.C keeps working across calls
local ffi = require "ffi"
ffi.cdef[[
typedef int (*binop_t)(int, int);
int abs(int);
long labs(long);
double fabs(double);
float fabsf(float);
]]
print(ffi.C.abs(-3), ffi.C.labs(-4), ffi.C.fabs(-2.5), ffi.C.fabsf(-1.25))
for i = 1, 3 do io.write(ffi.C.abs(-i), " ") end
print()
print(ffi.typeof("binop_t"))
