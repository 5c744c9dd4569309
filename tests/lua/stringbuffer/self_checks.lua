local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Methods check that self is a buffer.
local b = buffer.new()
print(pcall(b.put))
print(pcall(b.put, 1))
print(pcall(b.put, "x"))
print(pcall(b.get, {}))
print(pcall(b.tostring, nil))
print(pcall(b.reset, true))
