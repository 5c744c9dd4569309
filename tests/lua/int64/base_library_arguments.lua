-- 64-bit cdata where the base library wants numbers (tonumber, string.rep, select, for, math).
local ffi = require "ffi"
-- 64-bit integer edge cases in conversions to Lua numbers and keys
print(tonumber(0x7fffffffffffffffLL), tonumber(0xffffffffffffffffULL), tonumber(-0x7fffffffffffffffLL - 1))
print(2^63 == tonumber(0x8000000000000000ULL), 0x8000000000000000ULL == 2^63)
print(math.floor(tonumber(12345678901234LL) / 1000))
print(ffi.new("uint64_t", 2^64 - 1), ffi.new("int64_t", -2^63), tonumber(ffi.new("uint32_t", -1)), tonumber(ffi.new("uint32_t", 2^32 + 5)))
print(tostring(1LL):len(), pcall(string.rep, "x", 3LL))
print(pcall(string.rep, "x", 2ULL))
print(("x"):rep(tonumber(3LL)), pcall(select, 2LL, "a", "b", "c"))
print(pcall(function() local t = {} t[1LL] = 1 return t[1] end))
print(pcall(function() for i = 1LL, 2 do end end))
print(math.max(1, tonumber(5LL)), pcall(math.max, 1, 5LL))
print(pcall(math.floor, 2LL), pcall(math.abs, -2LL))
