local isarray = require "table.isarray"
local t = { 1, 2, 3 }
print(isarray(t))
t.x = 1
print(isarray(t))
t.x = nil
print(isarray(t))
