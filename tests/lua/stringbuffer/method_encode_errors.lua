local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- buf:encode's checks.
local b = buffer.new()
print(pcall(b.encode, b))
print(pcall(b.encode, b, print))
print(#b)
print(pcall(function() b:encode() end))
