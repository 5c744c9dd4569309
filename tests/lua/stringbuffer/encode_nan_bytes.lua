local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- NaN and signed zero keep their bits.
print(hex(buffer.encode(0 / 0)), hex(buffer.encode(-(0 / 0))))
print(hex(buffer.encode(0)), hex(buffer.encode(-0)))
print(hex(buffer.encode(math.huge)), hex(buffer.encode(-math.huge)))
print(hex(buffer.encode(5e-324)))
