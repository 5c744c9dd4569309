local co = coroutine.wrap(function()
  local i, out = 0, {}
  while i < 3 do i = i + 1 out[#out + 1] = coroutine.yield(i) end
  repeat local v = coroutine.yield("r" .. i) i = i - 1 out[#out + 1] = v until i == 1
  return table.concat(out, ",")
end)
local r = {co()}
for k = 1, 5 do r[#r + 1] = co(k * 11) end
print(table.concat(r, " "))
