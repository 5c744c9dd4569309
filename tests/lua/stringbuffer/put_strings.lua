local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- put appends strings; it returns the buffer for chaining.
local b = buffer.new()
print(b:put("hello") == b)
b:put(", ", "world"):put("!")
print(b:tostring(), #b)
b:put()
print(b:tostring())
