local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- 64-bit integer and complex tags need the ffi; without it LuaJIT refuses them.
print(pcall(buffer.decode, "\16\1\0\0\0\0\0\0\0"))
print(pcall(buffer.decode, "\17\1\0\0\0\0\0\0\0"))
print(pcall(buffer.decode, "\18" .. string.rep("\0", 16)))
