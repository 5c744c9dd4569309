-- Number loops whose last statement stores into an array element: the store happens raw only into a slot of
-- the array part that already holds a value (or of a table without a metatable); anything else hands the
-- iteration to the ordinary loop (__newindex, growth, holes, non-tables, NaN keys, errors).

local function show(t, n)
  local parts = {}
  for i = 1, n do parts[#parts + 1] = tostring(t[i]) end
  return table.concat(parts, " ")
end

-- A sieve: boolean stores with a variable step.
local function sieve(limit)
  local composite = {}
  for i = 1, limit do composite[i] = false end
  local count = 0
  for i = 2, limit do
    if not composite[i] then
      count = count + 1
      for j = i * i, limit, i do composite[j] = true end
    end
  end
  return count
end
print(sieve(1000), sieve(2), sieve(1))

-- Shifts and rotations of number arrays (fannkuch's permutation step).
local p = { 1, 2, 3, 4, 5, 6 }
for i = 2, 5 do
  local t = p[1]
  for j = 1, i do p[j] = p[j + 1] end
  p[i + 1] = t
end
print(show(p, 6))
local q = { 1, 2, 3 }
for j = 1, 3 do q[j] = q[j] * 2 + j end
print(show(q, 3))

-- Growing past the array part, and storing into holes: the ordinary loop.
local grow = { 1, 2 }
for j = 1, 6 do grow[j] = j * j end
print(show(grow, 6), #grow)
local holes = { 1, nil, 3 }
for j = 1, 3 do holes[j] = j + 0.5 end
print(show(holes, 3))

-- __newindex: called for absent keys only, as in the ordinary loop; present keys are stored raw.
local log = {}
local watched = setmetatable({ 10, 20, nil, 40 }, { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. v; rawset(t, k, v) end })
for j = 1, 5 do watched[j] = j end
print(show(watched, 5), table.concat(log, ","))
local ro = setmetatable({ 1, 2, 3 }, { __newindex = function() error("read-only") end })
for j = 1, 3 do ro[j] = 0 end
print(show(ro, 3))
print(pcall(function() for j = 1, 4 do ro[j] = 0 end end))

-- Errors: a non-table, a NaN key, a nil key from a hole read.
print(pcall(function() local s = "abc" for j = 1, 2 do s[j] = 1 end end))
print(pcall(function() local t = { 1, 2 } for j = 1, 2 do t[j * (0 / 0)] = 1 end end))
print(pcall(function() local t, idx = { 1, 2 }, { 1 } for j = 1, 2 do t[idx[j]] = 5 end end))

-- Stores after a conditional break, and values read from the stored table.
local acc = { 1, 1, 0, 0, 0, 0, 0, 0 }
for j = 3, 8 do
  if acc[j - 1] > 10 then break end
  acc[j] = acc[j - 1] + acc[j - 2]
end
print(show(acc, 8))

-- NaN, -0 and inf stored and read back.
local special = { 1, 2, 3 }
for j = 1, 3 do special[j] = (j - 2) / 0 end
print(special[1], special[2] ~= special[2], special[3])
local negz = { 1 }
for j = 1, 1 do negz[j] = -0.0 * j end
print(1 / negz[1])
