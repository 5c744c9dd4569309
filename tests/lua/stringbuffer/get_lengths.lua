local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- get(n, ...) returns one string per argument.
local b = buffer.new():put("abcdefghij")
print(b:get(1, 2, 3))
print(b:get(0, 100, 5))
print(#b)
b:put("0123456789")
print(b:get(1, nil, 3))
