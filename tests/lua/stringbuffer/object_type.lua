local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A buffer is a userdata with a protected metatable.
local b = buffer.new()
print(type(b), getmetatable(b), #b, tostring(b) == "")
print(pcall(setmetatable, b, {}))
