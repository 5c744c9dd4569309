local t = {1, 2, 3, 4, 5}
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, 2), table.concat(t, ","))
local e = {}
print(table.remove(e), #e)
print(table.remove(e, 1))
print(pcall(table.remove, {1, 2}, 5))
print(pcall(table.remove, {1, 2}, 0))
print(pcall(table.remove))
local one = {"x"} print(table.remove(one, #one + 1), #one)
