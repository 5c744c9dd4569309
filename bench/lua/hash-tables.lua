-- Hash tables with string keys: word counting, lookups, deletions and iteration (sum over the
-- values, so the iteration order does not change the checksum).
local n = tonumber(arg and arg[1]) or 12000000

local syllables = { "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qu", "ph", "an" }
local nsyl = #syllables
-- A deterministic generator (math.random differs between Lua implementations).
local seed = 42
local function nextRandom(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end

local words = {}
for i = 1, 5000 do
  local w = syllables[nextRandom(nsyl) + 1] .. syllables[nextRandom(nsyl) + 1] .. syllables[nextRandom(nsyl) + 1]
  if i % 3 == 0 then w = w .. i end
  words[i] = w
end

local counts = {}
for i = 1, n do
  local w = words[nextRandom(5000) + 1]
  counts[w] = (counts[w] or 0) + 1
end

local distinct, total = 0, 0
for k, v in pairs(counts) do
  distinct = distinct + 1
  total = total + v * #k
end

-- Lookups that hit and miss, then removal of half of the keys.
local hits, misses = 0, 0
for i = 1, n do
  local w = words[i % 5000 + 1]
  if counts[w] then hits = hits + 1 end
  if counts[w .. "?"] then misses = misses + 1 end
end
for i = 1, 5000, 2 do counts[words[i]] = nil end
local left = 0
for _, v in pairs(counts) do left = left + v end

-- Records with fixed string fields (the object-as-hash pattern).
local sum = 0
for i = 1, n / 10 do
  local rec = { name = words[i % 5000 + 1], age = i % 90, city = syllables[i % nsyl + 1], score = i * 0.5 }
  rec.age = rec.age + 1
  sum = sum + rec.age + #rec.name + #rec.city + rec.score
end
print("distinct " .. distinct, "total " .. total, "hits " .. hits, "misses " .. misses,
  "left " .. left, "sum " .. sum)
