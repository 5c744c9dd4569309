-- Unions and bit-field structs passed by value.
local ffi = require "ffi"
ffi.cdef [[
typedef union { uint32_t s_addr; uint8_t b[4]; } addr_u;
typedef struct { uint32_t a:8, b:8, c:8, d:8; } addr_bits;
typedef struct { uint8_t a, b; uint16_t cd; } addr_mixed;
char *inet_ntoa(addr_u);
]]
local C = ffi.C
local u = ffi.new("addr_u") u.b[0] = 192 u.b[1] = 168 u.b[2] = 0 u.b[3] = 1
print(ffi.string(C.inet_ntoa(u)))
print(ffi.string(C.inet_ntoa({0x01020304})))
local inet_bits = ffi.cast("char *(*)(addr_bits)", C.inet_ntoa)
print(ffi.string(inet_bits({10, 20, 30, 40})))
local inet_mixed = ffi.cast("char *(*)(addr_mixed)", C.inet_ntoa)
print(ffi.string(inet_mixed({1, 2, 0x0403})))
