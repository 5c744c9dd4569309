local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- new's argument checks.
print(pcall(buffer.new, "10"))
print(pcall(buffer.new, -1))
print(pcall(buffer.new, 2^31))
print(pcall(buffer.new, 1, 2))
print(pcall(buffer.new, 10, nil))
print(pcall(function() buffer.new(true) end))
print(pcall(function() buffer.new(1, "x") end))
