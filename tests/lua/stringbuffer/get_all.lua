local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- get() and get(nil) take everything.
local b = buffer.new():put("abcdef")
print(b:get(), #b)
b:put("xyz")
print(b:get(nil), #b)
print(b:get(), #b)
