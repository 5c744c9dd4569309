local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- All 256 byte values survive put, get, tostring and set.
local t = {}
for i = 0, 255 do t[#t + 1] = string.char(i) end
local all = table.concat(t)
local b = buffer.new():put(all)
print(#b, b:tostring() == all)
local head = b:get(128)
print(head == all:sub(1, 128), b:get() == all:sub(129))
print(buffer.new():set(all):tostring() == all)
