local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- tostring(buf), buf:tostring() and buf:__tostring() agree and do not consume.
local b = buffer.new():put("data")
print(tostring(b), b:tostring(), b:__tostring(), #b)
print(string.format("%s|", tostring(b)))
