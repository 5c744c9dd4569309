-- declarators nested inside out
local ffi = require "ffi"
print(ffi.typeof("int *(*)[2]"))
print(ffi.typeof("int (*(*)[2])[3]"))
print(ffi.sizeof("int (*(*)[2])[3]"))
print(ffi.typeof("char **const *"))
