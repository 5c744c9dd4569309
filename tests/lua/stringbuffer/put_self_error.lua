local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A buffer cannot be put into itself.
local b = buffer.new():put("x")
print(pcall(b.put, b, b))
print(pcall(b.put, b, "a", b))
print(pcall(function() b:put(b) end))
print(b:tostring())
