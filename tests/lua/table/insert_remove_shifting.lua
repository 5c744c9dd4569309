local t = {}
for i = 1, 5 do table.insert(t, 1, i) end
print(table.concat(t, " "))
while #t > 0 do io.write(table.remove(t, 1), " ") end
print()
local q = {"a", "b", "c"}
table.insert(q, 2, "X") print(table.concat(q))
print(table.remove(q, #q), table.concat(q))
