-- Two-string concatenations repeated with the same operand objects (answered from the state's pair cache after the
-- second time): results must be equal by content to a fresh join, usable as table keys found by equal strings built
-- any other way, and the lengths at the cache's edges (0, 1, 39, 40, 41 bytes) must behave as any concatenation.
local parts = { "", "a", "ab", "a\0b", "\0", ("x"):rep(19), ("y"):rep(20), ("z"):rep(21), ("w"):rep(39), ("v"):rep(40) }
local results = {}
for round = 1, 4 do
  for i, a in ipairs(parts) do
    for j, b in ipairs(parts) do
      local r = a .. b
      local key = i .. "," .. j
      if round == 1 then results[key] = r
      elseif results[key] ~= r or #r ~= #a + #b then print("mismatch", round, i, j) end
    end
  end
end
local n = 0
for _ in pairs(results) do n = n + 1 end
print("pairs", n)

-- Keys built by concatenation, read back with equal strings built by string.rep, string.char, sub and format.
local t = {}
for i = 1, 200 do
  local k = "key" .. "_" .. i
  t["k" .. "ey_" .. i] = i
end
for r = 1, 3 do
  local s = 0
  for i = 1, 200 do
    local w = "key_"
    s = s + (t[w .. i] or 0)
  end
  print("sum", r, s, t[("key_1"):sub(1, 5)], t[string.char(107, 101, 121, 95, 50)], t[string.format("key_%d", 3)])
end

-- The same two objects many times; the result as a key of a counting table.
local words = {}
for i = 1, 300 do words[i] = string.char(97 + i % 26, 97 + (i * 7) % 26) .. (i % 11) end
local counts = {}
for r = 1, 20 do
  for i = 1, 300 do
    local k = words[i] .. "?"
    counts[k] = (counts[k] or 0) + 1
  end
end
local distinct, total = 0, 0
for k, v in pairs(counts) do distinct = distinct + 1; total = total + v * #k end
print("counts", distinct, total, counts[words[5] .. "?"], counts[words[5] .. "!"])

-- Numbers and metamethods are not strings: coercion and __concat as always.
local mt = { __concat = function(a, b) return "meta(" .. tostring(type(a)) .. "," .. tostring(type(b)) .. ")" end }
local obj = setmetatable({}, mt)
for r = 1, 3 do
  print("x" .. 1, 1 .. "x", "x" .. 1.5, "x" .. -0.0, obj .. "s", "s" .. obj, "s" .. 2^53)
end
print(pcall(function() return "a" .. {} end))
print(pcall(function() local z; return z .. "a" end))

-- A sub result (a string whose hash was never computed) as an operand, then used as a key.
local src = "hello world"
local h = {}
for r = 1, 3 do
  local piece = src:sub(1, 5)
  h[piece .. "!"] = (h[piece .. "!"] or 0) + 1
end
print("sub", h["hello!"])

-- Inside a coroutine, yielding between repeats.
local co = coroutine.wrap(function()
  for r = 1, 3 do coroutine.yield(parts[3] .. parts[4]) end
end)
print(co() == "aba\0b", co() == "aba\0b", #co())
