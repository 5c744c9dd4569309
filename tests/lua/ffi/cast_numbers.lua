-- ffi.cast between numbers
local ffi = require "ffi"
print(ffi.cast("int64_t", -1), ffi.cast("int64_t", 5), ffi.cast("intptr_t", 5))
local c = ffi.cast("uint8_t", 257)
print((tostring(c):gsub("0x%x+", "ADDR")))
print(ffi.cast("uint32_t", -1) and "ok")
print(ffi.cast("uint64_t", 3))
