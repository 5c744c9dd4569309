local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Light userdata tags decode to userdata and encode back to the same bytes.
local n = buffer.decode("\3")
local p = buffer.decode("\4\1\2\3\4")
print(type(n), type(p))
print(hex(buffer.encode(n)), hex(buffer.encode(p)))
print(hex(buffer.encode(buffer.decode("\5\1\2\3\4\5\6\7\8"))))
