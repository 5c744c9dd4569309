-- A numeric for in the one branch of the `if` that ends a copied loop's body, with a computed step, and array
-- elements tested for truth (sieve's scan: `if not composite[i] then count = count + 1; for j = i * i, limit, i
-- do composite[j] = true end end`). A nil element, a key outside the array part, a metatable, a step that is
-- not a number: everything the copies cannot do exactly continues in the ordinary loops, with the same results.

local function sieve(composite, limit)
  local count, last = 0, 0
  for i = 2, limit do
    if not composite[i] then
      count = count + 1
      last = i
      for j = i * i, limit, i do composite[j] = true end
    end
  end
  return count, last
end
local function filled(n, v)
  local t = {}
  for i = 1, n do t[i] = v end
  return t
end
local function census(t, n)
  local trues, falses, nils = 0, 0, 0
  for i = 1, n do
    local v = t[i]
    if v == true then trues = trues + 1 elseif v == false then falses = falses + 1 elseif v == nil then nils = nils + 1 end
  end
  return trues, falses, nils
end

-- The plain sieve, several sizes.
for _, n in ipairs({ 1, 2, 3, 10, 100, 1000, 30000 }) do
  local c = filled(n, false)
  print("sieve", n, sieve(c, n))
  print("census", census(c, n))
end

-- false and nil are both false for `not`, but a nil element may mean a hole, the hash part or __index:
-- the copy leaves that element (and the rest of the loop) to the ordinary code.
local holes = filled(200, false)
holes[50] = nil
holes[51] = nil
print("holes", sieve(holes, 200), #holes == 200 or #holes == 49)
print("census", census(holes, 200))

-- An empty table: every element nil (the first read bails out, the ordinary loop stores into the hash part).
local empty = {}
print("empty", sieve(empty, 100))
print("census", census(empty, 100))

-- Elements beyond the array part (in the hash part): the same answers.
local sparse = filled(20, false)
for i = 21, 120 do sparse[i * 1] = false end
print("sparse", sieve(sparse, 120))
local mixed = {}
for i = 120, 1, -1 do mixed[i] = false end -- built backwards: mostly in the hash part
print("backwards", sieve(mixed, 120))
print("census", census(mixed, 120))

-- __index: a nil element asks the metatable, which says "composite" for multiples of 7.
local asked = 0
local lazy = setmetatable(filled(100, false), { __index = function(t, k) asked = asked + 1; return k % 7 == 0 end })
for i = 1, 100, 7 do lazy[i] = nil end
print("__index", sieve(lazy, 100), asked)
-- __index on a table whose elements are all present: never called.
local present = setmetatable(filled(100, false), { __index = function() error("not called") end })
print("present", sieve(present, 100))
-- __newindex on a table with holes: the marking stores into the holes call it.
local newindexed = 0
local guarded = setmetatable(filled(60, false), { __newindex = function(t, k, v) newindexed = newindexed + 1; rawset(t, k, v) end })
for i = 10, 60, 10 do guarded[i] = nil end
print("__newindex", sieve(guarded, 60), newindexed)

-- Values of other types are true: numbers (0 too), strings, tables.
local others = filled(50, false)
others[9], others[15], others[21], others[25] = 0, "", {}, function() end
print("others", sieve(others, 50))

-- The table is not a table: the ordinary loop's error, message and line.
print(pcall(sieve, "abc", 10))
print(pcall(sieve, nil, 10))
print(pcall(sieve, 42, 10))

-- The limit: fractional, negative, NaN, inf (the marking loop's limit), 2^53.
print("fraction", sieve(filled(30, false), 29.5))
print("negative", sieve(filled(10, false), -3))
print("nan", sieve(filled(10, false), 0 / 0))
print("string limit", pcall(sieve, filled(10, false), "10"))
print("bad limit", pcall(sieve, filled(10, false), {}))

-- A step that is not a positive constant: negative, zero, fractional, -0, NaN and a string.
local function marks(t, n, step)
  local hits = 0
  for i = 1, n do
    if not t[i] then
      hits = hits + 1
      for j = n, i, step do t[j] = true end
    end
  end
  return hits
end
print("neg step", marks(filled(20, false), 20, -3))
print("frac step", marks(filled(20, false), 20, -2.5))
print("neg zero step", pcall(function()
  local t, n, budget = filled(5, false), 5, 0
  for i = 1, n do
    if not t[i] then
      for j = i, i, -0 do t[j] = true; budget = budget + 1; if budget > 3 * i then break end end
    end
  end
  return budget, census(t, n)
end))
local function inner(t, n, step)
  local count = 0
  for i = 1, n do
    if t[i] then
      for j = 1, 3, step do count = count + j end
    end
  end
  return count
end
print("nan step", inner(filled(10, true), 10, 0 / 0))
print("string step", pcall(inner, filled(10, true), 10, "1"))
print("table step", pcall(inner, filled(10, true), 10, {}))

-- NaN and -0 keys, non-integer keys: read for truth through the ordinary code.
local odd = filled(10, false)
local function truthOf(t, k1, k2)
  local n = 0
  for i = 1, 3 do
    if t[k1 + i * 0] or t[k2] then n = n + 1 end
  end
  return n
end
print("keys", truthOf(odd, 0 / 0, 1.5), truthOf(odd, -0, 1), pcall(truthOf, odd, 2, 1))
odd[1] = true
print("keys", truthOf(odd, -0, 1), truthOf(odd, 1, 2))

-- `and`/`or`/`not` of element truth and comparisons.
local function both(a, b, n)
  local s = 0
  for i = 1, n do
    if (a[i] and not b[i]) or (i > n - 2 and b[i]) then s = s + i end
  end
  return s
end
local a, b = filled(10, true), filled(10, false)
b[3], b[9], a[4] = true, true, false
print("both", both(a, b, 10))

-- A metatable set on the array while the loop runs (by __index of an absent element, mid-loop).
local changing = filled(30, false)
changing[10] = nil
local late = { __index = function(t, k) return k > 20 end }
local function setLate(t, n)
  local c, mark = 0, 0
  for i = 2, n do
    if not t[i] then
      c = c + 1
      if i == 9 then setmetatable(t, late) end
      for j = i * i, n, i do mark = mark + 1 end
    end
  end
  return c, mark
end
print("late metatable", setLate(changing, 30))

-- The outer body's locals and accumulators read after a bail-out in the inner loop: the inner loop stores
-- into a table that runs out (a key past its array part) mid-way.
local function partial(t, n, m)
  local count, sum = 0, 0
  for i = 1, n do
    if not t[i] then
      local w = i * 2
      count = count + 1
      sum = sum + w
      for j = 1, m, 1 do t[n + j] = false; sum = sum + j end
      sum = sum + 0.5
    end
  end
  return count, sum, #t
end
print("partial", partial(filled(10, false), 10, 3))
print("partial", partial(filled(10, false), 5, 8))

-- A loop variable captured by a closure in the branch: not a copy, same answers.
local function captured(t, n)
  local fs = {}
  for i = 2, n do
    if not t[i] then
      fs[#fs + 1] = function() return i end
      for j = i * i, n, i do t[j] = true end
    end
  end
  local s = 0
  for _, f in ipairs(fs) do s = s + f() end
  return #fs, s
end
print("captured", captured(filled(50, false), 50))

-- An error inside the marking loop: its message and line after some elements were stored.
local function failing(t, n, bad)
  local count = 0
  for i = 2, n do
    if not t[i] then
      count = count + 1
      for j = i * i, n, i do t[j] = true; count = count + (j == bad and {} or 0) end
    end
  end
  return count
end
local ft = filled(40, false)
print(pcall(failing, ft, 40, 21))
print("census", census(ft, 40))

-- The counter reaching 2^53 and beyond (steps of 2 stay exact there).
local function big(t)
  local n = 0
  for i = 2 ^ 53 - 4, 2 ^ 53 + 4, 2 do
    if not t[1] then
      n = n + 1
      for j = 1, 2, 1 do n = n + j end
    end
  end
  return n
end
print("2^53", big({ false }))

-- A coroutine yield from a metamethod inside the ordinary resumption of the loops.
local yielding = setmetatable(filled(20, false), { __index = function(t, k)
  coroutine.yield(k)
  return false
end })
yielding[7] = nil
yielding[15] = nil
local co = coroutine.wrap(function()
  local r = { sieve(yielding, 20) }
  return "done " .. table.concat(r, " ")
end)
local seen = {}
while true do
  local r = co()
  seen[#seen + 1] = r
  if type(r) == "string" then break end
end
print(table.concat(seen, " "))

-- A count hook set while the loops run: the copies hand over to the ordinary loops when it fires.
local fired = 0 -- (how often it fires differs: LuaJIT counts only interpreted instructions)
debug.sethook(function() fired = fired + 1 end, "", 1000)
local hooked = filled(20000, false)
print("hooked", sieve(hooked, 20000))
debug.sethook()

-- A line hook set before the code is compiled: every line of the loops is reported.
local lines = {}
debug.sethook(function(_, line)
  if debug.getinfo(2, "S").source == "=guarded" then lines[#lines + 1] = line end
end, "l")
local f = load([[
local t, c = { false, false, false, false, false, false }, 0
for i = 2, 6 do
  if not t[i] then
    c = c + 1
    for j = i * i, 6, i do
      t[j] = true
    end
  end
end
return c
]], "=guarded")
local r = f()
debug.sethook()
print(r, table.concat(lines, ","))
