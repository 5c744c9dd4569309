-- ffi.C: missing declarations and enum constants
local ffi = require "ffi"
print(pcall(function() return ffi.C.strlen_undeclared end))
ffi.cdef"enum { C_CONST = 42 };"
print(ffi.C.C_CONST)
