-- char arrays initialized from strings
local ffi = require "ffi"
print(ffi.string(ffi.new("char[5]", "abcdef"), 5))
print(ffi.string(ffi.new("char[?]", 3, "ab")))
print(ffi.string(ffi.new("char[10]", "hello")))
local buf = ffi.new("uint8_t[4]", "AB")
print(buf[0], buf[1], buf[2], buf[3])
