local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- skip drops bytes from the front and chains.
local b = buffer.new():put("abcdefgh")
print(b:skip(2) == b, b:tostring())
print(b:skip(2.9):tostring())
print(b:skip(100):tostring(), #b)
b:put("new")
print(b:tostring())
print(pcall(b.skip, b, -1))
print(pcall(b.skip, b, "1"))
print(pcall(b.skip, b))
print(pcall(function() b:skip("2") end))
