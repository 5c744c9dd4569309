local mt = {__concat = function(a, b) return (type(a) == "number" and "N" or "T") .. (type(b) == "number" and "N" or "T") end}
local t = setmetatable({}, mt)
print(1 .. t, t .. 2, 1.5 .. t)
print(pcall(function() return true .. t end))
