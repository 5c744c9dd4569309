local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Decoding nests at most 100 tables.
print(pcall(function() return type(buffer.decode(string.rep("\12\2", 100) .. "\0")) end))
print(pcall(buffer.decode, string.rep("\12\2", 101) .. "\0"))
print(pcall(buffer.decode, string.rep("\12\2", 100000)))
