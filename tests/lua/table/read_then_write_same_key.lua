-- A read of t[k] followed by a store to t[k] (the counting idiom): the store reuses the node the read found.
-- Covers the cases where that node is no longer the key's: a rehash, a removal, a compaction or a traversal
-- between the read and the store, equal keys that are different objects, and a __newindex that appears later.
local function sorted(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k] or t[tonumber(k)]) end
  return table.concat(out, " ")
end

-- the idiom itself, with keys built at run time (short ones are shared, long ones are separate objects)
local counts = {}
local long = string.rep("x", 50)
for i = 1, 200 do
  local w = "w" .. (i % 7)
  counts[w] = (counts[w] or 0) + 1
  local l = long .. (i % 3)
  counts[l] = (counts[l] or 0) + 1
end
print(sorted(counts))

-- the read's node moves between the read and the store: the right-hand side grows the table (rehash)
local t = { a = 1 }
local function grow(tb, n)
  for i = 1, n do tb["g" .. i] = i end
  return 10
end
t.a = t.a + grow(t, 100)
print(t.a, t.g1, t.g100)

-- the key is removed, the table compacted, and other keys inserted between the read and the store
local u = {}
for i = 1, 16 do u["k" .. i] = i end
local function churn(tb)
  for i = 1, 16 do tb["k" .. i] = nil end
  for i = 1, 16 do tb["n" .. i] = -i end
  return 1
end
local v = u.k5
u.k5 = (v or 0) + churn(u)
print(u.k5, u.k4, u.n1, u.n16)
local count = 0
for _ in pairs(u) do count = count + 1 end
print(count)

-- a read of one key then a store to another key at the same node index in a different table
local p, q = { x = 1, y = 2 }, { y = 3, x = 4 }
local _ = p.x
p.y = (q.y or 0) + 1
q.x = (p.x or 0) + 10
print(p.x, p.y, q.x, q.y)

-- a store after next() found the key: during a traversal, assigning to existing keys and clearing them
local r = {}
for i = 1, 50 do r["r" .. i] = i end
local visited, sum = 0, 0
for k, val in pairs(r) do
  visited = visited + 1
  r[k] = val * 2
  if val % 5 == 0 then r[k] = nil end
end
for _, val in pairs(r) do sum = sum + val end
print(visited, sum)

-- the stored value is nil: the key becomes absent and a later idiom brings it back
local s = { a = 1 }
local dummy = s.a
s.a = nil
print(s.a, next(s))
s.a = (s.a or 100) + 1
print(s.a)

-- a __newindex that appears between uses: a present key is stored raw, an absent one goes to the handler
local m = { hit = 1 }
local log = {}
m.hit = (m.hit or 0) + 1
setmetatable(m, { __newindex = function(tb, k, val) log[#log + 1] = k .. ":" .. tostring(val); rawset(tb, k, val) end })
m.hit = (m.hit or 0) + 1
m.miss = (m.miss or 0) + 1
m.miss = (m.miss or 0) + 1
print(m.hit, m.miss, table.concat(log, ","))

-- __index on a missing key, then a store to that key
local base = { inherited = 5 }
local obj = setmetatable({}, { __index = base })
obj.inherited = obj.inherited + 1
print(obj.inherited, base.inherited, rawget(obj, "inherited"))

-- a weak-valued table still collects after the idiom touched its keys
local weak = setmetatable({}, { __mode = "v" })
weak.keep = (weak.keep or 0) + 1
weak.obj = {}
local seen = weak.obj
weak.obj = weak.obj
seen = nil
collectgarbage()
collectgarbage()
print(weak.keep, weak.obj)

-- number keys normalised and string keys that look like numbers stay distinct
local n = {}
n["1"] = (n["1"] or 0) + 1
n[1] = (n[1] or 0) + 10
n[1.0] = (n[1.0] or 0) + 100
n["1"] = (n["1"] or 0) + 1
print(n["1"], n[1])
