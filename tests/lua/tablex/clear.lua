local clear = require "table.clear"
-- clear removes every entry and keeps the metatable.
local mt = {}
local t = setmetatable({ 1, 2, 3, a = 1, b = 2 }, mt)
print(clear(t))
print(next(t), #t, getmetatable(t) == mt)
t[1] = "again"
t.k = "v"
print(t[1], t.k, #t)
