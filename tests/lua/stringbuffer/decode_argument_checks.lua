local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- decode takes a string only.
print(pcall(buffer.decode, 123))
print(pcall(buffer.decode, {}))
print(pcall(buffer.decode))
