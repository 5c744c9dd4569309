local co = coroutine.wrap(function(...)
  local log = {select("#", ...)}
  for i = 1, 3 do log[#log + 1] = select("#", coroutine.yield()) end
  return table.concat(log, ",")
end)
co(1, 2) co() co(nil) print(co(1, 2, 3))
