-- Calling C through function pointer cdata (casts, struct members, arrays of pointers).
local ffi = require "ffi"
ffi.cdef [[
int abs(int);
double fabs(double);
size_t strlen(const char *);
typedef int (*int_fn)(int);
struct ops { int_fn f; double (*g)(double); };
]]
local C = ffi.C
local p = ffi.cast("int_fn", C.abs)
print(p(-3), p(4), ffi.typeof(p), type(p))
print(pcall(p, "x"))
print(pcall(p))
print(pcall(p, 1, 2))
local s = ffi.new("struct ops", {C.abs, C.fabs})
print(s.f(-9), s.g(-2.5))
print(ffi.cast("int(*)(int)", C.abs)(-2))
local arr = ffi.new("int_fn[2]", {C.abs, C.abs})
print(arr[1](-77))
local len = ffi.cast("size_t (*)(const char *)", C.strlen)
print(len("hello"), tonumber(len("")))
print(ffi.cast("void *", C.abs) ~= nil, ffi.cast("int_fn", C.abs) == ffi.cast("int_fn", C.abs))
local q = ffi.cast("int_fn", C.abs)
print(q == p, rawequal(q, p))
