-- Callbacks with doubles, floats, 64-bit integers, pointers and bool through cast function pointers.
local ffi = require "ffi"
local dd = ffi.cast("double (*)(double, double)", function(a, b) return a * b + 0.5 end)
print(dd(1.5, 4), dd(-2, 0.25))
local ff = ffi.cast("float (*)(float)", function(x) return x / 3 end)
print(string.format("%.5f", ff(1)))
local ll = ffi.cast("int64_t (*)(int64_t, uint64_t)", function(a, b) return a + b end)
print(ll(2^40, 5ULL), ll(-1LL, 0))
local pp = ffi.cast("const char *(*)(const char *)", function(s) return s + 2 end)
print(ffi.string(pp("abcdef")))
local bb = ffi.cast("bool (*)(int)", function(x) return x > 3 end)
print(bb(5), bb(1))
local vv = ffi.cast("void (*)(int *)", function(p) p[0] = p[0] * 7 end)
local box = ffi.new("int[1]", 6) vv(box) print(box[0])
local sm = ffi.cast("int8_t (*)(int8_t)", function(x) return x + 1 end)
print(sm(127), sm(-5))
local many = ffi.cast("double (*)(int, double, int, double, int, double, int, double, int, double)",
  function(a, b, c, d, e, f, g, h, i, j) return a + b + c + d + e + f + g + h + i + j end)
print(many(1, 0.5, 2, 0.25, 3, 0.125, 4, 0.0625, 5, 0.03125))
