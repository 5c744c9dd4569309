print(coroutine.isyieldable())
print(coroutine.wrap(function() return coroutine.isyieldable() end)())
local co = coroutine.create(function() return pcall(coroutine.isyieldable) end)
print(coroutine.resume(co))
local co2 = coroutine.create(function()
  local r
  table.sort({1, 2}, function(a, b) r = coroutine.isyieldable() return a < b end)
  return r
end)
print(coroutine.resume(co2))
