local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- false in a dictionary keeps a slot without a string.
local b = buffer.new({ dict = { false, "b" } })
b:encode({ b = 1 })
print(hex(b:tostring()))
print(pcall(function() return b:set("\9\1\15\0\1"):decode() end))
