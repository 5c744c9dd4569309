local mt = {__concat = function(a, b)
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  return coroutine.yield(x .. y)
end}
local o = setmetatable({v = "O"}, mt)
local co = coroutine.wrap(function() return "a" .. o .. "b" end)
print(co())
print(co("first"))
