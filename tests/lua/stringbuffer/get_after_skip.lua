local buffer = require "string.buffer"
-- Reads and skips interleave; an emptied buffer starts over.
local b = buffer.new():put("0123456789")
b:skip(3)
print(b:get(2), #b)
b:skip(1)
print(b:get(), #b)
b:put("ab"):skip(1)
print(b:get(5), #b)
print(b:put("xyz"):skip(0):get(1, 1, 1))
