-- the final ';' may be left out only when the text is a single declaration
local ffi = require "ffi"
print(pcall(ffi.cdef, "int x1; int y1"))
print(pcall(ffi.cdef, "struct A1 {int a;}"))
print(pcall(ffi.cdef, "int x2, y2"))
print(pcall(ffi.cdef, ";int x3"))
print(pcall(ffi.cdef, "struct A2 {int a;}; struct A3 {int b;}"))
