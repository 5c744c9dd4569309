local buffer = require "string.buffer"
-- Encoded nils in an array part and nil values in the hash part decode to absent keys.
local t = buffer.decode("\12\4\0\7\0\0\0\0\0\0\240\63\0")
print(t[1], t[2], t[3], #t >= 0)
local h = buffer.decode("\9\1\33\120\0")
print(next(h))
local mixed = buffer.decode("\13\2\1\7\0\0\0\0\0\0\0\64\33\121\2")
print(mixed[1], mixed.y)
