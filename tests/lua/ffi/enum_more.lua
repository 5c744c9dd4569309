-- Enums: constants, implicit values, negative and large values, conversions and comparisons.
local ffi = require "ffi"
ffi.cdef [[
enum color { RED, GREEN = 5, BLUE, NEG = -3, BIG = 0x7fffffff };
typedef enum { SMALL_A = 1 << 2, SMALL_B = SMALL_A | 1 } small_e;
struct paint { enum color c; small_e s; };
]]
local C = ffi.C
print(C.RED, C.GREEN, C.BLUE, C.NEG, C.BIG, C.SMALL_A, C.SMALL_B)
print(ffi.sizeof("enum color"), ffi.sizeof("small_e"))
local p = ffi.new("struct paint", { "BLUE", C.SMALL_B })
print(p.c == C.BLUE, p.c == "BLUE", tonumber(p.c), tonumber(p.s))
p.c = "NEG" print(tonumber(p.c))
p.c = 7 print(tonumber(p.c), p.c == C.BLUE)
print(pcall(function() p.c = "PURPLE" end))
local e = ffi.new("enum color", "GREEN") print(tonumber(e), e == 5, e + 1)
print(ffi.cast("enum color", 6) == C.BLUE, tonumber(ffi.cast("enum color", "BIG")))
print(pcall(function() return C.PURPLE end))
print(e == "GREEN", "GREEN" == e, e == "RED", e == "PURPLE", e ~= "BLUE")
