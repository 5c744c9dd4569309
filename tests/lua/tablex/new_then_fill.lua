local new = require "table.new"
-- A preallocated table behaves like any other.
local t = new(3, 2)
t[1], t[2], t[3] = "a", "b", "c"
t.x, t.y = 1, 2
print(#t, table.concat(t, ","), t.x + t.y)
t[4] = "d"
print(#t, t[4])
local keys = {}
for k in pairs(t) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
