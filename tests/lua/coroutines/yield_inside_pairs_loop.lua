local t = {10, 20, 30}
local co = coroutine.wrap(function()
  local total = 0
  for i, v in ipairs(t) do total = total + coroutine.yield(v) end
  return "total " .. total
end)
print(co())
print(co(1))
print(co(2))
print(co(3))
