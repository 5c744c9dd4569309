local clone = require "table.clone"
-- A clone has the same length and the same keys.
local t = { 10, 20, 30, n = 3 }
local c = clone(t)
print(#c, c.n, c[3])
table.insert(c, 40)
print(#c, #t)
