local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- reset and free empty the buffer; both chain and the buffer stays usable.
local b = buffer.new():put("abc")
print(b:reset() == b, #b, b:tostring() == "")
b:put("def")
print(b:free() == b, #b)
b:put("ghi")
print(b:tostring())
