local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Functions, threads and userdata cannot be serialized.
print(pcall(buffer.encode, print))
print(pcall(buffer.encode, function() end))
print(pcall(buffer.encode, coroutine.create(print)))
print(pcall(buffer.encode, buffer.new()))
print(pcall(buffer.encode, { f = print }))
print(pcall(buffer.encode, { print }))
print(pcall(buffer.encode))
print(pcall(function() return buffer.encode(print) end))
