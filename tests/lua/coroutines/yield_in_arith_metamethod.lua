local mt = {}
mt.__add = function(a, b) return coroutine.yield("adding") + 1 end
mt.__lt = function(a, b) return coroutine.yield("comparing") end
mt.__concat = function(a, b) return coroutine.yield("concat") end
local v = setmetatable({}, mt)
local co = coroutine.create(function()
  local s = v + 1
  local lt = v < v
  local c = v .. "x"
  return s, lt, c
end)
print(coroutine.resume(co))
print(coroutine.resume(co, 41))
print(coroutine.resume(co, false))
print(coroutine.resume(co, "joined"))
