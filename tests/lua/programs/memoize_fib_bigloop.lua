local memo = setmetatable({}, {__mode = "k"})
local function memoize(f)
  local cache = {}
  memo[f] = cache
  return function(n) local v = cache[n] if v == nil then v = f(n) cache[n] = v end return v end
end
local fib
fib = memoize(function(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end)
print(fib(80), string.format("%.0f", fib(90)))
local sum = 0
for i = 1, 200000 do sum = (sum + i * i) % 1000007 end
print(sum)
