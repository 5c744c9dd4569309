local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- The encoding of nil, booleans and numbers.
print(hex(buffer.encode(nil)), hex(buffer.encode(false)), hex(buffer.encode(true)))
print(hex(buffer.encode(0)), hex(buffer.encode(1)), hex(buffer.encode(-0.5)))
print(hex(buffer.encode(2^31)), hex(buffer.encode(1e300)), hex(buffer.encode(-1/0)))
