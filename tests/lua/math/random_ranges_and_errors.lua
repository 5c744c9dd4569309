math.randomseed(7)
local ok = true
for i = 1, 1000 do local v = math.random(3, 5) if v < 3 or v > 5 or v % 1 ~= 0 then ok = false end end
for i = 1, 1000 do local v = math.random() if v < 0 or v >= 1 then ok = false end end
print(ok)
print(pcall(math.random, 0))
print(pcall(math.random, 5, 1))
print(pcall(math.random, 1, 2, 3))
print(math.random(1, 1), math.random(1))
