local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Large contents grow the buffer.
local b = buffer.new()
for i = 1, 1000 do b:put(string.rep("x", 100)) end
print(#b)
print(#b:get(99999), #b)
