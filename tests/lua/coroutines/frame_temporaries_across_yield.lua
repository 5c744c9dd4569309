-- Values computed before a yield, held only in temporaries, must survive the resume.
local function y(v) return coroutine.yield(v) end
local co = coroutine.wrap(function(a)
  local r = a * 10 + y("first") * 100 + y("second")
  local s = "<" .. a .. "|" .. y("third") .. "|" .. a * 2 .. ">"
  return r, s
end)
print(co(7))
print(co(3))
print(co(5))
print(co("mid"))
