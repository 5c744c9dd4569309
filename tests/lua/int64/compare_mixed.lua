-- Comparisons between int64, uint64 and Lua numbers.
print(1LL == 1, 1LL == 1.5, 1LL < 2, 2 < 3LL, -1LL < 0ULL, 0ULL - 1 > 0LL)
print(1LL <= 1ULL, 2ULL >= 1LL, 0x7fffffffffffffffLL < 0x8000000000000000ULL)
print(1LL == 1LL, 1LL ~= 2LL, 1ULL == 1LL)
print(2^53 + 1 == 9007199254740993LL, 9007199254740993LL == 9007199254740992LL)
local t = { 5LL, 1LL, 3LL, -2LL, 0LL }
table.sort(t, function(a, b) return a < b end)
for i, v in ipairs(t) do io.write(tostring(v), " ") end print()
print(pcall(function() return 1LL < "2" end))
print(pcall(function() return 1LL < {} end))
print(1LL == "1", 1LL == nil, 1LL ~= false)
