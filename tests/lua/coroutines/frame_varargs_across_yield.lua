local co = coroutine.wrap(function(...)
  local before = select("#", ...)
  coroutine.yield(before)
  local a, b, c = ...
  coroutine.yield(a, b, c)
  return select("#", ...), ...
end)
print(co(1, nil, 3, nil))
print(co())
print(co())
