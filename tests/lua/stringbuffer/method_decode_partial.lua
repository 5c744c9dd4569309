local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A failed decode leaves the buffer as it was.
local b = buffer.new():put("\7\0\0")
print(pcall(b.decode, b))
print(#b)
b:put("\0\0\0\0\240\63")
print(b:decode(), #b)
b:put("\1\2")
print(b:decode(), #b, b:decode(), #b)
