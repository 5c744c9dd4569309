local clone = require "table.clone"
local t = { a = { 1 } }
local c = clone(t)
c.a[1] = 2
c.b = 3
print(t.a[1], t.b, c.b)
