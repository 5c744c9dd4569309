-- A yield inside a wrapped coroutine goes to that wrap's caller, not further out.
local outer = coroutine.create(function()
  local inner = coroutine.wrap(function() coroutine.yield("inner") return "inner done" end)
  local a = inner()
  local b = inner()
  coroutine.yield(a .. "|" .. b)
  return "outer done"
end)
print(coroutine.resume(outer))
print(coroutine.resume(outer))
