debug.setmetatable(nil, {__index = function(_, k) return "nil." .. k end})
local x = nil
print(x.anything, pcall(function() return x.y end))
debug.setmetatable(nil, nil)
print(pcall(function() return x.y end))
debug.setmetatable(true, {__tostring = function(b) return b and "YES" or "NO" end, __len = function() return 2 end})
print(tostring(true), tostring(false), #true)
debug.setmetatable(true, nil)
print(tostring(true))
