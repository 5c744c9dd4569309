local callable = setmetatable({}, {__call = function(self, x) return coroutine.yield(x) * 3 end})
local co = coroutine.create(function() return callable(5) + 1 end)
print(coroutine.resume(co))
print(coroutine.resume(co, 2))
