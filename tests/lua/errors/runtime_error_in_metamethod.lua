local t = setmetatable({}, {__index = function(_, k) return k + 1 end})
print(pcall(function() return t.name end))
local u = setmetatable({}, {__add = function(a, b) return a.x + b end})
print(pcall(function() return u + 1 end))
