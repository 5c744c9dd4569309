local t = setmetatable({}, {__tostring = function() coroutine.yield("y") return "s" end})
local co = coroutine.create(function() return tostring(t) end)
print(coroutine.resume(co))
