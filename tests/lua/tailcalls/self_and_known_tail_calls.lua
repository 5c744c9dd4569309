-- return f(...) where f is a local function: to the same closure it runs as a jump back to the body,
-- to another closure of a known body without the general callable checks. Results, errors, closures
-- capturing parameters, and replaced variables must all behave as proper tail calls do.

local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print(loop(1000000, 0))

-- fewer and more arguments than parameters
local function shift(a, b, c)
  if a == nil then return "done", b, c end
  if b == "once" then return shift(nil, a) end
  return shift(b, c, a, "extra")
end
print(shift(1, 2, "once"))
print(shift(1, "once"))

-- parameters captured by closures: each round's closure keeps its own parameter
local fs = {}
local function capture(i) if i > 3 then return #fs end fs[#fs + 1] = function() return i end return capture(i + 1) end
print(capture(1), fs[1](), fs[2](), fs[3]())
local function capture2(i, acc)
  if i == 0 then return acc end
  local g = function() i = i * 10; return i end
  acc[#acc + 1] = g
  return capture2(i - 1, acc)
end
local gs = capture2(3, {})
print(gs[1](), gs[2](), gs[3](), gs[1]())

-- another closure of the same body is not "self": a real tail call to it
local function maker(tag)
  local function f(n, other) if n == 0 then return tag end return (other or f)(n - 1) end
  return f
end
local fa, fb = maker("a"), maker("b")
print(fa(3), fa(3, fb), fb(2, fa))

-- errors and tracebacks after many self tail calls
local function fail(n) if n == 0 then error("bottom") end return fail(n - 1) end
print(pcall(fail, 100))
local function where(n) if n == 0 then return debug.getinfo(1, "nl").currentline end return where(n - 1) end
print(where(5))
local function level(n) if n == 0 then return select(2, pcall(error, "lvl", 2)) end return level(n - 1) end
print(level(3))

-- the variable replaced: the tail call goes to whatever it now holds
local function rec(n) if n == 0 then return "rec" end return rec(n - 1) end
local orig = rec
debug.setupvalue(orig, 1, function(n) return "replaced " .. n end)
print(orig(5))
debug.setupvalue(orig, 1, print)
print(orig(2))
debug.setupvalue(orig, 1, setmetatable({}, { __call = function(_, n) return "called " .. n end }))
print(orig(4))
debug.setupvalue(orig, 1, false)
print(pcall(orig, 1))

-- yields across self tail calls
local function gen(n) if n == 0 then return "end" end coroutine.yield(n) return gen(n - 1) end
local co = coroutine.wrap(gen)
print(co(3), co(), co(), co())

-- varargs functions are not looped but still tail call
local function va(n, ...) if n == 0 then return select("#", ...), ... end return va(n - 1, n, ...) end
print(va(4))
