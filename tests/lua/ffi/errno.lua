-- ffi.errno get and set
local ffi = require "ffi"
print(type(ffi.errno()))
ffi.errno(5)
print(ffi.errno())
print(ffi.errno(7), ffi.errno())
