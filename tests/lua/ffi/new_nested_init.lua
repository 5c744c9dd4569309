-- nested table initializers for structs and arrays of structs
local ffi = require "ffi"
ffi.cdef"struct pt { int x, y; }; struct line { struct pt a, b; int w; };"
local l = ffi.new("struct line", {{1, 2}, {x = 3, y = 4}, 5})
print(l.a.x, l.a.y, l.b.x, l.b.y, l.w)
local pts = ffi.new("struct pt[2]", {{1, 2}, {3, 4}})
print(pts[0].x, pts[0].y, pts[1].x, pts[1].y)
