-- A string that converts to a number does not trigger the metamethod; one that does not does.
local mt = {__add = function(a, b) return "meta" end}
local t = setmetatable({}, mt)
print(pcall(function() return t + "10" end))
print(pcall(function() return "x" + 1 end))
getmetatable("").__add = function(a, b) return "string add" end
print("x" + 1, "10" + 1)
getmetatable("").__add = nil
