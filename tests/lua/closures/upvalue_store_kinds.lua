-- Assignments to captured variables (upvalues) switching between kinds of value: a number over a number writes only
-- the payload, anything else the whole value. Each read must see the last value, from every closure sharing it.
local v = 1
local function set(x) v = x end
local function get() return v end
local seen = {}
local values = { 2, -0.0, 0, 1 / 0, -1 / 0, 2 ^ 53, 0.1, "s", "s", "t", true, true, false, nil, {}, set, 5, 5.5 }
for i = 1, 18 do
  set(values[i])
  local got = get()
  if type(got) == "number" then
    seen[#seen + 1] = string.format("%.17g", got) .. (got == 0 and (1 / got < 0 and "(-0)" or "(+0)") or "")
  else
    seen[#seen + 1] = type(got) .. ":" .. tostring(got == values[i])
  end
end
print(table.concat(seen, " "))

-- NaN over a number and a number over NaN
set(0 / 0); print(get() ~= get()); set(3); print(get())

-- a counter shared by two closures and changed in place
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() n = n * 10; return n end
end
local inc, scale = counter()
print(inc(), inc(), scale(), inc(), scale())

-- a generator's seed (the pattern of bench/lua/hash-tables), interleaved with a reset to a string and back
local seed = 42
local function nextRandom(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end
local sum = 0
for i = 1, 1000 do sum = sum + nextRandom(1000) end
print(sum, seed)
seed = "7"
print(pcall(nextRandom, 10), type(seed))
seed = 7
print(nextRandom(100), seed)

-- loop-local captured variables: each iteration its own cell
local fs = {}
for i = 1, 3 do
  local x = i
  fs[i] = function(d) x = x + d; return x end
end
print(fs[1](10), fs[2](10), fs[3](10), fs[1](1))

-- an upvalue assigned inside a coroutine across yields
local state = 0
local co = coroutine.wrap(function()
  for i = 1, 3 do state = state + i; coroutine.yield(state) end
  state = "done"
  return state
end)
print(co(), co(), co(), co(), state)

-- the value kept alive only by the upvalue survives a collection; the old one may go
local holder
do
  local t = setmetatable({}, { __mode = "v" })
  local function keep(x) holder = x end
  keep({ tag = "kept" })
  t[1] = holder
  collectgarbage(); collectgarbage()
  print(t[1] and t[1].tag, holder.tag)
  keep(1)
  keep(2)
  print(holder)
end
