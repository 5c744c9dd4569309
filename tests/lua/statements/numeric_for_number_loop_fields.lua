-- Number loops over objects: table variables declared in the body (`local bj = bs[j]`), constant-key field
-- reads, field stores buffered until the iteration ends, and math functions computed inline. Every case where
-- the copy cannot be exact must give what the ordinary loop gives (metatables, missing fields, aliasing,
-- reassigned math functions, errors).

local sqrt = math.sqrt
local floor, abs, ceil = math.floor, math.abs, math.ceil

-- nbody's inner loop, small.
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
    bi.vx, bi.vy = bivx, bivy
    bi.x = bix + dt * bivx
    bi.y = biy + dt * bivy
  end
end
local bodies = { body(0, 0, 0, 0, 10), body(1, 0, 0, 1, 1), body(0, 2, -1, 0, 0.5), body(-3, 1, 0, 0, 0.25) }
for _ = 1, 200 do advance(bodies, #bodies, 0.01) end
for _, b in ipairs(bodies) do print(string.format("%.12f %.12f %.12f %.12f", b.x, b.y, b.vx, b.vy)) end

-- A read after a store of the same field sees the stored value; the same object under two names too.
local function chain(objs, n)
  local acc = 0
  for k = 1, n do
    local o = objs[k]
    o.v = o.v + 1
    acc = acc + o.v
    o.v = o.v * 2
    acc = acc + o.v
  end
  return acc
end
local shared = { v = 1 }
local objs = { shared, { v = 10 }, shared, shared }
print(chain(objs, 4), shared.v, objs[2].v)

local function aliased(a, b, n)
  local s = 0
  for _ = 1, n do
    a.w = a.w + 1
    s = s + b.w
    b.w = b.w * 3
    s = s + a.w
  end
  return s
end
local one = { w = 2 }
print(aliased(one, one, 3), one.w)
local p1, p2 = { w = 2 }, { w = 5 }
print(aliased(p1, p2, 3), p1.w, p2.w)

-- A store then a break: what was stored before the break stays stored.
local function untilBig(o, n)
  for k = 1, n do
    o.total = o.total + k
    if o.total > 20 then break end
    o.count = o.count + 1
  end
  return o.total, o.count
end
print(untilBig({ total = 0, count = 0 }, 100))

-- Fields missing, nil, not numbers, or behind __index: the ordinary loop does the iteration.
local function sumX(list, n)
  local s = 0
  for k = 1, n do
    local item = list[k]
    s = s + item.x
  end
  return s
end
local Proto = { x = 100 }
print(sumX({ { x = 1 }, { x = 2.5 }, setmetatable({}, { __index = Proto }), { x = "4" }, { x = 5 } }, 5))
print(pcall(sumX, { { x = 1 }, { y = 2 } }, 2))
print(pcall(sumX, { { x = 1 }, 7 }, 2))
print(pcall(sumX, { { x = 1 }, nil, { x = 3 } }, 3))
print(select(2, pcall(sumX, { { x = 1 }, { x = {} } }, 2)))
local s = setmetatable({}, { __index = function(_, k) return { x = k * 10 } end })
print(sumX(s, 3))

-- Stores into absent fields, __newindex, non-tables: the ordinary loop (and its messages).
local function bump(list, n)
  for k = 1, n do
    local item = list[k]
    item.n = k * 2
  end
end
local log = {}
local watched = setmetatable({}, { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. v; rawset(t, k, v) end })
local items = { { n = 0 }, {}, watched, { n = 1 } }
bump(items, 4)
print(items[1].n, items[2].n, watched.n, items[4].n, table.concat(log, ","))
bump(items, 4)
print(items[1].n, items[2].n, watched.n, items[4].n, table.concat(log, ","))
print(pcall(bump, { { n = 1 }, "str" }, 2))
print(pcall(bump, { { n = 1 }, 5 }, 2))

-- A field whose stored value turns a later read into the ordinary path (a hash part that rehashes).
local function fill(o, n)
  for k = 1, n do
    o.a = o.a + k
    o.b = o.b - k
  end
  return o.a, o.b
end
print(fill({ a = 0, b = 0 }, 10))
local big = { a = 0, b = 0 }
for k = 1, 40 do big["f" .. k] = k end
print(fill(big, 10))

-- Math functions: the originals computed inline; a reassigned variable calls what it holds.
local function norms(xs, n)
  local s, f, c, a = 0, 0, 0, 0
  for k = 1, n do
    local v = xs[k]
    s = s + sqrt(v)
    f = f + floor(v / 3)
    c = c + ceil(-v / 3)
    a = a + abs(3 - v)
  end
  return s, f, c, a
end
local xs = { 1, 2, 4, 9, 0.25, 1e300, 0 }
print(norms(xs, 7))
print(norms({ -1, 4 }, 2))
print(norms({ 1 / 0, -0.0 }, 2))
print(norms({ 0 / 0 }, 1))
print(pcall(norms, { 1, "x" }, 2))
print(norms({ 4, "9" }, 2))
local realSqrt = sqrt
sqrt = function(v) return v end
print(norms(xs, 3))
sqrt = realSqrt
print(norms(xs, 3))
sqrt = nil
print(pcall(norms, xs, 3))
sqrt = realSqrt

-- A local named like a math function holding something else.
local function other(n)
  local sqrt = function(v) return v + 1000 end
  local t = 0
  for k = 1, n do t = t + sqrt(k) end
  return t
end
print(other(4))

-- Fields of an outer table, with nil appearing mid-loop; values written back to outer locals after a bail-out.
local cfg = { scale = 2, offset = 0.5 }
local function scaled(n)
  local total = 0
  for k = 1, n do
    total = total + k * cfg.scale + cfg.offset
    if k == 3 then cfg.offset = nil end
  end
  return total
end
print(pcall(scaled, 5))
cfg.offset = 0.5
local function scaled2(list, n)
  local total = 0
  for k = 1, n do
    total = total + list[k] * cfg.scale
  end
  return total
end
print(scaled2({ 1, 2, 3 }, 3), pcall(scaled2, { 1, 2, nil }, 3))

-- Coroutines around a loop with fields and stores.
local co = coroutine.wrap(function(o)
  for round = 1, 3 do
    for k = 1, 5 do o.v = o.v + k * round end
    coroutine.yield(o.v)
  end
  return "done"
end)
local cobj = { v = 0 }
print(co(cobj), co(), co(), co(), cobj.v)

-- Weak-valued tables stay weak.
local weak = setmetatable({ n = 1 }, { __mode = "v" })
for k = 1, 10 do weak.n = weak.n + k end
print(weak.n)

-- Tested once at the entry: a table variable that is not a table (read in a branch never taken, or by a loop
-- that runs no iteration), and callees changed by debug.setupvalue before the loop.
local function pick(t, n, use)
  local s = 0
  for k = 1, n do
    if use > 0 then s = s + t[k] end
    s = s + k
  end
  return s
end
print(pick(nil, 3, 0), pick(5, 0, 1), pick({ 1, 2, 3 }, 3, 1), pcall(pick, "abc", 2, 1))
local function sq(v) return v * v end
local function sumSq(n)
  local s = 0
  for k = 1, n do s = s + sq(k) end
  return s
end
print(sumSq(4))
for i = 1, 10 do
  local name = debug.getupvalue(sumSq, i)
  if name == "sq" then debug.setupvalue(sumSq, i, function(v) return -v end); break end
  if name == nil then break end
end
print(sumSq(4))
