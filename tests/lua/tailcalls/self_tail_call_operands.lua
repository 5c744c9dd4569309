-- return f(a, b) to the function itself with one argument per parameter: the arguments are held in IL locals
-- until the callee is known (no trip through the value stack), so every way an argument can depend on the
-- parameters being replaced, and every other callee the variable can hold, must still see the right values.

-- arguments that are the parameters themselves, swapped and repeated
local function swap(n, a, b)
  if n == 0 then return a, b end
  return swap(n - 1, b, a)
end
print(swap(3, "x", "y"), swap(4, "x", "y"))
local function rot(n, a, b, c)
  if n == 0 then return a .. b .. c end
  return rot(n - 1, c, a, b)
end
print(rot(1, "a", "b", "c"), rot(2, "a", "b", "c"), rot(5, "a", "b", "c"))
local function dup(n, a, b)
  if n == 0 then return a, b end
  return dup(n - 1, a + b, a)
end
print(dup(10, 1, 0))

-- arguments that are calls (their results in cleared temps), and a trailing call of 0, 1 or 2 results
local function id(...) return ... end
local function none() end
local function two() return "t1", "t2" end
local function calls(n, a, b)
  if n == 0 then return a, b end
  if n == 1 then return calls(0, id(a, "extra"), none()) end
  if n == 2 then return calls(1, b, two()) end
  return calls(n - 1, id(b), id(a))
end
print(calls(3, "p", "q"))
print(calls(2, "p", "q"))
print(calls(1, "p", "q"))

-- the ackermann shape: an operand argument before a trailing self call
local function ack(m, k)
  if m == 0 then return k + 1 end
  if k == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, k - 1))
end
print(ack(2, 3), ack(3, 3))

-- numbers at the edges, and strings coerced by the arithmetic in an argument
local function edges(n, x, acc)
  if n == 0 then return acc end
  return edges(n - 1, x, acc .. "," .. tostring(x * n))
end
print(edges(3, 0/0, ""), edges(2, -0, ""), edges(2, 1/0, ""), edges(2, 2^53, ""), edges(2, "3", ""))
local function coerce(n, s)
  if n == 0 then return s, type(s) end
  return coerce(n - 1, s + 1)
end
print(coerce(3, "10"), coerce(2, "0x10"))

-- an error raised while evaluating an argument, after earlier arguments were evaluated
local function bad(n, a, b)
  if n == 0 then return a, b end
  return bad(n - 1, a + 1, b.field)
end
print(pcall(bad, 2, 1, { field = { field = 5 } }))
print(pcall(bad, 2, 1, nil))

-- parameters captured by closures: each round gets a fresh cell with the new value
local cells = {}
local function captured(n, a, b)
  cells[#cells + 1] = function() return a, b end
  if n == 0 then return #cells end
  return captured(n - 1, b, a .. n)
end
print(captured(3, "a", "b"))
for i = 1, #cells do print(i, cells[i]()) end

-- the variable replaced: another Lua function, a host function, a callable table, a non-function
local function rec(n, a) if n == 0 then return "rec", a end return rec(n - 1, a .. n) end
local orig = rec
debug.setupvalue(orig, 1, function(n, a) return "replaced", n, a end)
print(orig(3, "s"))
debug.setupvalue(orig, 1, tostring)
print(orig(1, "s"))
debug.setupvalue(orig, 1, setmetatable({}, { __call = function(self, n, a) return "called", n, a end }))
print(orig(2, "s"))
debug.setupvalue(orig, 1, 42)
print(pcall(orig, 2, "s"))
-- and with a trailing call as the last argument
local function rec2(n, a) if n == 0 then return "rec2", a end return rec2(n - 1, id(a .. n)) end
local orig2 = rec2
debug.setupvalue(orig2, 1, function(...) return select("#", ...), ... end)
print(orig2(2, "s"))
debug.setupvalue(orig2, 1, rawequal)
print(pcall(orig2, 2, "s"))

-- a yield inside an argument's call and inside the trailing call, resumed into the self tail call
local function gen(n, acc)
  if n == 0 then return acc end
  return gen(n - 1, acc .. coroutine.yield(n))
end
local co = coroutine.wrap(gen)
print(co(3, ""), co("a"), co("b"), co("c"))
local function gen2(n, a, b)
  if n == 0 then return a, b end
  return gen2(n - 1, a + coroutine.yield(a), (coroutine.yield(b)))
end
local co2 = coroutine.wrap(gen2)
print(co2(2, 1, 2), co2(10), co2(20), co2(30), co2(40))

-- a value passed only through a tail call's argument must not stay reachable afterwards
local weak = setmetatable({}, { __mode = "k" })
local function pass(n, t)
  if n == 0 then return "passed" end
  return pass(n - 1, (function() local x = {} weak[x] = true return x end)())
end
print(pass(3, nil))
local function drop(n, t) if n == 0 then return "dropped" end return drop(n - 1, nil) end
print(drop(2, nil))
collectgarbage()
collectgarbage()
local left = 0
for _ in pairs(weak) do left = left + 1 end
print("weak keys left", left)

-- tracebacks and error levels after operand self tail calls
local function deep(n, a)
  if n == 0 then error("at the bottom " .. a, 1) end
  return deep(n - 1, a + n)
end
print(pcall(deep, 4, 0))
local function lvl(n, a)
  if n == 0 then return select(2, pcall(error, "level two " .. a, 2)) end
  return lvl(n - 1, a .. n)
end
print(lvl(3, "x"))
