local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Hash parts: 0x09, or 0x0d after an array part.
print(hex(buffer.encode({ x = 1 })))
print(hex(buffer.encode({ 1, x = true })))
print(hex(buffer.encode({ [true] = false })))
print(hex(buffer.encode({ [1.5] = "a" })))
