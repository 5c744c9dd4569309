-- A numeric for whose whole body is `t[i] = v` has its table's array part sized once before it runs
-- (FunctionCompiler.ArrayFillPresize): the end state must be the one the appends reach, one at a time.
-- The layout shows in `#` of tables with holes made after the fill; pairs must visit every key.

local function keys(t)
  -- Sorted: the order of keys in the hash part is LuaJIT's hash order, not the layout under test.
  local ks, n = {}, 0
  for k in pairs(t) do
    n = n + 1
    ks[n] = k
  end
  table.sort(ks, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  local out = {}
  for j, k in ipairs(ks) do
    if j <= 8 or j > n - 6 then out[#out + 1] = tostring(k) .. "=" .. tostring(t[k]) end
  end
  return n .. " [" .. table.concat(out, " ") .. "]"
end

-- After the fill: a few keys past it, near it and far from it; # before and after.
local function probe(name, t, n)
  local before = #t
  t[n + 2] = "a"
  t[n * 2 + 7] = "b"
  t[n + 1] = "c"
  t[n + 40] = "d"
  print(name, n, before, #t, keys(t))
end

local up = "upvalue"
for _, n in ipairs({ 0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 31, 32, 33, 100, 1000, 1025, 70000 }) do
  local c, k = 7, "local"
  local t1 = {} for i = 1, n do t1[i] = false end probe("false", t1, n)
  local t2 = {} for i = 1, n do t2[i] = i end probe("counter", t2, n)
  local t3 = {} for i = 1, n do t3[i] = i * 2 + 1 end probe("arith", t3, n)
  local t4 = {} for i = 1, n do t4[i] = -i / 4 end probe("neg", t4, n)
  local t5 = {} for i = 1, n do t5[i] = "s" end probe("string", t5, n)
  local t6 = {} for i = 1, n do t6[i] = k end probe("local", t6, n)
  local t7 = {} for i = 1, n do t7[i] = up end probe("upvalue", t7, n)
  local t8 = {} for i = 1, n, 1 do t8[i] = c end probe("step1", t8, n)
  local t9 = {} for i = 1.0, n do t9[i] = true end probe("float start", t9, n)
end

-- Tables that already hold keys: appends continuing a dense array, a hole before the fill, overwrites.
do
  local t = { 1, 2, 3 } for i = 4, 100 do t[i] = i end probe("continue", t, 100)
  t = { 1, 2, 3 } for i = 5, 100 do t[i] = i end probe("hole", t, 100)
  t = { 1, 2, 3 } for i = 1, 100 do t[i] = i end probe("overwrite", t, 100)
  t = { 1, 2, 3 } for i = 2, 100 do t[i] = i end probe("overlap", t, 100)
  t = {} t[1] = 1 for i = 2, 3000 do t[i] = 0 end probe("after one", t, 3000)
  t = { 1, 2, 3, nil, 5 } for i = 6, 50 do t[i] = i end probe("nil inside", t, 50)
  t = {} for i = 1, 20 do t[i] = i end t[20] = nil for i = 20, 500 do t[i] = 1 end probe("border moved", t, 500)
  t = {} for i = 1, 64 do t[i] = i end for i = 65, 65 do t[i] = 1 end probe("one more", t, 65)
end

-- A hash part: string keys, a number key far out, key 0, a float key; the fill's appends meet the free nodes.
do
  local t = { x = 1 } for i = 1, 1000 do t[i] = i end probe("hash", t, 1000)
  t = { [5000] = 1 } for i = 1, 1000 do t[i] = i end probe("far key", t, 1000)
  t = { [0] = 0 } for i = 1, 300 do t[i] = i end probe("key 0", t, 300)
  t = { [2.5] = 0 } for i = 1, 300 do t[i] = i end probe("float key", t, 300)
  t = { y = 1 } t.y = nil for i = 1, 300 do t[i] = i end probe("dead node", t, 300)
end

-- __newindex runs for every new key: no presize, each call seen.
do
  local calls = 0
  local store = {}
  local t = setmetatable({}, { __newindex = function(t, k, v) calls = calls + 1 rawset(t, k, v) end })
  for i = 1, 1000 do t[i] = false end
  probe("newindex", t, 1000) print("calls", calls)
  local proxy = setmetatable({}, { __newindex = store })
  for i = 1, 100 do proxy[i] = i end
  print("proxy", #proxy, #store, next(proxy))
  local plain = setmetatable({}, { __index = function() return 1 end })
  for i = 1, 100 do plain[i] = i end probe("index only", plain, 100)
end

-- Bounds: empty and reversed ranges, zero and negative starts, fractional bounds, huge ones, NaN, strings.
do
  local nan = 0 / 0
  local t = {} for i = 1, 0 do t[i] = 1 end probe("empty", t, 0)
  t = {} for i = 5, 1 do t[i] = 1 end probe("reversed", t, 0)
  t = {} for i = 0, 10 do t[i] = i end probe("from 0", t, 10)
  t = {} for i = -5, 10 do t[i] = i end probe("from -5", t, 10)
  t = {} for i = 1, 10.5 do t[i] = i end probe("to 10.5", t, 10)
  t = {} for i = 0.5, 10 do t[i] = i end probe("from 0.5", t, 10)
  t = {} for i = 1, nan do t[i] = i end probe("to nan", t, 0)
  t = {} for i = nan, 10 do t[i] = i end probe("from nan", t, 0)
  t = {} for i = "1", "100" do t[i] = i end probe("strings", t, 100)
  t = {} for i = 2 ^ 31 - 2, 2 ^ 31 + 1 do t[i] = i end probe("2^31", t, 2 ^ 31 + 1)
  t = {} for i = 2 ^ 52, 2 ^ 52 + 2 do t[i] = 1 end print("2^52", #t, keys(t))
  t = {} for i = 1, -2 ^ 40 do t[i] = i end probe("negative huge", t, 0)
  print(pcall(function() local t = {} for i = 1, math.huge do t[i] = i if i > 10 then error("stop " .. #t) end end end))
end

-- The value: a local that holds nil now and something else later, a captured local set by a closure.
do
  local v
  local t = {} for i = 1, 500 do t[i] = v end probe("nil value", t, 0)
  v = 3
  t = {} for i = 1, 500 do t[i] = v end probe("value set", t, 500)
  local w = 1
  local function setw(x) w = x end
  setw(nil)
  t = {} for i = 1, 200 do t[i] = w end probe("captured nil", t, 0)
  setw("w")
  t = {} for i = 1, 200 do t[i] = w end probe("captured set", t, 200)
end

-- Not a table: errors with their messages; a string indexes through its metatable's __index, a store fails.
do
  local s = "abc"
  print(pcall(function() for i = 1, 3 do s[i] = 1 end end))
  local n = 5
  print(pcall(function() for i = 1, 3 do n[i] = 1 end end))
  local u
  print(pcall(function() for i = 1, 3 do u[i] = 1 end end))
  for i = 1, 0 do s[i] = 1 end print("no iterations")
end

-- In a coroutine, and a fill of a table the loop's own counter names (a number: an error).
do
  local co = coroutine.wrap(function(n)
    local t = {} for i = 1, n do t[i] = i end
    coroutine.yield(#t)
    for i = n + 1, 2 * n do t[i] = i end
    return #t, keys(t)
  end)
  print(co(5000)) print(co())
  print(pcall(function() for i = 1, 2 do i[i] = 1 end end))
end

-- Up to the cap (2^24 slots) and past it: the presized array, then appends that grow it again.
do
  local t = {} for i = 1, 2 ^ 24 do t[i] = false end
  print("cap", #t)
  for i = 2 ^ 24 + 1, 2 ^ 24 + 3 do t[i] = true end
  t[2 ^ 24 + 10] = 1
  print("cap+", #t, t[2 ^ 24], t[2 ^ 24 + 3], t[2 ^ 24 + 4])
  t = nil
  collectgarbage()
  local u = {} for i = 1, 2 ^ 24 + 1 do u[i] = 0 end
  u[#u + 1] = 1
  print("past cap", #u, u[2 ^ 24 + 2])
end
