for i = 1, -1, -0.5 do io.write(i, " ") end print()
for i = 0.1, 0.35, 0.1 do io.write(string.format("%.17g", i), " ") end print()
for i = -1, -1 do io.write(i, " ") end print()
for i = 3, 3, -1 do io.write(i, " ") end print()
