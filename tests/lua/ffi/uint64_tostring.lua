-- 64-bit cdata print as 1LL/1ULL
local ffi = require "ffi"
for _, v in ipairs{0, 1, 255, 2^32, 2^53} do print(ffi.new("uint64_t", v), ffi.new("int64_t", -v)) end
print(ffi.new("uint64_t", -1), ffi.new("int64_t", 2^63))
