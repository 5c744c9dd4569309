local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Concatenating a buffer with something that is not a string or number fails.
local b = buffer.new():put("x")
print(pcall(function() return true .. b end))
print(pcall(function() return nil .. b end))
