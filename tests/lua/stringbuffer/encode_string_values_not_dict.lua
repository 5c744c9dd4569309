local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Only hash keys use the dictionary, not string values.
local b = buffer.new({ dict = { "v" } })
print(hex(b:encode("v"):tostring()))
b:reset()
print(hex(b:encode({ v = "v" }):tostring()))
