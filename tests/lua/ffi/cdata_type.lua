-- type() of every cdata is "cdata"
local ffi = require "ffi"
print(type(ffi.new("int")), type(ffi.typeof("int")), type(1LL), type(ffi.cast("void*", 0)))
