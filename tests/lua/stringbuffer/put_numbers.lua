local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Numbers are put as tostring formats them.
local b = buffer.new()
b:put(1, " ", 2.5, " ", -0, " ", 1e100, " ", 2^53, " ", 0.1, " ", 1/0, " ", -1/0, " ", 123456789012345)
print(b:tostring())
