-- stores into 64-bit integers, including out-of-range doubles
local ffi = require "ffi"
local u64 = ffi.new("uint64_t[1]")
for _, d in ipairs{-1, -0.5, 2^63, 2^64, 1.8e19, 2^64 + 2^12, 3, 1e30} do u64[0] = d print(d, u64[0]) end
local i64 = ffi.new("int64_t[1]")
for _, d in ipairs{1e30, -1e30, 2^53, -2^53, 0.75} do i64[0] = d print(d, i64[0]) end
