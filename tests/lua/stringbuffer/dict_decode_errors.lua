local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A dictionary index that is missing is an error.
local b = buffer.new({ dict = { "a" } })
print(pcall(function() return type(b:set("\9\1\15\0\1"):decode()) end))
print(pcall(function() return b:set("\9\1\15\1\1"):decode() end))
print(pcall(buffer.decode, "\9\1\15\0\1"))
