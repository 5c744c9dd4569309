-- Metatypes: methods, __call, __len, __concat, __unm, __lt/__le, __tostring; metatables are protected.
local ffi = require "ffi"
ffi.cdef "typedef struct { double x, y; } vec2;"
local vec2
local mt = {
  __add = function(a, b) return vec2(a.x + b.x, a.y + b.y) end,
  __sub = function(a, b) return vec2(a.x - b.x, a.y - b.y) end,
  __mul = function(a, s) return vec2(a.x * s, a.y * s) end,
  __unm = function(a) return vec2(-a.x, -a.y) end,
  __len = function(a) return math.sqrt(a.x * a.x + a.y * a.y) end,
  __eq = function(a, b) return a.x == b.x and a.y == b.y end,
  __lt = function(a, b) return #a < #b end,
  __le = function(a, b) return #a <= #b end,
  __concat = function(a, b) return tostring(a) .. "&" .. tostring(b) end,
  __tostring = function(a) return ("(%g,%g)"):format(a.x, a.y) end,
  __call = function(a, k) return a.x * k end,
  __index = { dot = function(a, b) return a.x * b.x + a.y * b.y end, kind = "vec2" },
}
vec2 = ffi.metatype("vec2", mt)
local a, b = vec2(3, 4), vec2(1, 2)
print(tostring(a + b), tostring(a - b), tostring(a * 2), tostring(-a))
print(#a, a == vec2(3, 4), a ~= b, b < a, a <= b)
print(a .. b, a(10), a:dot(b), a.kind)
print(pcall(ffi.metatype, "vec2", {}))
print(pcall(setmetatable, a, {}))
print(getmetatable(a) == mt, getmetatable(vec2) == mt)
local p = ffi.new("vec2[1]", {{5, 6}})
print(tostring(p[0]), p[0]:dot(a))
local ptr = ffi.cast("vec2 *", p)
print(ptr.x, ptr:dot(a), tostring(ptr[0]))
print(pcall(function() return a.z end))
print(pcall(function() a.z = 1 end))
