-- arithmetic on numeric cdata gives int64 results
local ffi = require "ffi"
print(ffi.new("int", 7) + 1, ffi.new("double", 1.5) + 1, ffi.new("uint8_t", 200) + 100)
print(ffi.new("uint64_t", 10) - 20, ffi.new("int16_t", -3) * 2LL)
