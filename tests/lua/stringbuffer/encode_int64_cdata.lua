local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- 64-bit integer cdata encode as tags 0x10 (int64_t) and 0x11 (uint64_t), little-endian.
print(hex(buffer.encode(1LL)), hex(buffer.encode(-2LL)))
print(hex(buffer.encode(0xfffffffffffffffeULL)))
print(hex(buffer.encode({ 5LL })))
