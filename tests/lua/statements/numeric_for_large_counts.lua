local s = 0
for i = 1, 1000000 do s = s + i end
print(s)
local c = 0
for i = 1e6, 1, -1 do c = c + 1 end
print(c)
