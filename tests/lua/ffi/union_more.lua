-- Unions: size/alignment, type punning, nested anonymous members, initializers.
local ffi = require "ffi"
ffi.cdef [[
typedef union { double d; uint64_t u; uint32_t w[2]; uint8_t b[8]; } pun;
typedef struct { int kind; union { int i; float f; struct { short lo, hi; }; }; } tagged;
]]
local p = ffi.new("pun", { 1.0 })
print(ffi.sizeof("pun"), ffi.alignof("pun"), p.u, p.w[1], p.b[7])
p.u = 0x4000000000000000ULL print(p.d)
p.w[0] = 0 p.w[1] = 0xbff00000 print(p.d)
local t = ffi.new("tagged") t.kind = 1 t.i = 0x00020001
print(t.lo, t.hi, ffi.sizeof("tagged"), ffi.offsetof("tagged", "f"), ffi.offsetof("tagged", "hi"))
t.f = 1.5 print(t.i)
local u2 = ffi.new("union { int8_t a; int32_t b; }", -1) print(u2.a, u2.b)
print(pcall(ffi.new, "pun", 1, 2))
