local buffer = require "string.buffer"
-- A 0-based array puts its first value at key 0.
local t = buffer.decode("\10\3\35\122\101\114\35\111\110\101\35\116\119\111")
print(t[0], t[1], t[2], #t)
local u = buffer.decode("\11\1\1\35\122\101\114\33\120\2")
print(u[0], u.x)
