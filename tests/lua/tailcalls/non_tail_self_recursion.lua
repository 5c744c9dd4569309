-- A recursive local function's non-tail calls to itself (fib's shape): every level must be visible exactly
-- as a call, whatever the compiler does with the recursion (inlining one level of it, say): errors and their
-- positions at each level, error(msg, 2), tracebacks, debug.getinfo, stack overflow, yields from metamethods
-- at each level, the variable replaced mid-recursion, non-number arguments, and the results in every context.

local function fib(k)
  if k < 2 then return k end
  return fib(k - 1) + fib(k - 2)
end
print(fib(0), fib(1), fib(2), fib(10), fib(20), fib(2.5), fib(-1), fib(-0))
print(pcall(fib, "10"), pcall(fib, "x"), pcall(fib, nil), pcall(fib, {}))
-- strings coerced by the arithmetic at each level (the comparison is on a number)
local function half(k, n)
  if n == 0 then return k end
  return 1 + half(k / 2, n - 1)
end
print(half("64", 0), half("64", 1), half(" 0x40 ", 3), pcall(half, "z", 2), half(1/0, 2), half(-0, 1))

-- an error raised at depth d (counted from 1 at the first call), with its position and traceback
local function levels()
  local t = {}
  for level = 2, 7 do
    local info = debug.getinfo(level, "nSl")
    if not info then break end
    t[#t + 1] = tostring(info.name) .. ":" .. tostring(info.currentline) .. ":" .. info.what
  end
  return table.concat(t, " ")
end
local function deep(k, d, mode)
  if k == d then
    if mode == "error" then error("at " .. k) end
    if mode == "level2" then error("level 2 at " .. k, 2) end
    if mode == "arith" then return k + {} end
    if mode == "traceback" then return (debug.traceback("tb", 1):gsub("\n[^\n]*%[C%][^\n]*", "")) end
    if mode == "getinfo" then return (levels()) end
    return k
  end
  local r = deep(k + 1, d, mode)
  return r
end
for d = 1, 4 do
  print(d, "error", pcall(deep, 1, d, "error"))
  print(d, "level2", pcall(deep, 1, d, "level2"))
  print(d, "arith", pcall(deep, 1, d, "arith"))
  print(d, deep(1, d, "traceback"))
  print(d, deep(1, d, "getinfo"))
end

-- the same with a smaller body (one that a compiler may copy into itself)
local function tb(k, d)
  if k == d then return (levels()) end
  local r = tb(k + 1, d)
  return r
end
local function tb2(k, d)
  if k == d then return (debug.traceback("tb2", 1):gsub("\n[^\n]*%[C%][^\n]*", "")) end
  local r = tb2(k + 1, d)
  return r
end
local function er(k, d, level)
  if k == d then error("at " .. k, level) end
  local r = er(k + 1, d, level)
  return r
end
for d = 1, 4 do
  print(d, tb(1, d))
  print(d, tb2(1, d))
  print(d, pcall(er, 1, d, 1))
  print(d, pcall(er, 1, d, 2))
  print(d, pcall(er, 1, d, 3))
end

-- a value-context recursion (the result used in an expression), failing at each depth
local function sum(k, fail)
  if k == fail then error("fail " .. k) end
  if k <= 0 then return 0 end
  return k + sum(k - 1, fail)
end
for fail = 0, 4 do print(pcall(sum, 3, fail)) end
local function count(k)
  if k <= 0 then return 0 end
  return 1 + count(k - 1) + 0 * count(0)
end
print(count(5), pcall(count, "3"), pcall(count, "z"))

-- error(msg, 2) from the inner levels names the caller's line
local function lvl(k)
  if k == 0 then error("lvl", 2) end
  return (lvl(k - 1))
end
for k = 0, 3 do print(pcall(lvl, k)) end

-- results in every context: several, none, used as arguments and in constructors
local function multi(k)
  if k <= 0 then return end
  local a = multi(k - 1)
  return k, a
end
local a, b = multi(3)
print(a, b, select("#", multi(0)), select("#", multi(2)))
print(({ multi(2) })[1], #{ multi(3) }, tostring(multi(1)))
local function pair(k)
  if k < 1 then return k end
  return pair(k - 1) * 2
end
print(pair(3), pair(3, "extra"), pcall(pair))
local function g(...) return select("#", ...), ... end
print(g(pair(3)), g(fib(5), fib(6)), ({ fib(7) })[1])

-- results in every context inside the function's own body (where its self calls are)
local function ctx(k)
  if k <= 0 then return k end
  local a, b = ctx(k - 1)
  local t = { ctx(k - 1), ctx(k - 1) }
  return select("#", ctx(k - 1)) + #t + (b == nil and 10 or 0) + a + (ctx(k - 1, "extra") or 0) + ctx(k - 1) * 100
end
print(ctx(0), ctx(1), ctx(2), ctx(3))
local function nores(k)
  if k > 0 then nores(k - 1) end
end
local function useno(k)
  if k <= 0 then return end
  local a, b = useno(k - 1)
  return (select("#", useno(k - 1)) + (a == nil and 1 or 0)), b
end
print(nores(3), select("#", nores(2)), useno(0), useno(1), useno(3))

-- the variable replaced mid-recursion (debug.setupvalue): later calls go to the new function
local calls = 0
local function replace(f, name, by)
  for i = 1, 10 do
    local n = debug.getupvalue(f, i)
    if n == name then debug.setupvalue(f, i, by) return end
    if n == nil then return end
  end
end
local function by(x) calls = calls + 1000 return 100 * x end
local rec
local function rec0(k)
  calls = calls + 1
  if k < 2 then return k end
  if k == 5 then replace(rec0, "rec0", by) end
  return rec0(k - 1) + rec0(k - 2)
end
rec = rec0
print(rec(7), calls)
calls = 0
local function rec1(k)
  calls = calls + 1
  if k == 3 then replace(rec1, "rec1", by) end
  if k < 2 then return k end
  return rec1(k - 1) + rec1(k - 2)
end
print(rec1(6), calls)

-- a table argument with metamethods that yield (comparisons of two tables, arithmetic with a number),
-- inside a coroutine, at each level
local mt = {}
mt.__lt = function(x, y) coroutine.yield("lt") return x.v < y.v end
mt.__sub = function(x, y) coroutine.yield("sub") return setmetatable({ v = x.v - y }, mt) end
local two = setmetatable({ v = 2 }, mt)
local function tfib(k)
  if k < two then return k.v end
  return tfib(k - 1) + tfib(k - 2)
end
local co = coroutine.wrap(function() return "done", tfib(setmetatable({ v = 5 }, mt)) end)
local seen = {}
while true do
  local r, v = co()
  if r == "done" then print("tfib", v) break end
  seen[r] = (seen[r] or 0) + 1
end
print(seen.lt, seen.sub)

-- a yield from a call made at an inner level, with a traceback taken while suspended
local function yrec(k)
  if k == 0 then local v = coroutine.yield("y") return v end
  local v = yrec(k - 1)
  return v + 1
end
for depth = 0, 3 do
  local c = coroutine.create(yrec)
  print(coroutine.resume(c, depth))
  -- (the yield's own [C] level is left out: how a suspended coroutine shows it is not what this tests)
  print(depth, (debug.traceback(c):gsub("\n[^\n]*%[C%][^\n]*", "")))
  print(coroutine.resume(c, 10))
end

-- stack overflow through the recursion, caught, and the recursion still working afterwards
local function forever(k) return 1 + forever(k + 1) end
local ok, msg = pcall(forever, 1)
print(ok, (msg:gsub("^.-:%d+: ", "")))
print(fib(15))
