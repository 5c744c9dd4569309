-- ffi.new and casts between integer widths.
local ffi = require "ffi"
print(ffi.new("int64_t", 2^62), ffi.new("uint64_t", -1))
print(tonumber(ffi.cast("int32_t", 0x123456789LL)), tonumber(ffi.cast("uint16_t", -1LL)), tonumber(ffi.cast("int8_t", 200LL)))
print(ffi.cast("int64_t", 0xffffffffffffffffULL), ffi.cast("uint64_t", -2LL))
print(tonumber(ffi.cast("double", 1LL + 2^53)), tonumber(ffi.cast("float", 16777217LL)))
print(ffi.cast("int64_t", 1e19), ffi.cast("int64_t", -1e19), ffi.cast("uint64_t", 1.5e19))
print(pcall(ffi.new, "int64_t", "12"))
print(pcall(ffi.new, "int64_t", {}))
local a = ffi.new("int64_t[3]", 1, 2LL, 3ULL)
print(a[0], a[1], a[2], a[0] + a[2])
