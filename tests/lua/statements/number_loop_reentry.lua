-- A numeric for's number copy, entered again after a bail-out: the ordinary loop does the one iteration the
-- copy could not (a store that grows the table, a nil or non-number element, a metamethod) and its back-edge
-- goes back into the copy, which tests everything again. What the metamethods of that iteration changed (a
-- metatable set, the array part grown or moved to the hash part, a variable turned into a string) must be seen.

local function census(t, n)
  local counts = {}
  for i = 1, n do
    local k = type(t[i]) .. ":" .. tostring(t[i])
    counts[k] = (counts[k] or 0) + 1
  end
  local keys = {}
  for k in pairs(counts) do keys[#keys + 1] = k end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. counts[k] end
  return table.concat(out, " ")
end

-- Appends: the array part doubles many times while the loop runs; the border and # follow.
local function fill(t, n, v)
  for i = 1, n do t[i] = v end
  return t
end
for _, n in ipairs({ 0, 1, 2, 3, 5, 17, 100, 1000, 70000 }) do
  local t = fill({}, n, false)
  print("fill", n, #t, census(t, n))
end
local numbers = fill({}, 5000, 1.5)
print("numbers", #numbers, census(numbers, 5000))
-- A nil stored at the border, then appends again, then # after each.
local border = fill({}, 40, true)
local function cut(t, from, to)
  for i = from, to do t[i] = nil end
end
cut(border, 31, 40)
print("cut", #border)
fill(border, 50, 7)
print("refill", #border, census(border, 50))

-- Holes: every element nil in the middle (each read bails out, the ordinary loop reads it).
local function sum(t, n)
  local s = 0
  for i = 1, n do s = s + t[i] end
  return s
end
local holey = fill({}, 300, 2)
for i = 10, 300, 10 do holey[i] = 0.5 end
print("sum", sum(holey, 300))
local strings = fill({}, 300, 1)
for i = 3, 300, 3 do strings[i] = tostring(i) end -- strings coerce: the ordinary loop adds them
print("strings", sum(strings, 300))
local bad = fill({}, 300, 1)
bad[250] = {}
print(pcall(sum, bad, 300))

-- More bail-outs than re-entries (every element a string): still the same sum.
local allStrings = {}
for i = 1, 1000 do allStrings[i] = "1" end
print("all strings", sum(allStrings, 1000))

-- __index answers nil elements; it sets a metatable on another table and turns a field into something else.
local calls = 0
local other = fill({}, 20, 1)
local lazy = setmetatable({}, { __index = function(t, k)
  calls = calls + 1
  if k == 50 then setmetatable(other, { __newindex = function(t2, k2, v) rawset(t2, k2, v * 10) end }) end
  return k % 2
end })
for i = 1, 100 do if i % 7 ~= 0 then rawset(lazy, i, 1) end end
print("lazy", sum(lazy, 100), calls)
-- The store loop on a table that gets a __newindex mid-way (from the __index of the table it reads).
local function copyInto(dst, src, n)
  for i = 1, n do dst[i] = src[i] end
  return dst
end
local src = setmetatable({}, { __index = function(t, k)
  if k == 30 then setmetatable(other, { __newindex = function(t2, k2, v) rawset(t2, k2, v + 1000) end }) end
  return k
end })
for i = 1, 60 do if i % 10 ~= 0 then rawset(src, i, i) end end
local copied = copyInto(other, src, 60)
print("copy", sum(copied, 60), copied[29], copied[30], copied[31], copied[60], #copied)

-- A variable of the copy turned into a string by a metamethod of the ordinary iteration: the copy's entry
-- test sees it and the rest runs as the ordinary loop (string arithmetic).
local acc = 0
local function accumulate(t, n)
  for i = 1, n do acc = acc + t[i] end
end
local turning = setmetatable({}, { __index = function(t, k) acc = tostring(acc); return 1 end })
for i = 1, 50 do if i ~= 25 then rawset(turning, i, 1) end end
accumulate(turning, 50)
print("turned", type(acc), acc)

-- A table whose array part moves to the hash part (a rehash while the loop runs): keys set backwards.
local backwards = {}
for i = 200, 1, -1 do backwards[i] = i end
print("backwards", sum(backwards, 200))
local function grow(t, n)
  for i = 1, n do t[i] = i * 2 end
  return t
end
local pre = { [1000] = 1, [2000] = 2 }
print("grow", sum(grow(pre, 3000), 3000), pre[1000], #pre >= 2000)

-- NaN, -0 and fractional keys make stores and reads bail out each time.
local weird = {}
local function keys(t, n)
  for i = 1, n do t[i / 2] = i end
  return t
end
keys(weird, 20)
print("fractional", census(weird, 10), weird[0.5], weird[2.5])
local function nanKeys(t, n)
  for i = 1, n do t[i - i + 0 / 0] = 1 end
end
print(pcall(nanKeys, {}, 3))
local function negZero(t, n)
  for i = 1, n do t[-0 * i + i - i] = i end
  return t[0]
end
print("neg zero", negZero({}, 4))

-- A loop variable captured by a closure: no copy, same behaviour.
local fs = {}
for i = 1, 5 do fs[i] = function() return i end end
print("captured", fs[1](), fs[5]())

-- An error in the ordinary iteration after re-entries: message and line.
local function failing(t, n)
  for i = 1, n do t[i] = i end
  for i = 1, n + 1 do t[i] = t[i] + 1 end
  return t
end
print(pcall(failing, {}, 100))

-- A coroutine yield from __index in the ordinary iteration, between re-entries.
local yieldy = setmetatable({}, { __index = function(t, k)
  coroutine.yield(k)
  return 1
end })
for i = 1, 40 do if i % 9 ~= 0 then rawset(yieldy, i, 2) end end
local co = coroutine.wrap(function() return "sum " .. sum(yieldy, 40) end)
local seen = {}
while true do
  local r = co()
  seen[#seen + 1] = r
  if type(r) == "string" then break end
end
print(table.concat(seen, " "))
-- The same through a yielding __newindex while filling.
local yieldStore = setmetatable({}, { __newindex = function(t, k, v)
  if k % 16 == 0 then coroutine.yield(k) end
  rawset(t, k, v)
end })
local co2 = coroutine.wrap(function() fill(yieldStore, 70, 3); return "filled " .. #yieldStore end)
local seen2 = {}
while true do
  local r = co2()
  seen2[#seen2 + 1] = r
  if type(r) == "string" then break end
end
print(table.concat(seen2, " "))

-- A count hook while a growing fill runs: the copies hand over to the ordinary loop and back.
debug.sethook(function() end, "", 100)
local hooked = fill({}, 20000, true)
debug.sethook()
print("hooked", #hooked, census(hooked, 20000))

-- A line hook set before the code is compiled: every line of the loop is reported.
local lines = {}
debug.sethook(function(_, line)
  if debug.getinfo(2, "S").source == "=reentry" then lines[#lines + 1] = line end
end, "l")
local f = load([[
local t = {}
for i = 1, 5 do
  t[i] = i
end
return #t
]], "=reentry")
local r = f()
debug.sethook()
print(r, table.concat(lines, ","))
