-- Edge cases of the table's layout (array part, hash part, dead nodes, rehash, key normalisation),
-- printed as order-free facts (traversal order differs between implementations).
local function sortedKeys(t)
  local list = {}
  for k, v in pairs(t) do list[#list + 1] = type(k) .. ":" .. tostring(k) .. "=" .. tostring(v) end
  table.sort(list)
  return #list .. " " .. table.concat(list, ",")
end

-- next() order is stable while existing keys are assigned (values change, keys stay where they are).
local t = {}
for i = 1, 40 do t["s" .. i] = i end
for i = 1, 10 do t[i] = i end
t[2.5], t[-1], t[1e300] = "a", "b", "c"
local first = {}
for k in pairs(t) do first[#first + 1] = tostring(k) end
local second, steps = {}, 0
for k, v in pairs(t) do
  second[#second + 1] = tostring(k)
  t[k] = type(v) == "number" and v * 2 or v .. v -- assignment to an existing key during traversal
  steps = steps + 1
end
print("stable", table.concat(first, " ") == table.concat(second, " "), steps, t.s7, t[3], t[2.5])

-- Removal during traversal: every key visited once, removed ones gone, the rest intact.
local removed, visited = 0, 0
for k, v in pairs(t) do
  visited = visited + 1
  if type(k) == "number" or (type(v) == "number" and v % 4 == 0) then t[k] = nil; removed = removed + 1 end
end
print("removal", visited, removed, sortedKeys(t))

-- A rehash with nil values: dead nodes are dropped, live ones kept, then the table grows again.
local r = {}
for i = 1, 64 do r["k" .. i] = i end
for i = 1, 64, 2 do r["k" .. i] = nil end
for i = 65, 200 do r["k" .. i] = i end -- forces rehashes over the dead nodes
local sum, n = 0, 0
for _, v in pairs(r) do sum = sum + v; n = n + 1 end
print("rehash", n, sum, r.k1, r.k2, r.k63, r.k64, r.k200)
-- Keys that come and go (a cache): the table stays correct through many cycles.
local cache, live = {}, 0
for i = 1, 5000 do
  cache["c" .. i] = i
  if i > 16 then cache["c" .. (i - 16)] = nil end
end
for _, v in pairs(cache) do live = live + v end
print("cache", live, cache.c4984, cache.c4985, cache.c5000)

-- Float keys that are integers normalise to the same key; -0 is 0; NaN cannot be a key; NaN reads are nil.
local f = {}
f[1] = "one"; f[1.0] = "one again"; f[2^0] = "still one"
f[0] = "zero"; f[-0] = "minus zero"; f[0.0] = "zero float"
f[3.5] = "three and a half"; f[1e15] = "big"; f[-7] = "neg"
print("floats", f[1], f[0], f[-0], f[3.5], f[1e15], f[-7.0], #f, sortedKeys(f))
print("nan", f[0/0], pcall(function() f[0/0] = 1 end))
print("nan rawset", pcall(rawset, f, 0/0, 1))
print("nil key", pcall(function() f[nil] = 1 end), f[nil])
local m = {}
m[2^53] = "2^53"; m[2^53 + 1] = "2^53+1 (same double)"; m[2^53 - 1] = "2^53-1"; m[-2^53] = "-2^53"
m[2^31] = "2^31"; m[2^31 - 1] = "2^31-1"; m[-2^31] = "-2^31"; m[2^32 + 1] = "2^32+1"
print("2^53", m[2^53], m[2^53 - 1], m[-2^53], m[2^31], m[2^31 - 1], m[-2^31], m[2^32 + 1], sortedKeys(m))
local inf = {}
inf[1/0] = "inf"; inf[-1/0] = "-inf"
print("inf", inf[1/0], inf[-1/0], inf[math.huge], sortedKeys(inf))

-- Keys moving between the hash part and the array part keep their values.
local mv = {}
for i = 10, 1, -1 do mv[i] = i * i end -- filled backwards: starts in the hash part
mv.x = "x"
for i = 11, 40 do mv[i] = i * i end
local s2 = 0
for i = 1, 40 do s2 = s2 + mv[i] end
print("move", #mv, s2, mv.x, mv[0], mv[41])

-- Weak-keyed and weak-valued tables still collect, and keep what is still referenced.
local keep = {}
local wk = setmetatable({}, { __mode = "k" })
local wv = setmetatable({}, { __mode = "v" })
for i = 1, 50 do
  local key, val = {}, {}
  wk[key] = i
  wv[i] = val
  wv["s" .. i] = val
  if i % 10 == 0 then keep[#keep + 1] = key; keep[#keep + 1] = val end
end
collectgarbage(); collectgarbage()
local nk, nv = 0, 0
for _ in pairs(wk) do nk = nk + 1 end
for _ in pairs(wv) do nv = nv + 1 end
print("weak", nk, nv)

-- __index and __newindex run on missing keys (absent, removed, or never set), not on present ones.
local calls = {}
local proxy = setmetatable({ present = 1 }, {
  __index = function(_, k) calls[#calls + 1] = "get " .. tostring(k); return "default" end,
  __newindex = function(tt, k, v) calls[#calls + 1] = "set " .. tostring(k); rawset(tt, k, v) end,
})
print("meta", proxy.present, proxy.absent, proxy[1], proxy[2.5])
proxy.present = nil
print("meta removed", proxy.present)
proxy.present = 2; proxy.present = 3; proxy.fresh = 4; proxy[7] = 7; proxy[7] = 8
print("meta", table.concat(calls, ","), rawget(proxy, "present"), rawget(proxy, "fresh"), proxy[7])

-- A very large table: array part and hash part both grown far past their first sizes.
local big = {}
for i = 1, 300000 do big[i] = i end
for i = 1, 100000 do big["h" .. i] = i end
local bs, bc = 0, 0
for k, v in pairs(big) do bs = bs + v; bc = bc + 1 end
print("big", #big, bc, bs, big[300000], big.h100000, big[300001])
for i = 300000, 150001, -1 do big[i] = nil end
print("big shrunk", #big, big[150000], big[150001])
