local co = coroutine.wrap(function()
  local n = 0
  local function inc() n = n + 1 return n end
  local function get() return n end
  inc()
  coroutine.yield(get())
  inc() inc()
  local v = coroutine.yield(get())
  n = n + v
  return get(), inc()
end)
print(co()) print(co()) print(co(100))
