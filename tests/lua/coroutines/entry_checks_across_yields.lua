-- Function entry work (budget countdown, frame records, the depth check every 16 frames, the prologue's one test
-- that tells a resume from a start and grows the value stack) with coroutines yielding through it: yields from
-- every depth around the 16-frame check points, restored frames that then call deeper than the stack ever was,
-- vararg and method frames restored, and errors raised after a resume naming the right positions.
local function strip(e) return (tostring(e):gsub("^.-:(%d+): ", "line %1: ")) end

-- yield from depth d (d = 14..18, 30..34: both sides of the check points), then keep going deeper
local function dive(d, yield_at)
  if d == yield_at then
    local got = coroutine.yield(d)
    return got + d
  end
  return dive(d + 1, yield_at) + 1
end
for _, at in ipairs({ 1, 14, 15, 16, 17, 18, 30, 31, 32, 33, 34, 100 }) do
  local co = coroutine.create(function() return dive(0, at) end)
  local _, y = coroutine.resume(co)
  local ok, r = coroutine.resume(co, 1000)
  print("yield at", at, y, ok, r, coroutine.status(co))
end

-- a resumed frame calls far deeper than before: the value stack and the record array grow after the restore
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
local co = coroutine.wrap(function(n)
  local a = sum(n)
  local m = coroutine.yield(a)
  local b = sum(m)
  m = coroutine.yield(b)
  return sum(m) + a + b
end)
print("growing after resumes", co(3), co(4000), co(9000))

-- many locals (a big frame) yielding at a depth, resumed, then recursing
local function wide(depth)
  local a, b, c, d, e, f, g, h = 1, 2, 3, 4, 5, 6, 7, 8
  local i, j, k, l, m, n, o, p = 9, 10, 11, 12, 13, 14, 15, 16
  if depth == 0 then
    local x = coroutine.yield(a + p)
    return x + sum(200) + a + b + c + d + e + f + g + h + i + j + k + l + m + n + o + p
  end
  return wide(depth - 1) + a
end
co = coroutine.wrap(function() return wide(20) end)
print("wide frames", co(), co(5))

-- vararg functions and methods restored in the middle of their calls
local function va(n, ...)
  if n == 0 then return select("#", ...), coroutine.yield(...) end
  return va(n - 1, n, ...)
end
co = coroutine.wrap(function() return va(17) end)
print("varargs", co())
print("varargs resumed", co("r1", "r2"))
local obj = { k = 3 }
function obj:m(n) if n == 0 then return coroutine.yield(self.k) * 2 end return self:m(n - 1) + 1 end
co = coroutine.wrap(function() return obj:m(16) end)
print("method", co(), co(50))

-- an error after a resume names its line and the traceback has every level
local function bad(n)
  if n == 0 then
    coroutine.yield("before")
    error("after resume")
  end
  return bad(n - 1)
end
local cbad = coroutine.create(function() return bad(20) end)
print(coroutine.resume(cbad))
local ok, err = coroutine.resume(cbad)
print(ok, strip(err))
local tb = debug.traceback(cbad)
local n = 0
for _ in tb:gmatch("in function") do n = n + 1 end
print("traceback levels:", n)

-- a stack overflow inside a coroutine that had yielded before, and normal work after it
local over = coroutine.create(function()
  local function g() return 1 + g() end
  coroutine.yield("ready")
  return g()
end)
print(coroutine.resume(over))
ok, err = coroutine.resume(over)
print("overflow after resume", ok, strip(err), coroutine.status(over))
print("still fine", sum(10000))
