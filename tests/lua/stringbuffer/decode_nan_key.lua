local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A NaN table key is refused.
print(pcall(buffer.decode, "\9\1\7\0\0\0\0\0\0\248\127\1"))
