local t = setmetatable({}, {__index = function(_, k) return coroutine.yield("need " .. k) end})
local co = coroutine.create(function() return "value: " .. t.color end)
print(coroutine.resume(co))
print(coroutine.resume(co, "red"))
