local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Lengths must be numbers in range; strings are not converted.
local b = buffer.new():put("abcdef")
print(pcall(b.get, b, -1))
print(pcall(b.get, b, "2"))
print(pcall(b.get, b, {}))
print(pcall(b.get, b, 2^31))
print(pcall(b.get, b, 0/0))
print(pcall(function() return b:get(1, -1) end))
print(b:tostring())
