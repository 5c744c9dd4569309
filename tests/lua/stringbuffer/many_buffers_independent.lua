local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Buffers do not share state.
local a, b = buffer.new(), buffer.new()
a:put("a1")
b:put("b1")
a:put("a2")
print(a:tostring(), b:tostring())
