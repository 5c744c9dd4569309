local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Lengths are truncated toward zero.
local b = buffer.new():put("abcdef")
print(b:get(1.7, 2.2, 0.9))
print(b:get(-0.5))
print(b:tostring())
