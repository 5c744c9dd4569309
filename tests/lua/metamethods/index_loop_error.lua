local a = {}
setmetatable(a, {__index = a})
local ok, err = pcall(function() return a.x end)
print(ok, err)
