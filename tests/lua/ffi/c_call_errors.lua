-- errors calling C: argument conversion, argument count, missing declarations and libraries
local ffi = require "ffi"
ffi.cdef "size_t strlen(const char *s); int abs(int x);"
print(pcall(function() return ffi.C.strlen(5) end))
print(pcall(function() return ffi.C.strlen() end))
print(pcall(function() return ffi.C.abs(1, 2) end))
print(pcall(function() return ffi.C.not_declared_anywhere end))
print(pcall(ffi.load, "nosuchlib_xyz"))
