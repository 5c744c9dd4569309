-- ffi.string with and without a length, embedded NULs
local ffi = require "ffi"
print(ffi.string("abcdef", 3))
local buf = ffi.new("char[8]", "hi")
print(ffi.string(buf), #ffi.string(buf), #ffi.string(buf, 8))
local z = ffi.new("uint8_t[3]", 0, 65, 66)
print(#ffi.string(z, 3), ffi.string(z + 1, 2))
