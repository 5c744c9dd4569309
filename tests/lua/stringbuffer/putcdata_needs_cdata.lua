local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- putcdata wants cdata.
local b = buffer.new()
print(pcall(b.putcdata, b, "x", 1))
print(pcall(b.putcdata, b, {}, 1))
