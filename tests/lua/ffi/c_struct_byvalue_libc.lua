-- Structs passed and returned by value through libc (System V classification).
local ffi = require "ffi"
ffi.cdef [[
typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;
div_t div(int, int);
ldiv_t ldiv(long, long);
lldiv_t lldiv(long long, long long);
struct in_addr { uint32_t s_addr; };
char *inet_ntoa(struct in_addr);
]]
local C = ffi.C
-- one INTEGER eightbyte holding two ints
local d = C.div(7, 2)
print(d.quot, d.rem, ffi.sizeof(d), ffi.istype("div_t", d))
d = C.div(-7, 2) print(d.quot, d.rem)
-- two INTEGER eightbytes
local l = C.ldiv(-7000000000, 3) print(l.quot, l.rem)
local ll = C.lldiv(2^53, 1000) print(ll.quot, ll.rem)
-- the result is a fresh object, not a reference
local d2 = C.div(9, 4) d2.quot = 100 print(d2.quot, C.div(9, 4).quot)
-- a 4-byte struct argument from a cdata, a table and a cdata reference
local a = ffi.new("struct in_addr", {0x0100007f})
print(ffi.string(C.inet_ntoa(a)))
print(ffi.string(C.inet_ntoa({0x0403020a})))
local holder = ffi.new("struct { struct in_addr addr; }", {{0x08080808}})
print(ffi.string(C.inet_ntoa(holder.addr)))
-- wrong argument types
print(pcall(C.inet_ntoa, 5))
print(pcall(C.inet_ntoa, "x"))
print(pcall(C.inet_ntoa, ffi.new("div_t")))
for i = 1, 3 do local r = C.div(i * 10, 3) io.write(r.quot, ":", r.rem, " ") end print()
