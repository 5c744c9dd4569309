local mt = getmetatable("")
print(type(mt), mt.__index == string)
string.shout = function(s) return s:upper() .. "!" end
print(("hey"):shout())
print(pcall(function() return ("x").nofield end))
print(pcall(function() return ("x"):nomethod() end))
