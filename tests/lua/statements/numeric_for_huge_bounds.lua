local n = 0
for i = math.huge, math.huge do n = n + 1 break end
print(n)
for i = 2^52 - 2, 2^52 do io.write(string.format("%.0f ", i)) end print()
local c = 0 for i = 1, math.huge do c = c + 1 if c == 3 then break end end print(c)
for i = 1, 3, math.huge do io.write(i, " ") end print()
for i = -math.huge, 0, math.huge do io.write(i, " ") break end print()
