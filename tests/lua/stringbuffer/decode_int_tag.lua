local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Tag 0x06 is a 32-bit little-endian integer.
print(buffer.decode("\6\1\0\0\0"), buffer.decode("\6\255\255\255\255"), buffer.decode("\6\0\0\0\128"))
print(math.type and "" or "numbers", type(buffer.decode("\6\7\0\0\0")))
