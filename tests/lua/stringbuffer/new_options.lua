local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- Options tables, with or without a size.
print(type(buffer.new({})), type(buffer.new(10, {})), type(buffer.new(nil, {})))
print(type(buffer.new({ dict = {} })), type(buffer.new({ metatable = {} })))
print(type(buffer.new({ dict = 1 })), type(buffer.new({ metatable = "x" })), type(buffer.new({ foo = 1 })))
