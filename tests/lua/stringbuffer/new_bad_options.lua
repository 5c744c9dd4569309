local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Dictionaries must hold strings (dict) or tables (metatable).
print(pcall(function() buffer.new({ dict = { 1, 2 } }) end))
print(pcall(function() buffer.new({ dict = { "a", {} } }) end))
print(pcall(function() buffer.new({ metatable = { 1 } }) end))
print(pcall(function() buffer.new({ metatable = { "x" } }) end))
print(pcall(function() buffer.new({ dict = { "a", false, "b" } }) end))
