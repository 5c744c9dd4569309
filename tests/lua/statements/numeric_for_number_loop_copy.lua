-- Numeric for loops whose bodies are only arithmetic on locals, comparisons, if, break and constant flags
-- run as a copy in doubles when their variables hold numbers at entry; anything else runs the ordinary loop.
-- Every case here prints values that must match whichever path ran.

-- Mandelbrot's inner loop, with a flag and a break.
local function escapes(Cr, Ci, iter)
  local Zr, Zi, Zrq, Ziq = 0.0, 0.0, 0.0, 0.0
  local escaped = false
  local n = 0
  for _ = 1, iter do
    Zi = 2 * Zr * Zi + Ci
    Zr = Zrq - Ziq + Cr
    Zrq = Zr * Zr
    Ziq = Zi * Zi
    n = n + 1
    if Zrq + Ziq > 4.0 then escaped = true; break end
  end
  return escaped, n, Zr, Zi
end
print(escapes(0.3, 0.5, 50))
print(escapes(-0.5, 0.1, 50))
print(escapes(1, 1, 50))

-- Integer-valued results print as integers after the write-back; floats, -0, inf, nan as Lua prints them.
local a, b, c, d = 0, 1, 0.5, 0
for i = 1, 10 do a = a + i; b = b * 2; c = c / 2; d = -d end
print(a, b, c, d, 1 / d)
local big = 2 ^ 53
for _ = 1, 3 do big = big + 1 end
print(big, string.format("%.0f", big))
local inf, nan, z = 1, 0, 0
for _ = 1, 2000 do inf = inf * 2 end
for _ = 1, 1 do nan = inf - inf; z = -z * 0 end
print(inf, -inf, nan ~= nan, z, 1 / z)
local negz = -0.0
for _ = 1, 1 do negz = negz * 1 end
print(1 / negz)

-- Modulo and power with Lua's semantics (sign of the divisor, fractional powers).
local m1, m2, m3, p1, p2 = 0, 0, 0, 0, 0
for i = -3, 3 do
  m1 = m1 + i % 4
  m2 = m2 + i % -4
  m3 = m3 + 5.5 % (i + 0.5)
  p1 = p1 + 2 ^ i
  p2 = p2 + (i + 4) ^ 0.5
end
print(m1, m2, m3, p1, p2)
local mz = 0
for _ = 1, 1 do mz = 1 % 0 end
print(mz ~= mz)

-- Steps: negative, fractional, from a variable, NaN and infinite bounds, zero iterations.
local s1, s2, s3, s4, s5 = 0, 0, 0, 0, 0
for i = 10, 1, -3 do s1 = s1 + i end
for i = 0, 1, 0.25 do s2 = s2 + i end
local st = 2
for i = 1, 9, st do s3 = s3 + i end
for i = 1, 0 / 0 do s4 = s4 + 1 end
for i = 1, 0 do s5 = s5 + 1 end
print(s1, s2, s3, s4, s5)

-- Counters of enclosing loops, and else/elseif branches.
local acc, lows, mids, highs = 0, 0, 0, 0
for i = 1, 4 do
  for j = 1, 5 do
    acc = acc + i * j
    if j < 2 then lows = lows + 1 elseif j == 3 then mids = mids + 1 else highs = highs + j end
  end
end
print(acc, lows, mids, highs)

-- Multiple assignment: values first, then targets right to left.
local x, y = 1, 2
for _ = 1, 5 do x, y = y, x + y end
print(x, y)
local w = 0
for _ = 1, 1 do w, w = 1, 2 end
print(w)

-- Locals declared in the body, shadowing outer ones.
local t = 100
local sum = 0
for i = 1, 3 do
  local t = i * 2
  local u, v = t + 1, t - 1
  sum = sum + t + u * v
end
print(t, sum)

-- A variable that is not a number at entry: the ordinary loop (string coercion, then a number).
local sv = "10"
for _ = 1, 3 do sv = sv + 1 end
print(sv, type(sv))
local sv2 = "0x10"
local r = 0
for _ = 1, 2 do r = r + sv2 * 2 end
print(r)

-- A table with __add and __lt at entry: metamethods run in the ordinary loop.
local mt = {}
mt.__add = function(p, q) return setmetatable({ n = (type(p) == "table" and p.n or p) + (type(q) == "table" and q.n or q) }, mt) end
mt.__lt = function(p, q) return (type(p) == "table" and p.n or p) < (type(q) == "table" and q.n or q) end
local obj = setmetatable({ n = 1 }, mt)
local hits = 0
local eight = setmetatable({ n = 8 }, mt)
for i = 1, 4 do
  obj = obj + i
  if obj < eight then hits = hits + 1 end
end
print(obj.n, hits)

-- Errors in the ordinary loop keep their messages.
print(pcall(function()
  local e = {}
  local q = 0
  for i = 1, 2 do q = q + e end
  return q
end))
print(pcall(function()
  local e
  for i = 1, 2 do if e < i then e = 1 end end
end))
print(pcall(function()
  local q = 0
  local e = "x"
  for i = 1, 2 do q = q + e * i end
end))

-- nil at entry (assigned only in the loop): the ordinary loop, same result.
local last
for i = 1, 3 do last = i * 10 end
print(last)

-- A variable captured by a closure later in the function is not copied; its value is seen by the closure.
local cap = 0
for i = 1, 5 do cap = cap + i end
local get = function() return cap end
print(cap, get())

-- Yields around such loops in a coroutine.
local co = coroutine.wrap(function()
  local v = 1
  for k = 1, 3 do
    for _ = 1, 4 do v = v * 2 end
    coroutine.yield(v, k)
  end
  return "done", v
end)
print(co()) print(co()) print(co()) print(co())

-- The global math.huge and friends are not locals: such loops stay ordinary.
local g = 0
for i = 1, 3 do g = g + math.pi * i end
print(string.format("%.10f", g))
