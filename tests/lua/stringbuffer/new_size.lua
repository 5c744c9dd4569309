local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- new(size) preallocates; contents start empty.
local b = buffer.new(100)
print(#b, b:tostring() == "")
print(#buffer.new(0), #buffer.new(nil), #buffer.new(1.5))
