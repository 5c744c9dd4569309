local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Arrays: 1-based (0x0c) with holes as nil, 0-based (0x0a) when t[0] is set.
print(hex(buffer.encode({})))
print(hex(buffer.encode({ 1, 2 })))
print(hex(buffer.encode({ 1, nil, 3 })))
print(hex(buffer.encode({ nil, 2 })))
print(hex(buffer.encode({ [0] = 5, 6 })))
print(hex(buffer.encode({ true, false, "s" })))
