local co = coroutine.wrap(function()
  local a = coroutine.yield("1") and coroutine.yield("2") or coroutine.yield("3")
  local b = not coroutine.yield("4")
  local c = coroutine.yield("5") == coroutine.yield("6")
  local d = coroutine.yield("7") < 10
  return a, b, c, d
end)
print(co(), co(false), co("three"), co(nil), co("x"), co("x"), co(5))
