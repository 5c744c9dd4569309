local function descend(n) if n == 0 then return coroutine.yield("bottom") end return descend(n - 1) + 1 end
local co = coroutine.create(function() return descend(200) end)
print(coroutine.resume(co))
print(coroutine.resume(co, 0))
