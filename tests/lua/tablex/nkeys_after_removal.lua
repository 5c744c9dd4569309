local nkeys = require "table.nkeys"
local t = { a = 1, b = 2, c = 3 }
t.b = nil
print(nkeys(t))
t.b = 2
t.d = 4
print(nkeys(t))
