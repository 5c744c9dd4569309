local new = require("table.new")
print(type(new(0, 0)), type(new(100, 0)), type(new(0, 100)))
local t = new(3, 0)
t[1], t[2], t[3] = "a", "b", "c"
print(#t, table.concat(t))
print(pcall(new))
print(pcall(new, "x", 1))
print(table.new == nil or type(table.new))
