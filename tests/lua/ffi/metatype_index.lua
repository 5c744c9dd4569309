-- ffi.metatype __index table: methods on structs, members first
local ffi = require "ffi"
ffi.cdef"struct point { double x, y; };"
local mt = { __index = { len = function(p) return math.sqrt(p.x * p.x + p.y * p.y) end, name = "pt" } }
local Point = ffi.metatype("struct point", mt)
local p = ffi.new("struct point", 3, 4)
print(p:len(), p.name, p.x)
print(Point == nil, tostring(Point))
