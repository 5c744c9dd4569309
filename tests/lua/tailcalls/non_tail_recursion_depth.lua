local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(10000))
local function f(n) return n == 0 and 0 or 1 + f(n - 1) end
print(f(15000))
