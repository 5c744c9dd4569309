local mt1 = {__add = function() return "first" end}
local mt2 = {__add = function() return "second" end}
local a, b = setmetatable({}, mt1), setmetatable({}, mt2)
print(a + b, b + a, 1 + b, a + 1)
print(pcall(function() return {} + b end))
