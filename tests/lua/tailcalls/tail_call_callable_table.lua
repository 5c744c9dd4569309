local callable = setmetatable({}, {__call = function(self, n) return n * 2 end})
local function f(n) return callable(n) end
print(f(21))
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(pcall(loop, 200000))
