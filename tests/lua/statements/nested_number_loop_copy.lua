-- A numeric for inside a number copy (nbody's advance: the outer loop's reads, the inner loop, then field
-- stores). Everything the inner loop cannot do exactly continues in the ordinary code mid-way through the
-- outer iteration: these cases must give what the ordinary loops give.

local sqrt = math.sqrt

local function body(x, y, vx, vy, m) return { x = x, y = y, vx = vx, vy = vy, mass = m } end
local function advance(bs, n, dt)
  for i = 1, n do
    local bi = bs[i]
    local bix, biy, bim = bi.x, bi.y, bi.mass
    local bivx, bivy = bi.vx, bi.vy
    for j = i + 1, n do
      local bj = bs[j]
      local dx, dy = bix - bj.x, biy - bj.y
      local d2 = dx * dx + dy * dy
      local mag = sqrt(d2)
      mag = dt / (mag * d2)
      local bm = bj.mass * mag
      bivx = bivx - dx * bm
      bivy = bivy - dy * bm
      bm = bim * mag
      bj.vx = bj.vx + dx * bm
      bj.vy = bj.vy + dy * bm
    end
    bi.vx = bivx
    bi.vy = bivy
    bi.x = bix + dt * bivx
    bi.y = biy + dt * bivy
  end
end
local function show(bodies)
  for _, b in ipairs(bodies) do print(string.format("%.12f %.12f %.12f %.12f", b.x, b.y, b.vx, b.vy)) end
end
local bodies = { body(0, 0, 0, 0, 10), body(1, 0, 0, 1, 1), body(0, 2, -1, 0, 0.5), body(-3, 1, 0, 0, 0.25) }
for _ = 1, 300 do advance(bodies, #bodies, 0.01) end
show(bodies)

-- Objects of different shapes (the hints miss and refresh), one with more fields than the others.
local mixed = { body(0, 0, 0, 0, 10), { mass = 1, vy = 1, vx = 0, y = 0, x = 1 }, body(0, 2, -1, 0, 0.5),
  { extra = true, other = "s", x = -3, y = 1, vx = 0, vy = 0, mass = 0.25, more = {} } }
for _ = 1, 50 do advance(mixed, #mixed, 0.01) end
show(mixed)

-- An inner iteration meets a field that is not a number: the rest of that outer iteration and every later one
-- run in the ordinary code, with the inner stores already done kept (not done twice).
local odd = { body(0, 0, 0, 0, 10), body(1, 0, 0, 1, 1), body(0, 2, -1, 0, 0.5), body(-3, 1, 0, 0, 0.25) }
for _ = 1, 20 do advance(odd, #odd, 0.01) end
odd[3].mass = "0.5" -- a string: arithmetic coerces it
for _ = 1, 20 do advance(odd, #odd, 0.01) end
show(odd)
print(type(odd[3].mass), odd[3].mass)

-- The same through a metatable: a missing field comes from __index (the copy bails out, the ordinary code calls it).
local calls = 0
local proto = { __index = function(t, k) calls = calls + 1; return k == "mass" and 2 or 0 end }
local meta = { body(0, 0, 0, 0, 10), setmetatable({ x = 1, y = 0, vx = 0, vy = 1 }, proto), body(0, 2, -1, 0, 0.5) }
for _ = 1, 10 do advance(meta, #meta, 0.01) end
show(meta)
print("__index calls", calls)

-- A __newindex on an object whose field is absent: the tail's store of that field is not checked in the copy.
local stores = 0
local guarded = setmetatable({ x = 5, y = 5, mass = 1 }, { __newindex = function(t, k, v) stores = stores + 1; rawset(t, k, v) end })
local withGuard = { body(0, 0, 0, 0, 10), guarded, body(0, 2, -1, 0, 0.5) }
local ok, err = pcall(advance, withGuard, #withGuard, 0.01)
print(ok, err)
rawset(guarded, "vx", 0); rawset(guarded, "vy", 0)
for _ = 1, 5 do advance(withGuard, #withGuard, 0.01) end
show(withGuard)
print("__newindex calls", stores)

-- An error inside the inner loop, with its message and line, after some inner iterations were committed.
local broken = { body(0, 0, 0, 0, 10), body(1, 0, 0, 1, 1), body(0, 2, -1, 0, 0.5) }
broken[3].x = {}
print(pcall(advance, broken, #broken, 0.01))
show({ broken[1], broken[2] })

-- Accumulators declared before the outer loop, a break in the inner loop, a return from the inner loop.
local function energy(bs, n, limit)
  local e, pairsSeen = 0, 0
  for i = 1, n do
    local bi = bs[i]
    local vx, vy, m = bi.vx, bi.vy, bi.mass
    e = e + 0.5 * m * (vx * vx + vy * vy)
    for j = i + 1, n do
      local bj = bs[j]
      local dx, dy = bi.x - bj.x, bi.y - bj.y
      if dx * dx + dy * dy > limit then break end
      pairsSeen = pairsSeen + 1
      e = e - (m * bj.mass) / sqrt(dx * dx + dy * dy)
    end
  end
  return e, pairsSeen
end
print(string.format("%.12f %d", energy(bodies, #bodies, 1e9)))
print(string.format("%.12f %d", energy(bodies, #bodies, 4)))
print(string.format("%.12f %d", energy(odd, #odd, 1e9)))

local function firstClose(bs, n, d)
  local found = 0
  for i = 1, n do
    local bi = bs[i]
    local x, y = bi.x, bi.y
    for j = i + 1, n do
      local bj = bs[j]
      local dx, dy = x - bj.x, y - bj.y
      if dx * dx + dy * dy < d then found = i * 10 + j; return end
      found = found + 1
    end
  end
  return found
end
print(firstClose(bodies, #bodies, 0), firstClose(bodies, #bodies, 1e9))

-- Counters of every kind: a negative step, a float start, no iterations, NaN and infinite limits, -0.
local function grid(n, lo, hi, step)
  local sum, count = 0, 0
  for i = 1, n do
    local w = i * 0.5
    for j = lo, hi, step do
      sum = sum + w * j
      count = count + 1
    end
    sum = sum + i
  end
  return sum, count
end
local function grid1(n, lo, hi)
  local sum, count = 0, 0
  for i = 1, n do
    local w = i * 0.5
    for j = lo, hi do
      sum = sum + w * j
      count = count + 1
    end
    sum = sum + i
  end
  return sum, count
end
local function gridDown(n, lo, hi)
  local sum, count = 0, 0
  for i = 1, n do
    local w = i * 0.5
    for j = lo, hi, -3 do
      sum = sum + w * j
      count = count + 1
    end
    sum = sum + i
  end
  return sum, count
end
local function gridFraction(n, lo, hi)
  local sum, count = 0, 0
  for i = 1, n do
    local w = i * 0.5
    for j = lo, hi, 0.7 do
      sum = sum + w * j
      count = count + 1
    end
    sum = sum + i
  end
  return sum, count
end
print(gridDown(5, 10, 1), gridDown(2, 1, 10), gridDown(2, 0 / 0, 1), gridDown(2, -1 / 0, 1))
print(gridFraction(4, 0.5, 3.2), gridFraction(2, -0.0, 0.0), gridFraction(2, 1, -1 / 0))
print(grid(5, 10, 1, -3))
print(grid(4, 0.5, 3.2, 0.7))
print(grid1(3, 5, 4), grid1(3, 0 / 0, 5), grid1(3, 1, 0 / 0))
print(grid1(3, -0.0, 0), grid1(3, 1.5, 2.5))
print(grid(3, 1, 3, 0.5))
local bigSum, bigCount = grid1(2, 2 ^ 52 - 2, 2 ^ 52)
print(string.format("%.17g %d", bigSum, bigCount))
print(pcall(grid1, 3, "1", 3))
print(pcall(grid1, 3, 1, "x"))
print(pcall(grid1, "3", 1, 2))

-- Values that are not numbers when the copy starts: the ordinary loops from the start (metamethods, messages).
local vec = setmetatable({}, { __add = function(a, b) return 100 end, __mul = function(a, b) return 7 end })
local function weighted(n, m, scale)
  local acc = 0
  for i = 1, n do
    local w = scale * i
    for j = 1, m do acc = acc + w * j end
  end
  return acc
end
print(weighted(3, 4, 2), weighted(3, 4, "2"), pcall(weighted, 3, 4, {}))
print(weighted(2, 2, vec))

-- A closure capturing a variable of the outer body: no copy, same answer.
local function withClosure(n)
  local fs, total = {}, 0
  for i = 1, n do
    local base = i * 2
    for j = 1, 3 do total = total + base * j end
    fs[#fs + 1] = function() return base end
  end
  return total, fs[1](), fs[n]()
end
print(withClosure(4))

-- An array store in the inner loop and array reads of tables declared before the loop.
local function fill(t, n)
  for i = 1, n do
    local row = i * 100
    for j = 1, n do t[(i - 1) * n + j] = row + j end
  end
end
local cells = {}
for k = 1, 16 do cells[k] = 0 end
fill(cells, 4)
print(table.concat(cells, " "))
local short = { 0, 0, 0 }
fill(short, 2) -- t[4] grows the table: the inner copy bails out, the ordinary store grows it
print(#short, table.concat(short, " "))
local holes = { 0, 0, 0, 0 }
holes[3] = nil
fill(holes, 2)
print(#holes, table.concat(holes, " "))

-- Coroutines: a field read through an __index that yields, inside the inner loop's ordinary resumption.
local lazy = setmetatable({ x = 2, y = 0, vx = 0, vy = 0 }, { __index = function(t, k)
  coroutine.yield(k)
  return 3
end })
local co = coroutine.wrap(function()
  local set = { body(0, 0, 0, 0, 10), lazy, body(0, 2, -1, 0, 0.5) }
  for _ = 1, 3 do advance(set, #set, 0.01) end
  show(set)
  return "done"
end)
local yields = {}
while true do
  local r = co()
  yields[#yields + 1] = r
  if r == "done" then break end
end
print(table.concat(yields, " "))

-- A count hook set while the loops run: the copies hand over to the ordinary loops when it fires.
local fired = 0
debug.sethook(function() fired = fired + 1 end, "", 1000)
local hooked = { body(0, 0, 0, 0, 10), body(1, 0, 0, 1, 1), body(0, 2, -1, 0, 0.5), body(-3, 1, 0, 0, 0.25) }
for _ = 1, 2000 do advance(hooked, #hooked, 0.01) end
debug.sethook()
show(hooked)

-- A line hook set before the code is compiled: every line of the loops is reported.
local lines = {}
debug.sethook(function(_, line)
  if debug.getinfo(2, "S").source == "=nested" then lines[#lines + 1] = line end
end, "l")
local f = load([[
local s = 0
for i = 1, 2 do
  local w = i
  for j = 1, 2 do
    s = s + w * j
  end
  s = s + 1
end
return s
]], "=nested")
local r = f()
debug.sethook()
print(r, table.concat(lines, ","))
