local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- get on an empty buffer gives empty strings.
local b = buffer.new()
print(b:get() == "", select("#", b:get()))
print(select("#", b:get(1, 2, 3)), b:get(5) == "")
