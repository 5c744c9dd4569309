for i = 0, 1, 0.25 do io.write(i, " ") end print()
for i = 1, 0, -0.5 do io.write(i, " ") end print()
local n = 0 for i = 0, 1, 0.1 do n = n + 1 end print(n)
for i = 0.5, 2.5 do io.write(i, " ") end print()
