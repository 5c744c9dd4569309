-- String-key lookups that miss are answered from a per-table summary of the keys' hashes; every way a
-- key can enter or leave a table must keep present keys found: inserts that rehash, removals, a dead
-- node reused by another key (string after number, number after string), table.clear, preallocated
-- tables, and weak tables put back after a collection.
local function check(t, present, absent, label)
  local bad = 0
  for _, k in ipairs(present) do if t[k] == nil then bad = bad + 1 end end
  for _, k in ipairs(absent) do if t[k] ~= nil then bad = bad + 1 end end
  print(label, #present, #absent, bad)
end

local keys, others = {}, {}
for i = 1, 300 do keys[i] = "key" .. i; others[i] = "other" .. i end

local t = {}
for i = 1, 300 do t[keys[i]] = i end
check(t, keys, others, "grown")

for i = 1, 300, 2 do t[keys[i]] = nil end
local odd, even = {}, {}
for i = 1, 300 do if i % 2 == 1 then odd[#odd + 1] = keys[i] else even[#even + 1] = keys[i] end end
check(t, even, odd, "halved")

-- Keys come and go (dead nodes reused, in-place compaction), mixed with number keys.
for round = 1, 20 do
  for i = 1, 50 do t[others[(round * 7 + i) % 300 + 1]] = round end
  for i = 1, 50 do t[others[(round * 7 + i) % 300 + 1]] = nil end
  t[round + 0.5] = round; t[round + 0.5] = nil
end
check(t, even, odd, "churned")
for i = 1, 300 do t[i * 1000] = i end
for i = 1, 300 do t[i * 1000] = nil; t["n" .. i] = i end
local ns = {}
for i = 1, 300 do ns[i] = "n" .. i end
check(t, ns, others, "numbers then strings")

-- Keys built at run time (not the same objects as the ones stored).
local built = {}
for i = 2, 300, 2 do built[#built + 1] = ("key" .. (i * 10)):sub(1, -2) end
check(t, built, { "key", "key0", "ke", "" }, "built keys")

-- table.clear keeps the space and forgets every key.
local ok, clear = pcall(require, "table.clear")
if ok then
  clear(t)
  check(t, {}, keys, "cleared")
  for i = 1, 10 do t[keys[i]] = i end
  check(t, { unpack(keys, 1, 10) }, { unpack(keys, 11, 300) }, "refilled")
end

-- Preallocated tables (table.new), filled afterwards.
local okNew, new = pcall(require, "table.new")
if okNew then
  local p = new(0, 64)
  for i = 1, 40 do p[keys[i]] = true end
  check(p, { unpack(keys, 1, 40) }, { unpack(keys, 41, 300) }, "preallocated")
end

-- Weak values: collected entries vanish, surviving ones are found again after the collection.
local weak = setmetatable({}, { __mode = "v" })
local keep = {}
for i = 1, 100 do
  local v = {}
  weak[keys[i]] = v
  if i % 4 == 0 then keep[#keep + 1] = v end
end
collectgarbage(); collectgarbage()
local kept, gone = {}, {}
for i = 1, 100 do if i % 4 == 0 then kept[#kept + 1] = keys[i] else gone[#gone + 1] = keys[i] end end
check(weak, kept, gone, "weak values")

-- Objects and classes: fields on the instance, methods and missing names through __index.
local Class = {}
Class.__index = Class
function Class:get() return self.value end
local objects = {}
for i = 1, 50 do objects[i] = setmetatable({ value = i, ["f" .. i] = i }, Class) end
local sum, misses = 0, 0
for i = 1, 50 do
  local o = objects[i]
  sum = sum + o:get() + o["f" .. i]
  if o.missing == nil and o["f" .. (i + 1)] == nil then misses = misses + 1 end
end
print("objects", sum, misses)
