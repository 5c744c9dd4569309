local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A metatable index that is missing, or a bad tag after it.
local b = buffer.new({ metatable = { {} } })
print(pcall(function() return b:set("\14\1\8"):decode() end))
print(pcall(function() return b:set("\14\0\7"):decode() end))
print(pcall(function() return b:set("\14\0"):decode() end))
print(pcall(function() return type(b:set("\14\0\8"):decode()) end))
