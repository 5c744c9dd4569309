local buffer = require "string.buffer"
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x ", c:byte()) end)) end
-- dict: hash keys found in the dictionary are written as their index.
local b = buffer.new({ dict = { "name", "age" } })
b:encode({ name = "x" })
print(hex(b:tostring()))
b:reset():encode({ age = 7 })
print(hex(b:tostring()))
b:reset():encode({ other = 1 })
print(hex(b:tostring()))
b:reset():encode({ "name" })
print(hex(b:tostring()))
