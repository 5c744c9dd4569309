local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Putting a buffer appends its contents and leaves it unchanged.
local a = buffer.new():put("abc")
local b = buffer.new():put("<"):put(a):put(">")
print(b:tostring(), a:tostring(), #a)
