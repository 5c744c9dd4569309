-- Bit-fields: signed/unsigned widths, wrap on store, layout across units.
local ffi = require "ffi"
ffi.cdef [[
typedef struct { unsigned a:1, b:3, c:4; signed d:4; unsigned e:20; } bf1;
typedef struct { uint8_t x:4; uint8_t y:6; uint16_t z:9; } bf2;
typedef struct { int lo:16; int :0; int hi:16; } bf3;
typedef struct { bool flag:1; uint64_t big:40; } bf4;
]]
local s = ffi.new("bf1")
s.a = 3 s.b = 9 s.c = 15 s.d = 7 s.e = 0xfffff
print(s.a, s.b, s.c, s.d, s.e)
s.d = 8 print(s.d) s.d = -9 print(s.d) s.d = -1 print(s.d)
print(ffi.sizeof("bf1"), ffi.sizeof("bf2"), ffi.sizeof("bf3"), ffi.sizeof("bf4"))
print(ffi.offsetof("bf2", "y"), ffi.offsetof("bf2", "z"), ffi.offsetof("bf3", "hi"))
local t = ffi.new("bf2", { 15, 63, 511 }) print(t.x, t.y, t.z)
local raw = ffi.cast("uint8_t *", t) print(raw[0], raw[1], raw[2], raw[3])
local u = ffi.new("bf4") u.flag = true u.big = 2^39 + 5
print(u.flag, u.big)
local w = ffi.new("bf3", { -1, 7 }) print(w.lo, w.hi)
