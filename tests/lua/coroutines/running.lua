print(coroutine.running())
local co = coroutine.create(function()
  local me = coroutine.running()
  return type(me), me == co_ref
end)
co_ref = co
print(coroutine.resume(co))
