-- ffi.typeof and ffi.cdef with $ parameters
local ffi = require "ffi"
local int_t = ffi.typeof("int")
local p = ffi.typeof("$ *", int_t)
print(p)
print(ffi.typeof("$[3]", int_t))
print(ffi.typeof("$[$]", int_t, 5), ffi.sizeof(ffi.typeof("$[$]", int_t, 5)))
ffi.cdef("struct $ { $ a; };", "withparam", int_t)
print(ffi.sizeof("struct withparam"))
print(pcall(ffi.typeof, "$ *"))
print(pcall(ffi.typeof, "int", 1))
