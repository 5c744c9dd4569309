local main = coroutine.running()
local a
a = coroutine.create(function()
  local b = coroutine.create(function() return coroutine.status(a) end)
  return coroutine.resume(b)
end)
print(coroutine.resume(a))
print(coroutine.status(a))
print(pcall(coroutine.status, nil))
