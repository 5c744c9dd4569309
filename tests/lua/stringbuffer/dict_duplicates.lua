local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A string listed twice keeps its first index.
local b = buffer.new({ dict = { "k", "k", "j" } })
print(hex(b:encode({ k = 1 }):tostring()))
b:reset()
print(hex(b:encode({ j = 1 }):tostring()))
