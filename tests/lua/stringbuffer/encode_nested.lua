local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Nested tables.
print(hex(buffer.encode({ {}, { 1 }, { { "a" } } })))
print(hex(buffer.encode({ k = { v = {} } })))
