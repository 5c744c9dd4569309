local buffer = require "string.buffer"
-- new(size) leaves room that commit(0) may claim; commit chains.
local b = buffer.new(64)
print(b:commit(0) == b, #b)
b:put("abc")
print(b:commit(0):tostring())
