local function iter(_, i) i = i + 1 if i <= 3 then coroutine.yield("iter " .. i) return i end end
local co = coroutine.create(function()
  local sum = 0
  for i in iter, nil, 0 do sum = sum + i end
  return sum
end)
for _ = 1, 5 do print(coroutine.resume(co)) end
