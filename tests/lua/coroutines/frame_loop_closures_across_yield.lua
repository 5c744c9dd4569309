local co = coroutine.wrap(function()
  local fs = {}
  for i = 1, 3 do
    local j = i * 10
    fs[i] = function() return i + j end
    coroutine.yield(i)
    j = j + 1
  end
  return fs[1](), fs[2](), fs[3]()
end)
print(co(), co(), co(), co())
