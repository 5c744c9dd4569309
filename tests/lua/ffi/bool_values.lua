-- bool storage and reads
local ffi = require "ffi"
local b = ffi.new("bool[4]", true, 0, 2, false)
print(b[0], b[1], b[2], b[3])
ffi.cdef"struct bb { bool f; };"
local s = ffi.new("struct bb", true)
print(s.f)
