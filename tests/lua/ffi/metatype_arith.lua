-- ffi.metatype arithmetic, comparison, length, concat, tostring
local ffi = require "ffi"
ffi.cdef"struct vec { double x, y; };"
local V
V = ffi.metatype("struct vec", {
  __add = function(a, b) return V(a.x + b.x, a.y + b.y) end,
  __eq = function(a, b) return a.x == b.x and a.y == b.y end,
  __lt = function(a, b) return a.x < b.x end,
  __le = function(a, b) return a.x <= b.x end,
  __unm = function(a) return ffi.new("struct vec", -a.x, -a.y) end,
  __len = function(a) return 2 end,
  __concat = function(a, b) return "vec..vec" end,
  __tostring = function(a) return "vec(" .. a.x .. "," .. a.y .. ")" end,
})
local a, b = ffi.new("struct vec", 1, 2), ffi.new("struct vec", 3, 4)
print(tostring(a), tostring(-a), #a, a .. b, a < b, b <= a)
