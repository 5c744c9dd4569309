local co = coroutine.wrap(function(limit, step)
  local acc = {}
  for i = limit, 1, step do
    acc[#acc + 1] = i
    coroutine.yield(i)
  end
  for k, v in ipairs({"x", "y"}) do acc[#acc + 1] = k .. v coroutine.yield(v) end
  return table.concat(acc, " ")
end)
print(co(10, -3), co(), co(), co(), co(), co(), co())
