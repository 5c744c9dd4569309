local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- An uncaught serialization error.
print("start")
buffer.encode({ print })
