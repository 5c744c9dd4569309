-- Metamethods are looked up raw in the metatable, not through its __index.
local proto = {__add = function() return "added" end}
local mt = setmetatable({}, {__index = proto})
local t = setmetatable({}, mt)
print(pcall(function() return t + 1 end))
mt.__add = proto.__add
print(t + 1)
