local mt = {__mod = function(a, b) return "mod" end, __pow = function(a, b) return "pow" end, __div = function() return "div" end}
local t = setmetatable({}, mt)
print(t % 2, 2 % t, t ^ 2, 2 ^ t, t / 1, 1 / t)
