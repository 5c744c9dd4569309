-- Number copies with and/or/not conditions, tables held by upvalues or captured locals, array stores at the
-- end of an `if` branch that ends the iteration, and `return` from inside the loop (heapsort's siftDown).

local function show(t, n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring(t[i]) end
  return table.concat(parts, " ")
end

local function heapsort(a, count)
  local function siftDown(start, stop)
    local root = start
    while root * 2 <= stop do
      local child = root * 2
      if child < stop and a[child] < a[child + 1] then child = child + 1 end
      if a[root] < a[child] then
        a[root], a[child] = a[child], a[root]
        root = child
      else
        return
      end
    end
  end
  for start = math.floor(count / 2), 1, -1 do siftDown(start, count) end
  for stop = count, 2, -1 do
    a[stop], a[1] = a[1], a[stop]
    siftDown(1, stop - 1)
  end
  return a
end
print(show(heapsort({ 5, 3, 9, 1, 7, 2, 8, 6, 4 }, 9), 9))
print(show(heapsort({ 2.5, -0.0, 1 / 0, -1 / 0, 0 }, 5), 5))
-- Non-numbers in the array: the ordinary loop compares (strings) or raises the same error.
print(show(heapsort({ "b", "a", "d", "c" }, 4), 4))
print(pcall(heapsort, { 3, 1, "x", 2 }, 4))
print(pcall(heapsort, { 3, 1, nil, 2 }, 4))
-- NaN: comparisons are false both ways, as in the ordinary loop.
local withNan = heapsort({ 3, 0 / 0, 1, 2 }, 4)
print(show(withNan, 4))
-- __lt on the elements' metatable is never reached by numbers; tables in the array go to the ordinary loop.
local mt = { __lt = function(x, y) return x.v < y.v end }
local objs = {}
for i, v in ipairs({ 4, 2, 3, 1 }) do objs[i] = setmetatable({ v = v }, mt) end
heapsort(objs, 4)
print(objs[1].v, objs[2].v, objs[3].v, objs[4].v)
-- The upvalue changed between calls: each copy reads it at its entry.
local shared = { 1, 2, 3 }
local function bump(n)
  local k = 1
  while k <= n do shared[k] = shared[k] + 10; k = k + 1 end
end
bump(3); print(show(shared, 3))
shared = { 7, 8 }
bump(2); print(show(shared, 2))
print(pcall(bump, 3))
shared = nil
print(pcall(bump, 1))

-- and / or / not with a read on the right: evaluated only when needed (no error on the short-circuited side).
local function countPairs(t, n)
  local k, c = 1, 0
  while k <= n do
    if k < n and t[k] < t[k + 1] then c = c + 1 end
    if not (t[k] ~= 3) or k == 1 then c = c + 100 end
    k = k + 1
  end
  return c
end
print(countPairs({ 1, 3, 2, 5 }, 4), countPairs({ 1 }, 1))
print(pcall(countPairs, { 1, 3, "2", 5 }, 4))
local function firstGap(t)
  local k = 1
  repeat k = k + 1 until not (t[k - 1] + 1 == k) or k > 10
  return k
end
print(pcall(firstGap, { 1, 2, 3, 5 }))
local function until2(n)
  local k = 0
  repeat k = k + 1 until k >= n or (k > 2 and not (k < 100))
  return k
end
print(until2(5), until2(-1))

-- A store at the end of an if branch, followed by a tail; other branches break or return.
local function clampAll(t, n, hi)
  local k = 0
  while true do
    k = k + 1
    if k > n then break end
    if t[k] > hi then t[k] = hi; hi = hi + 0.5 elseif t[k] < 0 then t[k] = -t[k] else t[k] = t[k] end
  end
  return show(t, n), hi
end
print(clampAll({ 1, 5, -2, 9, 3 }, 5, 4))
print(pcall(clampAll, { 1, 5, -2, 9 }, 5, 4))
local function findReturn(t, v)
  local k = 1
  while k <= #t do
    if t[k] == v then return end
    k = k + 1
  end
  return k
end
print(findReturn({ 1, 2, 3 }, 2), findReturn({ 1, 2, 3 }, 9), select("#", findReturn({ 4 }, 4)))
-- A captured local table, and a closure that sees the stores.
local cap = { 3, 2, 1 }
local function peek() return show(cap, 3) end
local i, j = 1, 3
repeat cap[i], cap[j] = cap[j], cap[i]; i = i + 1; j = j - 1 until i >= j
print(peek())
