local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Sizes beyond LuaJIT's table limits are refused before anything is allocated.
print(pcall(buffer.decode, "\10\255\255\255\255\127"))
print(pcall(buffer.decode, "\9\255\255\255\255\127"))
print(pcall(buffer.decode, "\10\255\0\0\0\9"))
print(pcall(buffer.decode, "\9\255\0\0\0\5"))
print(pcall(buffer.decode, "\12\255\0\0\0\1"))
