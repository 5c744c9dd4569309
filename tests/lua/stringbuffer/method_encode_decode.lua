local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- buf:encode appends encodings; buf:decode takes them one at a time.
local b = buffer.new()
print(b:encode(1) == b)
b:encode("two"):encode({ 3 }):encode(nil):encode(true)
print(#b)
print(b:decode(), b:decode(), b:decode()[1], b:decode(), b:decode(), #b)
print(pcall(b.decode, b))
