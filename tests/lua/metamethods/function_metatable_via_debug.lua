-- Functions share one metatable slot; debug.setmetatable sets it for all functions.
debug.setmetatable(print, {__index = {describe = function(f) return "a function" end}, __concat = function(a, b) return "fn.." end})
local function f() end
print(f:describe(), print:describe(), f .. "x")
print(getmetatable(f) == getmetatable(print))
debug.setmetatable(print, nil)
print(getmetatable(f), pcall(function() return f:describe() end))
