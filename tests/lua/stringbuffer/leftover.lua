local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- buffer.decode wants exactly one value.
print(pcall(buffer.decode, buffer.encode(1) .. "x"))
print(pcall(buffer.decode, buffer.encode("a") .. buffer.encode("b")))
