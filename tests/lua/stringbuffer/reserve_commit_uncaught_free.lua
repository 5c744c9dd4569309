local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- commit needs free space: none in a new buffer.
local b = buffer.new()
print(pcall(b.commit, b, 1))
print(pcall(b.commit, b, -1))
print(pcall(b.commit, b, "1"))
print(b:commit(0) == b, #b)
