-- ffi.offsetof, with bit position and width for bit-fields
local ffi = require "ffi"
ffi.cdef"struct OB { int a:3; int b:5; unsigned c:30; double d; };"
print(ffi.offsetof("struct OB", "a"))
print(ffi.offsetof("struct OB", "b"))
print(ffi.offsetof("struct OB", "c"))
print(ffi.offsetof("struct OB", "d"))
print(ffi.offsetof("struct OB", "zz"))
