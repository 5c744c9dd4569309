local new = require("table.new")
local t = new(10, 5)
print(type(t), #t, next(t))
t[1] = 1 t.x = 2
local clear = require("table.clear")
clear(t)
print(#t, next(t))
local u = {1, 2, 3, a = 1}
table.clear = table.clear or clear
clear(u)
print(#u, u.a)
