local clone = require "table.clone"
-- clone is a shallow copy without the metatable.
local inner = {}
local t = setmetatable({ 1, 2, x = inner, [0] = "z" }, { __index = function() return "mt" end })
local c = clone(t)
print(c ~= t, c[1], c[2], c.x == inner, c[0], getmetatable(c), c.missing)
print(#c, #t)
c[1] = "changed"
print(t[1])
