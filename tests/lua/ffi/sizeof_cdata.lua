-- ffi.sizeof/alignof of cdata values
local ffi = require "ffi"
print(ffi.sizeof(ffi.new("int[7]")), ffi.sizeof(ffi.new("double")), ffi.sizeof(1LL))
ffi.cdef"struct sz { char c[13]; };"
print(ffi.sizeof(ffi.new("struct sz")), ffi.alignof(ffi.new("struct sz")))
