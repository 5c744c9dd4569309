-- multi-dimensional arrays
local ffi = require "ffi"
ffi.cdef"struct grid { int cells[2][3]; };"
local g = ffi.new("struct grid")
for i = 0, 1 do for j = 0, 2 do g.cells[i][j] = i * 10 + j end end
print(g.cells[0][0], g.cells[0][2], g.cells[1][1], ffi.sizeof(g), ffi.sizeof("int[2][3]"))
print((tostring(g.cells[1]):gsub("0x%x+", "ADDR")))
