-- NULL pointers print as NULL
local ffi = require "ffi"
local p = ffi.new("int *")
print(p)
print(ffi.cast("void *", 0))
print(tostring(ffi.new("char *")))
local n = ffi.cast("void *", 0)
print(tostring(n) == "cdata<void *>: NULL")
