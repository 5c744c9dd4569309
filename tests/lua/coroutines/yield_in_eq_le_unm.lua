local mt = {}
mt.__eq = function() return coroutine.yield("eq") end
mt.__le = function() return coroutine.yield("le") end
mt.__unm = function() return coroutine.yield("unm") end
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local co = coroutine.create(function() return a == b, a <= b, -a end)
print(coroutine.resume(co))
print(coroutine.resume(co, true))
print(coroutine.resume(co, false))
print(coroutine.resume(co, "neg"))
