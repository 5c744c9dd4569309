local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Writers chain: a whole pipeline in one expression.
local s = buffer.new():put("a"):putf("%d", 1):put("b"):skip(1):tostring()
print(s)
print(buffer.new():set("xyz"):reset():put("q"):tostring())
