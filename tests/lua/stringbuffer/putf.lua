local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- putf appends string.format's output.
local b = buffer.new()
print(b:putf("%d-%s-%5.2f", 3, "x", 1.5) == b)
b:putf("[%q]", "a\0b\n")
b:putf("%x %X %o %c", 255, 255, 8, 65)
print(b:tostring())
print(buffer.new():putf(5):tostring())
