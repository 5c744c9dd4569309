-- The same functions run on the main thread (main-thread bodies, no yield machinery) and inside coroutines
-- (ordinary bodies, which yield through them); known callees with direct entries, methods, varargs, tail calls.
local function add(a, b) return a + b end
local function step(n, f)
  local s = 0
  for i = 1, n do s = add(s, f(i)) end
  return s
end
local function relay(...) return select('#', ...), ... end
local obj = {k = 3}
function obj:scale(x) return x * self.k end
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + 1) end
local function tailOther(n) return step(n, function(i) return i end) end

print("main", step(5, function(i) return i * i end), relay(1, nil, 3), obj:scale(7), tail(100, 0), tailOther(4))

local co = coroutine.wrap(function()
  local r = step(4, function(i) return coroutine.yield(i) end)
  print("co sum", r)
  print("co relay", relay(coroutine.yield("relay")))
  print("co scale", obj:scale(coroutine.yield("scale")))
  print("co tail", tail(50, coroutine.yield("tail")), tailOther(3))
  return "done"
end)
local v = co()
while v ~= "done" do
  io.write(tostring(v), " ")
  if v == "relay" then v = co("x", nil, "z")
  elseif v == "scale" then v = co(5)
  elseif v == "tail" then v = co(7)
  else v = co(v * 10) end
end
print("end", v)
-- and back on the main thread after the coroutine ran the same code
print("main again", step(3, function(i) return -i end), obj:scale(2), tail(10, 1))
