-- Number copies that key arrays by their counter as an exact int (Emit/FunctionCompiler.IntKeys): the start and
-- step must be integers within 2^29, the copy runs to a limit clamped to ±2^29 and hands the rest to the ordinary
-- loop. Fractional, huge, NaN and -0 starts, steps and limits, keys of the counter plus or minus constants, keys
-- outside the array, holes, metatables, errors, nested loops with computed steps, and yields in the ordinary loop.

local function array(n, f)
  local t = {}
  for i = 1, n do t[i] = f(i) end
  return t
end

local t = array(10, function(i) return i * 10 end)

-- Reads by the counter and by the counter plus or minus constants.
local s = 0
for i = 1, 10 do s = s + t[i] end
print("sum", s)
s = 0
for i = 2, 10 do s = s + t[i - 1] * t[i] end
print("products", s)
s = 0
for i = 1, 9 do s = s + t[i + 1] - t[1 + i] + t[i] end
print("offsets", s)
s = 0
for i = 10, 1, -1 do s = s * 2 + t[i] end
print("downwards", s)
s = 0
for i = 1, 10, 3 do s = s + t[i] end
print("step 3", s)

-- Keys outside the array part: the ordinary loop gives the nil, and the error with its message.
print(pcall(function() local s = 0; for i = 0, 3 do s = s + t[i] end; return s end))
print(pcall(function() local s = 0; for i = 8, 12 do s = s + t[i] end; return s end))
print(pcall(function() local s = 0; for i = 2, 5 do s = s + t[i - 2] end; return s end))
print(pcall(function() local s = 0; for i = 1, 5 do s = s + t[i + 0.5] end; return s end))

-- Fractional, -0, NaN and string starts, steps and limits: no exact ints, or none at all.
local h = {}
for i = 1, 10 do h[i] = i end
h[1.5], h[2.5], h[-0.5] = 100, 200, 300
s = 0
for i = 0.5, 2.5 do s = s + (h[i] or 0) end
print("fractional start", s)
print(pcall(function() local s = 0; for i = 1.5, 3 do s = s + h[i] end; return s end))
s = 0
for i = -0.5, 0 do s = s + h[i] end
print("negative fraction", s)
print(pcall(function() local s = 0; for i = 1, 3, 0.5 do s = s + h[i] end; return s end))
s = 0
for i = 1, 3.7 do s = s + h[i] end
print("fractional limit", s)
s = 0
for i = 5, 1.2, -1 do s = s + h[i] end
print("fractional limit down", s)
s = 0
for i = -0.0, 3 do s = s + (i == 0 and 1 or h[i]) end
print("minus zero", s)
s = 0
for i = 1, 0 / 0 do s = s + h[i] end
print("nan limit", s)
s = 0
for i = "2", "4" do s = s + h[i] end
print("string bounds", s)
print(pcall(function() local s = 0; for i = 0 / 0, 3 do s = s + h[i] end; return s end))

-- Limits past the clamp: the ordinary loop goes on from the bound.
local n = 0
s = 0
for i = 2 ^ 29, 2 ^ 29 + 5 do
  if i < 0 then s = s + h[i] end
  n = n + 1
end
print("past the bound", n, s)
n = 0
for i = -2 ^ 29, -2 ^ 29 - 5, -1 do
  if i > 0 then s = s + h[i] end
  n = n + 1
end
print("past the bound down", n, s)
n = 0
for i = 2 ^ 29 - 2, math.huge do
  if i > 2 ^ 29 + 3 then break end
  if i < 0 then s = s + h[i] end
  n = n + 1
end
print("huge limit with break", n)
n = 0
for i = 1, math.huge do
  if not h[i] then break end
  n = n + 1
end
print("until a hole", n)
n = 0
for i = 2 ^ 29 + 1, 2 ^ 29 + 3 do if i < 0 then s = s + h[i] end; n = n + 1 end
print("start past the bound", n)
n = 0
for i = 1, 3, 2 ^ 29 + 1 do s = s + h[i]; n = n + 1 end
print("step past the bound", n, s)
n = 0
for i = 2 ^ 31 - 2, 2 ^ 31 + 2 do if i < 0 then s = s + h[i] end; n = n + 1 end
print("past 2^31", n)
n = 0
for i = 2 ^ 52 - 2, 2 ^ 52 + 1 do if i < 0 then s = s + h[i] end; n = n + 1 end
print("near 2^52", n)

-- Stores by the counter: holes, appends past the array part, __newindex on holes, a non-table.
local w = array(8, function() return 0 end)
for i = 1, 8 do w[i] = i * i end
print("stores", table.concat(w, ","))
for i = 6, 12 do w[i] = -i end
print("appends", #w, table.concat(w, ","))
local holes = { 1, 2, nil, 4 }
local log = {}
setmetatable(holes, { __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v * 100) end })
for i = 1, 4 do holes[i] = i end
print("newindex", holes[1], holes[2], holes[3], holes[4], table.concat(log, ","))
local proxied = setmetatable({}, { __index = function(_, k) return k * 1000 end })
s = 0
for i = 1, 4 do s = s + proxied[i] end
print("index", s)
print(pcall(function() local x = 5; for i = 1, 3 do x[i] = i end end))
print(pcall(function() local x = "abc"; local s = 0; for i = 1, 3 do s = s + x[i] end; return s end))
local mixed = { 1, 2, "3", 4, true, 6 }
print(pcall(function() local s = 0; for i = 1, 6 do s = s + mixed[i] end; return s end))

-- Nested: a sieve (the outer counter and the inner one as keys, the inner step computed) and a matrix product.
local function sieve(limit)
  local composite = {}
  for i = 1, limit do composite[i] = false end
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
print("sieve", sieve(100))
print("sieve", sieve(10007))
local grid = array(12, function(i) return i end)
local c = 0
for i = 1, 3 do
  if grid[i] then
    for j = 2 ^ 29 - 1, 2 ^ 29 + 2 do
      if j < 0 then s = s + grid[j] end
      c = c + 1
    end
  end
end
print("nested past the bound", c)
c = 0
for i = 1, 4 do
  if grid[i] then
    for j = i + 0.5, 6 do c = c + (grid[j] or 1) end
  end
end
print("nested fractional start", c)
print(pcall(function()
  local c = 0
  for i = 1, 4 do
    if grid[i] then
      for j = i, 14, i do c = c + grid[j] end
    end
  end
  return c
end))

-- A yield from __index in the ordinary loop the copy hands over to, then the copy again.
local yielding = setmetatable({ 1, 2, 3 }, { __index = function(_, k) return coroutine.yield(k) end })
local co = coroutine.wrap(function()
  local s = 0
  for i = 1, 6 do s = s + yielding[i] end
  return "done", s
end)
print(co())
print(co(40))
print(co(50))
print(co(60))
