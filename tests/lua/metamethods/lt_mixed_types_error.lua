local mt = {__lt = function() return true end}
local t = setmetatable({}, mt)
print(pcall(function() return t < 1 end))
print(pcall(function() return "a" < t end))
print(pcall(function() return t < t end))
