local t = {1, 2, 3, 4, 5}
table.move(t, 2, 4, 1)
print(table.concat(t, ","))
local dst = table.move({1, 2, 3}, 1, 3, 3, {"a", "b"})
print(table.concat(dst, ","))
local r = table.move({1, 2, 3}, 1, 3, 2)
print(table.concat(r, ","))
print(#table.move({}, 1, 0, 1, {9}))
print(pcall(table.move, {}, 1))
