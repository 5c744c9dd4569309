local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Raw bytes and encoded values can share a buffer.
local b = buffer.new()
b:put("HDR"):encode({ a = 1 }):put("TAIL")
print(b:get(3))
print(b:decode().a)
print(b:get())
