-- Pointer arithmetic: element scaling, differences, comparisons, void pointers, int64 offsets.
local ffi = require "ffi"
local a = ffi.new("int32_t[10]") for i = 0, 9 do a[i] = i * 10 end
local p = a + 2
print(p[0], (p + 3)[0], (p - 2)[0], p[-1], (3 + p)[0])
local q = a + 9
print(q - p, p - q, tonumber(ffi.cast("intptr_t", q) - ffi.cast("intptr_t", p)))
print(p < q, q <= p, p == a + 2, p ~= q)
print((p + 1LL)[0], (p + 2ULL)[0], (q - 1LL)[0])
local d = ffi.new("double[4]", 1, 2, 3, 4)
local dp = ffi.cast("double *", d)
print((dp + 3)[0], (dp + 3) - dp)
local s = ffi.new("struct { int a; char b; }[3]")
print(ffi.cast("char *", s + 1) - ffi.cast("char *", s))
print(pcall(function() return p + q end))
print(pcall(function() return p - d end))
print(pcall(function() return p * 2 end))
local vp = ffi.cast("void *", a)
print(pcall(function() return vp + 1 end))
local cp = ffi.cast("const char *", "hello")
print(ffi.string(cp + 1), ffi.string(cp + 4, 1), (cp + 1)[0])
local ip, up = ffi.cast("int *", a), ffi.cast("unsigned int *", a)
local cip, vp2 = ffi.cast("const int *", a), ffi.cast("void *", a)
print(ip < up, ip - up, ip - cip, cip <= ip)
print(pcall(function() return ip - vp2 end))
print(pcall(function() return vp2 < ip end))
print(pcall(function() return ip < ffi.cast("double *", a) end))
print(pcall(function() return ip - ffi.cast("float *", a) end))
print((ip + 1.9) - ip, (ip - 1.2) - ip)
