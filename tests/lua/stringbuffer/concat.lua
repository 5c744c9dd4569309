local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Buffers concatenate with strings and numbers on either side.
local b = buffer.new():put("mid")
print(b .. "!", "<" .. b, 1 .. b, b .. 2)
local c = buffer.new():put("zz")
print(b .. c, #(b .. c), type(b .. c))
print("a" .. b .. "c")
