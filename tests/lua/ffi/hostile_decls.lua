-- malformed declarations fail with errors, never crash
local ffi = require "ffi"
print(pcall(ffi.cdef, string.rep("(", 1000)))
print(pcall(ffi.cdef, "struct {"))
print(pcall(ffi.cdef, "int a[" .. string.rep("1+", 10) .. "1];"))
print(pcall(ffi.cdef, "enum { X = 1/0 };") == false)
print(pcall(ffi.typeof, string.rep("*", 10)))
