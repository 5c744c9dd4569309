local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Encoded strings are 8-bit clean.
local t = {}
for i = 0, 255 do t[#t + 1] = string.char(i) end
local all = table.concat(t)
print(buffer.decode(buffer.encode(all)) == all)
local keyed = buffer.decode(buffer.encode({ [all] = all }))
print(keyed[all] == all)
