-- while/repeat loops compiled as number copies: a condition of numbers, arithmetic, array reads, and a
-- store statement (one or several array elements) followed only by number assignments. Anything the copy
-- cannot do exactly (non-numbers, holes, growth, __newindex, __index, errors) goes to the ordinary loop.

local function show(t, n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring(t[i]) end
  return table.concat(parts, " ")
end

-- fannkuch's reversal: a swap of two elements, then the indexes move.
local function reverse(q, i, j)
  repeat q[i], q[j] = q[j], q[i]; i = i + 1; j = j - 1; until i >= j
  return i, j
end
local q = { 1, 2, 3, 4, 5, 6, 7 }
print(reverse(q, 1, 7), show(q, 7))
print(reverse(q, 2, 3), show(q, 7))
print(reverse(q, 5, 5), show(q, 7))          -- one iteration even when i >= j at the start
-- i == j inside the loop: both targets the same slot.
local same = { 10, 20, 30 }
local a, b = 2, 2
repeat same[a], same[b] = same[b] + 1, same[a] + 2; a = a + 1 until a > 2
print(show(same, 3), a, b)

-- A while loop with a number condition, reads and a final store.
local function prefix(t, n)
  local k, acc = 1, 0
  while k <= n do
    acc = acc + t[k]
    t[k] = acc
    k = k + 1
  end
  return acc, k
end
local p = { 1, 2, 3, 4, 5 }
print(prefix(p, 5), show(p, 5))
print(prefix(p, 0), show(p, 5))

-- while true with break, and a flag.
local function firstAbove(t, limit)
  local k, found = 0, false
  while true do
    k = k + 1
    if t[k] > limit then found = true; break end
    if k >= #t then break end
  end
  return k, found
end
print(firstAbove({ 1, 5, 9, 12 }, 8), firstAbove({ 1, 2 }, 8))

-- Non-numbers: a hole, a string, a boolean, a missing element; the ordinary loop takes over mid-way with
-- the values the iteration began with.
local function sumUntil(t, n)
  local k, s = 1, 0
  while k <= n do s = s + t[k]; k = k + 1 end
  return s, k
end
print(sumUntil({ 1, 2, "3", 4 }, 4))
print(pcall(sumUntil, { 1, 2, nil, 4 }, 4))
print(pcall(sumUntil, { 1, 2, true, 4 }, 4))
print(pcall(sumUntil, { 1, 2 }, 3))
print(sumUntil(setmetatable({ 1, 2 }, { __index = function(_, k) return k * 100 end }), 4))
-- Variables that are not numbers at the start: the ordinary loop from the start.
print(pcall(sumUntil, { 1, 2 }, "2"))
print(pcall(sumUntil, { 1, 2 }, nil))
print(pcall(function() local k = "1"; while k < 3 do k = k + 1 end; return k end))
local k0 = setmetatable({}, { __lt = function() return false end })
print(pcall(function() local k = k0; while k < 3 do k = k + 1 end; return k end))

-- Stores that the copy cannot do raw: growth, holes, __newindex, a non-table.
local function fill(t, n)
  local k = 1
  while k <= n do t[k] = k * 2; k = k + 1 end
  return show(t, n), #t
end
print(fill({}, 4))
print(fill({ 1, nil, 3 }, 3))
local log = {}
local watched = setmetatable({ 1, 2, nil, 4 }, { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. v; rawset(t, k, v) end })
print(fill(watched, 5), table.concat(log, ","))
print(pcall(fill, 42, 2))
print(pcall(fill, nil, 2))
-- A swap where only the second slot is outside the array part: nothing stored before the hand-over.
local function swapAll(t, i, j)
  repeat t[i], t[j] = t[j], t[i]; i = i + 1; j = j - 1 until i >= j
  return show(t, 6)
end
local partial = { 1, 2, 3 }
partial[6] = 6
print(swapAll(partial, 1, 6))
print(pcall(swapAll, { 1, 2, 3 }, 1, 6))

-- NaN, infinities, -0 and 2^53 through the copy.
local function walk(x, step, n)
  local c = 0
  repeat x = x + step; c = c + 1 until c >= n or x ~= x
  return x, c
end
print(walk(0, 0.1, 10), walk(2 ^ 53, 1, 3), walk(1 / 0, -1 / 0, 5), walk(-0.0, -0.0, 1))
local z = { -0.0, 0 / 0, 1 / 0 }
local zi = 1
while zi <= 3 do z[zi] = z[zi] * -1; zi = zi + 1 end
print(show(z, 3), 1 / z[1])
local nk = { 1, 2, 3 }
local nan = 0 / 0
print(pcall(function() local k = nan; while k ~= 5 do nk[k] = 1; k = 5 end; return show(nk, 3) end))
print(pcall(function() local k = 1.5; repeat nk[k] = 7; k = k + 1 until k > 3 end), show(nk, 3), nk[1.5], nk[2.5])

-- A repeat whose until reads a variable declared in the body.
local r, steps = 1, 0
repeat local nxt = r * 3 + 1; r = nxt % 17; steps = steps + 1 until nxt > 40 or steps > 100
print(r, steps)

-- Loops over locals captured later by a closure: the ordinary loop.
local cap = 0
local w = 0
while w < 5 do w = w + 1; cap = cap + w end
local getCap = function() return cap end
print(w, getCap())

-- A global (not a local) in the condition: ordinary.
G = 0
while G < 3 do G = G + 1 end
print(G)

-- Coroutines around copies.
local co = coroutine.wrap(function(n)
  local t = { 5, 4, 3, 2, 1 }
  local i, j = 1, n
  repeat t[i], t[j] = t[j], t[i]; i = i + 1; j = j - 1 until i >= j
  coroutine.yield(show(t, 5))
  local s, k = 0, 1
  while k <= n do s = s + t[k]; k = k + 1 end
  return s
end)
print(co(5), co())

-- Long loops pass the countdown hand-over, also with an instruction-count hook set later.
local function long(n)
  local k, s = 0, 0
  while k < n do k = k + 1; s = s + k % 7 end
  return s
end
print(long(300000))
local count = 0
debug.sethook(function() count = count + 1 end, "", 1000)
print(long(300000))  -- (whether the count hook runs inside LuaJIT's traces is its JIT's choice)
debug.sethook()
local t3 = { 3, 1, 2 }
local i3, j3 = 1, 3
repeat t3[i3], t3[j3] = t3[j3], t3[i3]; i3 = i3 + 1; j3 = j3 - 1 until i3 >= j3
print(show(t3, 3), i3, j3)

-- Errors raised by the ordinary loop after the hand-over have its messages.
print(pcall(function() local t, k = { 1, 2 }, 1; while k < 4 do t[k] = t[k] + t[k + 1]; k = k + 1 end end))
print(pcall(function() local t, k = { 1, {} }, 1; repeat t[k] = -t[k]; k = k + 1 until k > 2 end))
