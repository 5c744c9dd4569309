local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- set replaces the contents with a string.
local b = buffer.new():put("old")
print(b:set("new") == b, b:tostring())
b:put("er")
print(b:tostring())
local s = "shared"
b:set(s):skip(2)
print(b:tostring(), s)
print(pcall(b.set, b, 12))
print(pcall(b.set, b, {}))
print(pcall(b.set, b))
print(pcall(function() b:set(12) end))
