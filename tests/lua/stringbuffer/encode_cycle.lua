local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- A table that contains itself is too deep, not an endless loop.
local t = {}
t[1] = t
print(pcall(buffer.encode, t))
local u = {}
u.self = u
print(pcall(buffer.encode, u))
