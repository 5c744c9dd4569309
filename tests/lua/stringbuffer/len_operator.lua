local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- #buf is the number of unread bytes.
local b = buffer.new()
print(#b)
b:put("12345")
print(#b)
b:get(2)
print(#b, b:__len())
