local mt = {__index = function(t, k)
  local ok, v = pcall(function() return coroutine.yield("need " .. k) end)
  return ok and v or "failed"
end}
local co = coroutine.wrap(function()
  local ok, a = pcall(function() local t = setmetatable({}, mt) return t.alpha .. "+" .. t.beta end)
  return ok, a
end)
print(co()) print(co("A")) print(co("B"))
