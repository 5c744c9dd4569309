-- int64 cdata as loop accumulators and as table keys (by identity, as in LuaJIT).
local acc = 0LL
for i = 1, 100 do acc = acc * 3 + i end
print(acc)
local u = 1ULL
for _ = 1, 70 do u = u * 2 end
print(u)
local t = {}
local k1, k2 = 1LL, 1LL
t[k1] = "a" t[k2] = "b"
print(t[k1], t[k2], t[1])
local n = 0 for _ in pairs(t) do n = n + 1 end print(n)
local fib = { 0LL, 1LL }
for i = 3, 93 do fib[i] = fib[i - 1] + fib[i - 2] end
print(fib[93], fib[93] + fib[92])
