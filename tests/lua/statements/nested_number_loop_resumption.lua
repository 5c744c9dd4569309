-- A nested number copy whose inner loop leaves it mid-way (a bail-out or the countdown's hand-over) continues in
-- the ordinary outer loop's own inner loop, then the rest of that outer iteration, then the outer back-edge
-- (which may enter the outer copy again). Every case here leaves the inner copy after some inner iterations.

local function bodies(n)
  local bs = {}
  for k = 1, n do bs[k] = { x = k, y = 2 * k, v = 0, m = k / 2 } end
  return bs
end

-- nbody's shape: reads before the inner loop, field stores in it and after it.
local function advance(bs, n, dt)
  for i = 1, n do
    local bi = bs[i]
    local bx, by, bm = bi.x, bi.y, bi.m
    local acc = 0
    for j = i + 1, n do
      local bj = bs[j]
      local dx = bx - bj.x
      local d = dx * dx + (by - bj.y) * (by - bj.y) + 1
      acc = acc + bj.m * dt / d
      bj.v = bj.v + bm * dt / d
    end
    bi.v = bi.v - acc
    bi.x = bx + dt * bi.v
  end
end

local function dump(bs)
  local out = {}
  for k = 1, #bs do out[#out + 1] = string.format("%s/%s/%.10g", tostring(bs[k].x), tostring(bs[k].y), bs[k].v) end
  return table.concat(out, " ")
end

-- 1. a non-number field in the middle of the array: the inner copy bails out at that j, every i
local bs = bodies(6)
bs[4].x = "7"
print(pcall(advance, bs, 6, 0.5))
print(dump(bs))

-- 2. a missing field (nil read bails out; the ordinary code then errors with its own message and position)
bs = bodies(5)
bs[5].y = nil
print(pcall(advance, bs, 5, 0.25))
print(dump(bs))

-- 3. __index on a later body, then taken away: the ordinary loop runs through it and re-enters the copy
bs = bodies(7)
local proxy = setmetatable({ v = 0, m = 1 }, { __index = function(t, k) if k == "x" then return 3 elseif k == "y" then return 4 end end })
bs[5] = proxy
advance(bs, 7, 0.125)
print(dump(bs))
for r = 1, 3 do advance(bs, 7, 0.125) end
print(dump(bs))

-- 4. the bail-out at the last j of each inner loop, at the first, and at every one
for _, bad in ipairs({ 2, 6 }) do
  bs = bodies(6)
  bs[bad].m = "1"
  advance(bs, 6, 1)
  print(bad, dump(bs))
end
bs = bodies(4)
for k = 1, 4 do bs[k].m = tostring(k) end
advance(bs, 4, 1)
print(dump(bs))

-- 5. a yield from __index in the resumed ordinary inner loop
local co = coroutine.wrap(function()
  local b = bodies(5)
  b[3] = setmetatable({ v = 0, m = 1 }, { __index = function(t, k) coroutine.yield("yield " .. k); return 1 end })
  advance(b, 5, 0.5)
  return "done " .. dump(b)
end)
for _ = 1, 20 do
  local r = co()
  print(r)
  if r:sub(1, 4) == "done" then break end
end

-- 6. a guarded inner loop (sieve's shape) whose inner copy bails out mid-way: a hole in the marks
local function sieve(n, hole)
  local marks = {}
  for k = 1, n do marks[k] = false end
  local count = 0
  for i = 2, n do
    if not marks[i] then
      count = count + 1
      for j = i * i, n, i do
        if j == hole then marks[j] = nil end
        marks[j] = true
      end
    end
  end
  return count
end
print(sieve(100), sieve(100, 49), sieve(1000, 500))

local function sieve2(n, limit)
  local marks = setmetatable({}, { __index = function(t, k) return false end })
  for k = 1, n do marks[k] = false end
  marks[limit] = nil
  local count, sum = 0, 0
  for i = 2, n do
    if not marks[i] then
      count = count + 1
      for j = i * i, n, i do marks[j] = true; sum = sum + j end
    end
  end
  return count, sum
end
print(sieve2(200, 150), sieve2(200, 4))

-- 7. the inner counter captured by a closure after the resumption, and -0, NaN, inf among the values
local function mixed(t, n)
  local s = 0
  for i = 1, n do
    local a = t[i]
    local base = a.w
    for j = i, n do
      local b = t[j]
      s = s + base * b.w
    end
    s = s + 1
  end
  return s
end
local t = {}
for k = 1, 6 do t[k] = { w = k } end
t[3].w = -0.0
print(mixed(t, 6))
t[4].w = 0 / 0
print(mixed(t, 6) ~= mixed(t, 6))
t[4].w = math.huge
print(mixed(t, 6))
t[5].w = "2"
print(mixed(t, 6))
t[5].w = {}
print(pcall(mixed, t, 6))

-- 8. large counters past 2^31 and fractional steps in the inner loop
local function counters(base, n, step)
  local s = 0
  for i = 1, n do
    local row = { v = i }
    local rv = row.v
    for j = base, base + 3, step do
      s = s + j * rv
    end
  end
  return s
end
print(string.format("%.17g", counters(2 ^ 31 - 2, 3, 1)), counters(0.5, 2, 0.25), string.format("%.17g", counters(2 ^ 53 - 8, 2, 1)))

-- 9. a count hook set around the run (whether it fires in code compiled without hook checks is not compared)
local calls = 0
bs = bodies(5)
bs[4].x = "4"
debug.sethook(function() calls = calls + 1 end, "", 50)
advance(bs, 5, 1)
debug.sethook()
print(dump(bs))
